// Task IDs as the reference sidecar handles them (sidecar-protocol.md §5,
// §6.1 step 4): a caller-chosen ID must parse as a UUID and is stored
// verbatim; an absent ID is replaced by a random version-4 UUID.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_UUID_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_UUID_H_

#include <random>
#include <string>

#include "absl/strings/string_view.h"

namespace sei::controlplane::sidecar {

// Whether github.com/google/uuid's Parse accepts `text`: the canonical
// 8-4-4-4-12 form (hex in either case), the same prefixed by "urn:uuid:"
// (any case), wrapped in any two characters (Parse only strips them, meant
// for braces), or 32 hex digits without dashes.
bool IsGoParsableUuid(absl::string_view text);

// A random version-4 UUID in canonical lowercase form (uuid.New()). The
// simulator draws from a seeded generator so runs are reproducible.
std::string NewRandomUuid(std::mt19937_64& rng);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_UUID_H_
