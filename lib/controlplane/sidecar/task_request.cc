#include "lib/controlplane/sidecar/task_request.h"

#include "absl/strings/match.h"
#include "lib/controlplane/sidecar/go_json.h"

namespace sei::controlplane::sidecar {

std::optional<TaskRequest> DecodeTaskRequest(absl::string_view body) {
  const std::optional<nlohmann::ordered_json> doc = DecodeFirstJsonValue(body);
  if (!doc.has_value()) return std::nullopt;
  TaskRequest request;
  if (doc->is_null()) return request;  // decoding null into a struct is a no-op
  if (!doc->is_object()) return std::nullopt;
  // Walk the members in document order so a later match overwrites an earlier
  // one, as Go's decoder assigns fields as it reads them.
  for (auto it = doc->begin(); it != doc->end(); ++it) {
    const nlohmann::ordered_json& value = it.value();
    if (absl::EqualsIgnoreCase(it.key(), "id") || absl::EqualsIgnoreCase(it.key(), "type")) {
      std::string& field = absl::EqualsIgnoreCase(it.key(), "id") ? request.id : request.type;
      if (value.is_null()) continue;
      if (!value.is_string()) return std::nullopt;
      field = value.get<std::string>();
    } else if (absl::EqualsIgnoreCase(it.key(), "params")) {
      // null resets a map; an object is stored into the existing map.
      if (value.is_null()) {
        request.params = nullptr;
        continue;
      }
      if (!value.is_object()) return std::nullopt;
      if (!request.params.is_object()) request.params = nlohmann::ordered_json::object();
      for (auto member = value.begin(); member != value.end(); ++member) {
        request.params[member.key()] = member.value();
      }
    }
  }
  return request;
}

}  // namespace sei::controlplane::sidecar
