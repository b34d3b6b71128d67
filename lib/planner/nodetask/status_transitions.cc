#include "lib/planner/nodetask/status_transitions.h"

#include "lib/planner/core/conditions.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/nodetask/kind.h"

namespace sei::planner::nodetask {

bool IsTerminal(const v1alpha1::SeiNodeTask& task) {
  return task.status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE ||
         task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED;
}

void SetPhase(v1alpha1::SeiNodeTask* task, v1alpha1::NodeTaskPhase phase, absl::Time now) {
  v1alpha1::SeiNodeTaskStatus* status = task->mutable_status();
  if (status->phase() == phase) return;
  status->set_phase(phase);
  StampTime(now, status->mutable_phase_transition_time());
}

Event MarkFailed(v1alpha1::SeiNodeTask* task, const Failure& failure, absl::Time now) {
  v1alpha1::SeiNodeTaskStatus* status = task->mutable_status();
  if (status->has_task()) {
    status->mutable_task()->set_status(v1alpha1::TASK_STATUS_FAILED);
    if (status->task().err().empty()) status->mutable_task()->set_err(failure.message);
  }
  SetPhase(task, v1alpha1::NODE_TASK_PHASE_FAILED, now);
  SetCondition(status->mutable_conditions(),
               {kConditionFailed, kConditionTrue, failure.reason, failure.message},
               task->metadata().generation(), now);
  return Event{std::string(kEventTypeWarning), failure.reason, failure.message};
}

void MarkComplete(v1alpha1::SeiNodeTask* task, absl::string_view applied_image, absl::Time now) {
  v1alpha1::SeiNodeTaskStatus* status = task->mutable_status();
  status->mutable_task()->set_status(v1alpha1::TASK_STATUS_COMPLETE);
  if (ParseKind(task->spec().kind()) == NodeTaskKind::kUpdateNodeImage) {
    status->mutable_outputs()->mutable_update_node_image()->set_applied_image(
        std::string(applied_image));
  }
  SetPhase(task, v1alpha1::NODE_TASK_PHASE_COMPLETE, now);
  SetCondition(status->mutable_conditions(),
               {kConditionReady, kConditionTrue, kReasonTaskComplete, ""},
               task->metadata().generation(), now);
}

}  // namespace sei::planner::nodetask
