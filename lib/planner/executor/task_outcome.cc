#include "lib/planner/executor/task_outcome.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/core/backoff.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/executor/plan_cursor.h"
#include "lib/planner/executor/step_factory.h"

namespace sei::planner {

std::string JoinNote(absl::string_view head, absl::string_view tail) {
  if (head.empty()) return std::string(tail);
  if (tail.empty()) return std::string(head);
  return absl::StrCat(head, "; ", tail);
}

std::string WriteNodePhase(v1alpha1::NodePhase phase, absl::Time now,
                           v1alpha1::SeiNodeStatus* status) {
  if (phase == v1alpha1::NODE_PHASE_UNSPECIFIED) return "";
  if (status->phase() == phase) {
    return absl::StrCat("node phase stays ", NodePhaseName(phase));
  }
  std::string note =
      absl::StrCat("node phase ", NodePhaseName(status->phase()), " -> ", NodePhaseName(phase));
  status->set_phase(phase);
  StampTime(now, status->mutable_phase_transition_time());
  return note;
}

Step FailTaskAndPlan(v1alpha1::SeiNode* node, int index, absl::string_view message,
                     absl::string_view note_head, const ExecutorEnv& env) {
  v1alpha1::SeiNodeStatus* status = node->mutable_status();
  v1alpha1::TaskPlan* plan = status->mutable_plan();
  v1alpha1::PlannedTask* task = plan->mutable_tasks(index);
  task->set_status(v1alpha1::TASK_STATUS_FAILED);
  task->set_error(std::string(message));

  plan->set_phase(v1alpha1::PLAN_PHASE_FAILED);
  plan->set_failed_task_index(index);
  v1alpha1::FailedTaskInfo* detail = plan->mutable_failed_task_detail();
  detail->set_type(task->type());
  detail->set_id(task->id());
  detail->set_error(task->error());
  detail->set_retry_count(task->retry_count());
  detail->set_max_retries(task->max_retries());

  std::string note = JoinNote(note_head, "plan failed");
  return StopStep(JoinNote(note, WriteNodePhase(plan->failed_phase(), env.now, status)));
}

Step CountFailedAttempt(v1alpha1::SeiNode* node, int index, absl::string_view what,
                        absl::string_view message, const ExecutorEnv& env) {
  v1alpha1::TaskPlan* plan = node->mutable_status()->mutable_plan();
  v1alpha1::PlannedTask* task = plan->mutable_tasks(index);
  absl::string_view error = ErrorText(message);
  std::string label = TaskLabel(*plan, index);

  if (task->max_retries() > 0 && task->retry_count() < task->max_retries()) {
    task->set_retry_count(task->retry_count() + 1);
    task->set_status(v1alpha1::TASK_STATUS_PENDING);
    task->clear_error();
    task->clear_submitted_at();
    absl::Duration delay = RetryBackoff(task->retry_count());
    return RequeueStep(delay, absl::StrCat(label, ": ", what, " counted as retry ",
                                           task->retry_count(), "/", task->max_retries(), ": ",
                                           error, "; retry in ", absl::FormatDuration(delay)));
  }
  std::string budget = task->max_retries() == 0
                           ? std::string("no retry budget")
                           : absl::StrCat("retries exhausted (", task->retry_count(), "/",
                                          task->max_retries(), " used)");
  return FailTaskAndPlan(node, index, error,
                         absl::StrCat(label, ": ", what, ": ", error, "; ", budget), env);
}

Step CompletePlan(v1alpha1::SeiNode* node, absl::string_view note_head, const ExecutorEnv& env) {
  v1alpha1::SeiNodeStatus* status = node->mutable_status();
  status->mutable_plan()->set_phase(v1alpha1::PLAN_PHASE_COMPLETE);
  std::string note = JoinNote(note_head, "plan complete");
  note = JoinNote(note, WriteNodePhase(status->plan().target_phase(), env.now, status));
  return RequeueStep(kImmediateRequeue, std::move(note));
}

}  // namespace sei::planner
