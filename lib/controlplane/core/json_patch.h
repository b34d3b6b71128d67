// JSON Merge Patch (RFC 7386) and JSON Patch (RFC 6902), the bodies of
// PATCH requests with content types application/merge-patch+json and
// application/json-patch+json.
//
// Written here rather than using nlohmann's merge_patch()/patch(): those
// throw, and their errors neither name the failing operation nor match the
// messages a kube-apiserver client expects. Nothing here throws.
#ifndef SEI_LIB_CONTROLPLANE_CORE_JSON_PATCH_H_
#define SEI_LIB_CONTROLPLANE_CORE_JSON_PATCH_H_

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"

namespace sei::controlplane {

// RFC 7386 §2: a null member deletes, an object merges recursively (onto {}
// when the target is not an object), anything else (arrays included)
// replaces. Cannot fail: every JSON value is a valid merge patch.
nlohmann::json ApplyMergePatch(const nlohmann::json& target, const nlohmann::json& patch);

// RFC 6902: applies the operations of `patch` (an array of objects with "op"
// = add|remove|replace|move|copy|test, "path", and "value" or "from" as the
// op requires) in order to a copy of `target`. All or nothing: on any error,
// including a failed "test", the result is InvalidArgument naming the
// operation, e.g. "op 2 (replace /spec/replicas): path not found".
//
// Strictly RFC 6902, which differs from kube-apiserver (evanphx/json-patch
// v4) in three corners clients rarely reach: evanphx accepts negative array
// indexes ("/a/-1" = last element) and lets "test" of a missing path against
// null succeed; both are errors here. kube-apiserver also caps a patch at
// 10000 operations; that limit belongs to the server, not here.
absl::StatusOr<nlohmann::json> ApplyJsonPatch(const nlohmann::json& target,
                                              const nlohmann::json& patch);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_JSON_PATCH_H_
