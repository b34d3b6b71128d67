// A planned sidecar task → the POST /v0/tasks request (tasks.md §4, plans.md
// §9, sidecar-protocol.md §7): persisted params re-encoded for the wire
// (wire_params.h), then checked locally (client_validation.h) before
// anything is sent.
#ifndef SEI_LIB_TASKS_SIDECAR_WIRE_REQUEST_H_
#define SEI_LIB_TASKS_SIDECAR_WIRE_REQUEST_H_

#include "absl/status/statusor.h"
#include "lib/sidecar/sidecar_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks {

// {id: task.id, type: task.type, params} with params null when the wire
// sends none. `node` is the live node (discover-peers recomputes its sources
// from it, D9). Errors, as sidecar_outcome.h classifies them:
//   InvalidArgument    `validating <type>: <reason>` (D2), undecodable
//                      params, or a type that is not a plan sidecar task —
//                      terminal
//   FailedPrecondition `no usable peer sources (label selectors
//                      unresolved)` — a failed attempt against the
//                      discover-peers budget
absl::StatusOr<sidecar::TaskRequest> BuildWireRequest(const v1alpha1::PlannedTask& task,
                                                      const v1alpha1::SeiNode& node);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_SIDECAR_WIRE_REQUEST_H_
