#include "lib/controlplane/http/field_validation.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/schema/admission.h"
#include "lib/controlplane/schema/structural_schema.h"

namespace sei::controlplane {

std::vector<std::string> UnknownFields(const ResourceType& type, const Json& object) {
  std::vector<std::string> pruned;
  if (type.schema == nullptr || !object.is_object()) return pruned;
  // The admission pipeline works in place; the store runs it again on the
  // original, so only the pruned paths of this copy matter here.
  Json copy = object;
  (void)PruneDefaultValidate(*type.schema, &copy, &pruned);
  return pruned;
}

absl::Status CheckFieldValidation(FieldValidation directive, const ResourceType& type,
                                  const Json& object, std::vector<std::string>* warnings) {
  if (directive == FieldValidation::kIgnore) return absl::OkStatus();
  const std::vector<std::string> unknown = UnknownFields(type, object);
  if (unknown.empty()) return absl::OkStatus();
  std::vector<std::string> messages;
  for (const std::string& path : unknown) {
    messages.push_back(absl::StrCat("unknown field \"", path, "\""));
  }
  if (directive == FieldValidation::kStrict) {
    return BadRequestError(absl::StrCat("strict decoding error: ", absl::StrJoin(messages, ", ")));
  }
  for (std::string& message : messages) warnings->push_back(std::move(message));
  return absl::OkStatus();
}

std::string WarningHeaderValue(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    // Header values cannot carry control characters.
    escaped.push_back(static_cast<unsigned char>(c) < 0x20 ? ' ' : c);
  }
  return absl::StrCat("299 - \"", escaped, "\"");
}

}  // namespace sei::controlplane
