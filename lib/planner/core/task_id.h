// Deterministic task identities (plans.md §3, nodetask.md §12).
#ifndef SEI_LIB_PLANNER_CORE_TASK_ID_H_
#define SEI_LIB_PLANNER_CORE_TASK_ID_H_

#include <array>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::planner {

using UuidBytes = std::array<uint8_t, 16>;

// Namespace of every task ID: b7e89c3a-4f12-4d8b-9a6e-1c2d3e4f5a6b.
extern const UuidBytes kTaskIdNamespace;

// RFC 4122 name-based UUID, version 5 (SHA-1), canonical lowercase form.
std::string Uuid5(const UuidBytes& ns, absl::string_view name);

// The ID of the task at `index` of the plan `plan_id`:
// UUIDv5(kTaskIdNamespace, "<plan_id>/<task_type>/<index>").
// SeiNodeTask uses plan_id = metadata.uid, task_type = spec.kind, index 0.
std::string TaskId(absl::string_view plan_id, absl::string_view task_type, int index);

// Parses a canonical 8-4-4-4-12 hex UUID (either case).
absl::StatusOr<UuidBytes> ParseUuid(absl::string_view text);

// Formats 16 bytes as a canonical lowercase UUID string.
std::string FormatUuid(const UuidBytes& bytes);

// Turns 16 random bytes into a version-4 UUID string. The planner takes its
// randomness from the caller; this only sets the version and variant bits.
std::string Uuid4FromRandomBytes(UuidBytes bytes);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_TASK_ID_H_
