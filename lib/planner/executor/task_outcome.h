// The state changes that end a task attempt or a plan (plans.md §4 stages
// 4-5, §11, §12 step 3, §17 D3/D12). Every failure path of the executor goes
// through CountFailedAttempt or FailTaskAndPlan, so the budget rule and the
// failure bookkeeping exist once. Package-private.
#ifndef SEI_LIB_PLANNER_EXECUTOR_TASK_OUTCOME_H_
#define SEI_LIB_PLANNER_EXECUTOR_TASK_OUTCOME_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/planner/executor/action.h"
#include "lib/planner/executor/executor_env.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// "unknown error" replaces an empty failure message (plans.md §12 step 4).
inline constexpr absl::string_view kUnknownError = "unknown error";

// `message`, or kUnknownError when it is empty.
inline absl::string_view ErrorText(absl::string_view message) {
  return message.empty() ? kUnknownError : message;
}

// `a; b`, or whichever of the two is non-empty.
std::string JoinNote(absl::string_view head, absl::string_view tail);

// Writes a plan's targetPhase/failedPhase to the node (plans.md §12 "Phase
// write"). An empty `phase` changes nothing. phaseTransitionTime is stamped
// only when the value actually changes (D12). Returns a note fragment such as
// "node phase Initializing -> Running", "node phase stays Running", or "".
std::string WriteNodePhase(v1alpha1::NodePhase phase, absl::Time now,
                           v1alpha1::SeiNodeStatus* status);

// Fails task `index` and the plan with `message` (plans.md §4 stage 5, §12
// step 3): task Failed + error, plan Failed, failedTaskIndex,
// failedTaskDetail, failedPhase written to the node. `note_head` describes
// the cause; the returned kStop step's note extends it.
Step FailTaskAndPlan(v1alpha1::SeiNode* node, int index, absl::string_view message,
                     absl::string_view note_head, const ExecutorEnv& env);

// The budget rule for an attempt that failed (plans.md §11, §12 step 4; D3
// for transient Execute/Submit errors of budgeted tasks). With budget left
// (maxRetries > 0 and retryCount < maxRetries): retryCount++, status Pending,
// error and submittedAt cleared, requeue RetryBackoff(retryCount), so the
// next pass starts a new attempt. Otherwise the task and plan fail with
// `message` (or "unknown error"). `what` names the failure for the note,
// e.g. "failed" or "submit error (D3)".
Step CountFailedAttempt(v1alpha1::SeiNode* node, int index, absl::string_view what,
                        absl::string_view message, const ExecutorEnv& env);

// Completes the plan (plans.md §4 stage 4): phase Complete, targetPhase
// written to the node; requeue kImmediateRequeue.
Step CompletePlan(v1alpha1::SeiNode* node, absl::string_view note_head, const ExecutorEnv& env);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_TASK_OUTCOME_H_
