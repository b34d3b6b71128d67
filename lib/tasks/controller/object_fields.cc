#include "lib/tasks/controller/object_fields.h"

#include <vector>

#include "absl/strings/str_split.h"

namespace sei::tasks {

const k8s::Object* FieldAt(const k8s::Object& object, absl::string_view path) {
  const k8s::Object* current = &object;
  for (absl::string_view key : absl::StrSplit(path, '/', absl::SkipEmpty())) {
    if (!current->is_object()) return nullptr;
    auto it = current->find(std::string(key));
    if (it == current->end()) return nullptr;
    current = &*it;
  }
  return current;
}

std::optional<std::string> StringAt(const k8s::Object& object, absl::string_view path) {
  const k8s::Object* value = FieldAt(object, path);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

std::optional<int64_t> IntAt(const k8s::Object& object, absl::string_view path) {
  const k8s::Object* value = FieldAt(object, path);
  if (value == nullptr || !value->is_number_integer()) return std::nullopt;
  return value->get<int64_t>();
}

std::string UidOf(const k8s::Object& object) {
  return StringAt(object, "metadata/uid").value_or("");
}

bool IsTerminating(const k8s::Object& object) {
  const k8s::Object* stamp = FieldAt(object, "metadata/deletionTimestamp");
  return stamp != nullptr && !stamp->is_null();
}

std::map<std::string, std::string> StringMapAt(const k8s::Object& object, absl::string_view path) {
  std::map<std::string, std::string> out;
  const k8s::Object* map = FieldAt(object, path);
  if (map == nullptr || !map->is_object()) return out;
  for (auto it = map->begin(); it != map->end(); ++it) {
    if (it.value().is_string()) out[it.key()] = it.value().get<std::string>();
  }
  return out;
}

bool HasOwnerReference(const k8s::Object& object, absl::string_view kind, absl::string_view uid,
                       bool controller_only) {
  const k8s::Object* refs = FieldAt(object, "metadata/ownerReferences");
  if (refs == nullptr || !refs->is_array()) return false;
  for (const k8s::Object& ref : *refs) {
    if (StringAt(ref, "kind") != std::optional<std::string>(std::string(kind))) continue;
    if (StringAt(ref, "uid") != std::optional<std::string>(std::string(uid))) continue;
    const k8s::Object* controller = FieldAt(ref, "controller");
    const bool is_controller =
        controller != nullptr && controller->is_boolean() && controller->get<bool>();
    if (!controller_only || is_controller) return true;
  }
  return false;
}

std::optional<ObjectCondition> ConditionOf(const k8s::Object& object, absl::string_view type) {
  const k8s::Object* conditions = FieldAt(object, "status/conditions");
  if (conditions == nullptr || !conditions->is_array()) return std::nullopt;
  for (const k8s::Object& condition : *conditions) {
    if (StringAt(condition, "type") != std::optional<std::string>(std::string(type))) continue;
    return ObjectCondition{StringAt(condition, "status").value_or(""),
                           StringAt(condition, "message").value_or("")};
  }
  return std::nullopt;
}

}  // namespace sei::tasks
