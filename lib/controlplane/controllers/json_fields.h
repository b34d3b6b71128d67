// Null-safe reads of the Kubernetes objects the simulated controllers work
// on. Objects come from clients (kubectl, the operator) and may have any
// shape; nlohmann::json throws on a type mismatch, so every read goes
// through these accessors, which answer "absent" instead.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_JSON_FIELDS_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_JSON_FIELDS_H_

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::controlplane {

using Json = nlohmann::json;

// The value at `path` (object keys), or a null Json when any step is
// missing or not an object. The reference stays valid while `object` does.
const Json& At(const Json& object, std::initializer_list<absl::string_view> path);

// The string / integer / boolean at `path`; empty, nullopt or false when
// missing or of another type.
std::string StringAt(const Json& object, std::initializer_list<absl::string_view> path);
std::optional<int64_t> IntAt(const Json& object, std::initializer_list<absl::string_view> path);
bool BoolAt(const Json& object, std::initializer_list<absl::string_view> path);

// A metav1.Time (RFC 3339) at `path`; nullopt when missing or unparsable.
std::optional<absl::Time> TimeAt(const Json& object, std::initializer_list<absl::string_view> path);

// metadata.labels[key] / metadata.annotations[key]; "" when absent.
std::string LabelOf(const Json& object, absl::string_view key);
std::string AnnotationOf(const Json& object, absl::string_view key);
bool HasLabel(const Json& object, absl::string_view key);

// metadata.name, metadata.namespace, metadata.uid.
std::string NameOf(const Json& object);
std::string NamespaceOf(const Json& object);
std::string UidOf(const Json& object);

// metadata.deletionTimestamp is set: the object is being deleted.
bool Terminating(const Json& object);

// An array at `path`, or an empty array (so callers can iterate blindly).
const Json& ArrayAt(const Json& object, std::initializer_list<absl::string_view> path);

// A copy of `value` when it is an object, else {} (something to build on).
Json ObjectOrEmpty(const Json& value);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_JSON_FIELDS_H_
