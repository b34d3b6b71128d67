// Phase changes of a SeiNodeTask and the two terminal transitions (nodetask.md
// §9, §10, §11.1 "Mark Failed", as fixed by D1 and D8).
#ifndef SEI_LIB_PLANNER_NODETASK_STATUS_TRANSITIONS_H_
#define SEI_LIB_PLANNER_NODETASK_STATUS_TRANSITIONS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/planner/nodetask/reasons.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::planner::nodetask {

// A Kubernetes event the reconciler must emit on the SeiNodeTask (§10.3;
// reporting component kEventComponent).
struct Event {
  std::string type;  // "Warning"
  std::string reason;
  std::string message;

  bool operator==(const Event& other) const {
    return type == other.type && reason == other.reason && message == other.message;
  }
};

// Phase Complete or Failed: the controller never writes the object again.
bool IsTerminal(const v1alpha1::SeiNodeTask& task);

// Sets status.phase; phaseTransitionTime is stamped only on an actual change.
void SetPhase(v1alpha1::SeiNodeTask* task, v1alpha1::NodeTaskPhase phase, absl::Time now);

// Mark Failed: phase Failed, Failed=True/<reason>/<message>, and (D8) when a
// task exists task.status=Failed and task.err=<message> unless err is already
// set. Returns the Warning event to emit.
Event MarkFailed(v1alpha1::SeiNodeTask* task, const Failure& failure, absl::Time now);

// Completion (§11.1 step 7.5): task.status=Complete, phase Complete,
// Ready=True/TaskComplete with an empty message; for UpdateNodeImage
// outputs.updateNodeImage.appliedImage = `applied_image` (D9).
void MarkComplete(v1alpha1::SeiNodeTask* task, absl::string_view applied_image, absl::Time now);

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_STATUS_TRANSITIONS_H_
