// The task types the reference sidecar registers handlers for
// (sidecar-protocol.md §7). A POST with any other type is rejected with
// `unknown task type: <type>` (§6.1 step 3). This is the sidecar's own table,
// deliberately not the planner's catalogue: the two sides are separate
// programs and the simulator must answer as the sidecar does.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_TASK_TYPES_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_TASK_TYPES_H_

#include "absl/strings/string_view.h"

namespace sei::controlplane::sidecar {

namespace task_type {
// The types whose simulated handlers do more than succeed.
inline constexpr absl::string_view kConfigPatch = "config-patch";
inline constexpr absl::string_view kDiscoverPeers = "discover-peers";
inline constexpr absl::string_view kMarkReady = "mark-ready";
inline constexpr absl::string_view kSnapshotUpload = "snapshot-upload";
inline constexpr absl::string_view kAwaitCondition = "await-condition";
}  // namespace task_type

// Whether the sidecar has a handler for `type` (exact, case-sensitive).
bool IsKnownTaskType(absl::string_view type);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_TASK_TYPES_H_
