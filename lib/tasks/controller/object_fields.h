// Reading fields of live Kubernetes objects (wire JSON) without ever
// throwing: an object read from the API server may lack any field or carry
// an unexpected type, and a task must answer "absent" rather than crash.
#ifndef SEI_LIB_TASKS_CONTROLLER_OBJECT_FIELDS_H_
#define SEI_LIB_TASKS_CONTROLLER_OBJECT_FIELDS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"

namespace sei::tasks {

// The value at a '/'-separated path of object keys ("metadata/name"), or
// nullptr when any step is missing or not an object. No array indexing.
const k8s::Object* FieldAt(const k8s::Object& object, absl::string_view path);

// The string / integer at `path`; nullopt when absent or of another type.
std::optional<std::string> StringAt(const k8s::Object& object, absl::string_view path);
std::optional<int64_t> IntAt(const k8s::Object& object, absl::string_view path);

// metadata.uid, "" when absent.
std::string UidOf(const k8s::Object& object);

// metadata.deletionTimestamp is set: the object is being deleted.
bool IsTerminating(const k8s::Object& object);

// The string entries of a map field such as metadata.labels or
// spec.selector.matchLabels; non-string values are skipped.
std::map<std::string, std::string> StringMapAt(const k8s::Object& object, absl::string_view path);

// True iff metadata.ownerReferences has an entry with that kind and uid
// (`controller_only`: and controller == true).
bool HasOwnerReference(const k8s::Object& object, absl::string_view kind, absl::string_view uid,
                       bool controller_only);

// A status.conditions[] entry of the given type: its status ("True",
// "False", ...) and message; nullopt when there is none.
struct ObjectCondition {
  std::string status;
  std::string message;
};
std::optional<ObjectCondition> ConditionOf(const k8s::Object& object, absl::string_view type);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_OBJECT_FIELDS_H_
