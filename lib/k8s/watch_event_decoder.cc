#include "lib/k8s/watch_event_decoder.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"

namespace sei::k8s {
namespace {

absl::Status Undecodable(absl::string_view line, absl::string_view why) {
  return ApiError(ErrorReason::kTransport, 0,
                  absl::StrCat("undecodable watch event (", why, "): ", line.substr(0, 256)));
}

}  // namespace

absl::StatusOr<WatchEvent> DecodeWatchEvent(absl::string_view line) {
  nlohmann::json parsed = nlohmann::json::parse(line.begin(), line.end(), nullptr,
                                                /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return Undecodable(line, "not a JSON object");
  if (!parsed.contains("type") || !parsed["type"].is_string()) {
    return Undecodable(line, "no type");
  }
  if (!parsed.contains("object") || !parsed["object"].is_object()) {
    return Undecodable(line, "no object");
  }
  std::string type = parsed["type"].get<std::string>();
  Object& object = parsed["object"];
  if (type == "ERROR") {
    int code = object.contains("code") && object["code"].is_number_integer()
                   ? object["code"].get<int>()
                   : 500;
    return ApiErrorFromResponse(code, object.dump());
  }
  WatchEvent event;
  if (type == "ADDED") {
    event.type = WatchEvent::Type::kAdded;
  } else if (type == "MODIFIED") {
    event.type = WatchEvent::Type::kModified;
  } else if (type == "DELETED") {
    event.type = WatchEvent::Type::kDeleted;
  } else if (type == "BOOKMARK") {
    event.type = WatchEvent::Type::kBookmark;
  } else {
    return Undecodable(line, absl::StrCat("unknown type ", type));
  }
  event.object = std::move(object);
  return event;
}

}  // namespace sei::k8s
