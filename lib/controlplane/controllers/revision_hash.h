// StatefulSet revision names. The real controller names each
// ControllerRevision `<set>-<hash>`, where hash is FNV-1a (32-bit) of the
// pod template, printed in decimal and mapped character by character onto
// the "safe" alphabet (k8s.io/apimachinery rand.SafeEncodeString); pods carry
// the revision name in their `controller-revision-hash` label. The same
// scheme here gives names of the same shape ("web-6c5b8d9f47") that are
// stable across runs: equal templates, equal revisions.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_REVISION_HASH_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_REVISION_HASH_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

// FNV-1a, 32 bits.
uint32_t Fnv1a32(absl::string_view data);

// rand.SafeEncodeString: each byte → "bcdfghjklmnpqrstvwxz2456789"[byte % 27].
std::string SafeEncodeString(absl::string_view s);

// The hash of a pod template: over its canonical JSON (nlohmann keeps object
// keys sorted, so equal templates serialise identically whatever order the
// client sent). Not byte-identical to the real controller's hash, which
// covers a Go struct encoding; only stability and shape matter.
std::string PodTemplateHash(const nlohmann::json& pod_template);

// "<set>-<PodTemplateHash>".
std::string RevisionName(absl::string_view set_name, const nlohmann::json& pod_template);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_REVISION_HASH_H_
