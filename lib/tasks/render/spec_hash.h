// A content hash of a rendered object, stored on the object itself, so the
// operator can tell "the live object is what we would render" from one
// annotation and skip the write in steady state (plans.md §17 D6).
#ifndef SEI_LIB_TASKS_RENDER_SPEC_HASH_H_
#define SEI_LIB_TASKS_RENDER_SPEC_HASH_H_

#include <string>

#include "lib/k8s/kube_client.h"

namespace sei::tasks::render {

inline constexpr char kSpecHashAnnotation[] = "sei.io/spec-hash";

// Lower-case hex SHA-256 of the object's canonical JSON (compact, keys sorted)
// with metadata.annotations[kSpecHashAnnotation] removed; an annotations map
// left empty by that removal counts as absent. Hash the freshly rendered
// object, never a live one: server-set fields would change the value.
std::string SpecHash(const k8s::Object& object);

// The object with metadata.annotations[kSpecHashAnnotation] = SpecHash(object).
// SpecHash(WithSpecHash(o)) == SpecHash(o). An object whose metadata or
// annotations is not a JSON object is returned unchanged.
k8s::Object WithSpecHash(k8s::Object object);

// The annotation's value on `object` ("" when absent or not a string), e.g. to
// compare a live object with a rendered one.
std::string SpecHashAnnotationOf(const k8s::Object& object);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SPEC_HASH_H_
