// The import path of ensure-data-pvc (tasks.md §3.1): a user-provided PVC
// (spec.dataVolume.import.pvcName) is adopted only if it can really serve as
// the node's data volume. Read-only: the PVC is never mutated, and its
// StorageClass is deliberately not checked.
#ifndef SEI_LIB_TASKS_CONTROLLER_IMPORT_PVC_VALIDATION_H_
#define SEI_LIB_TASKS_CONTROLLER_IMPORT_PVC_VALIDATION_H_

#include "absl/strings/string_view.h"
#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/controller/validation_report.h"

namespace sei::tasks {

// Condition ImportPVCReady: PVCValidated / PVCNotReady / PVCInvalid.
inline constexpr ValidationCondition kImportPvcCondition = {"ImportPVCReady", "PVCValidated",
                                                            "PVCNotReady", "PVCInvalid"};

// Runs the checks of §3.1 in order, stopping at the first that does not
// pass: PVC readable, not being deleted, phase not Lost (invalid), phase
// Bound, access modes include ReadWriteOnce or ReadWriteOncePod (invalid),
// the mode's minimum size parses (invalid), capacity present, capacity >=
// the minimum (invalid), volumeName set, PV readable, PV not Failed
// (invalid), PV capacity present and equal to the PVC's (invalid). Any
// other failure is "not ready". ctx.node and ctx.platform must be set.
Validation ValidateImportedPvc(const TaskContext& ctx, absl::string_view pvc_name);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_IMPORT_PVC_VALIDATION_H_
