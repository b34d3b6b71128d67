// RFC 7386 JSON merge patches computed from two states of a document, so a
// reconciler can send exactly what it changed (and nothing it merely read) in
// one PATCH. Arrays are replaced whole, as merge patch semantics require.
#ifndef SEI_LIB_CONTROLLER_COMMON_MERGE_PATCH_H_
#define SEI_LIB_CONTROLLER_COMMON_MERGE_PATCH_H_

#include <nlohmann/json.hpp>

namespace sei::controller {

// The merge patch that turns `from` into `to`: changed and added keys with
// their new values, removed keys as null, unchanged keys absent. An empty
// object when the two are equal. When either side is not an object the
// patch is `to` itself (a merge patch replaces non-objects whole).
nlohmann::json CreateMergePatch(const nlohmann::json& from, const nlohmann::json& to);

// Applies `patch` to `target` per RFC 7386 (for tests and for computing what
// a patch will leave behind).
nlohmann::json ApplyMergePatch(nlohmann::json target, const nlohmann::json& patch);

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_COMMON_MERGE_PATCH_H_
