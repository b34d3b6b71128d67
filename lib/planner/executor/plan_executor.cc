#include "lib/planner/executor/plan_executor.h"

#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/planner/core/backoff.h"
#include "lib/planner/core/plan_kind.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/executor/plan_cursor.h"
#include "lib/planner/executor/step_factory.h"
#include "lib/planner/executor/task_outcome.h"

namespace sei::planner {
namespace {

using ObsKind = Observation::Kind;

// Execute/QueryStatus belong to controller tasks, Submit/Poll to sidecar tasks.
bool IsControllerAction(ActionKind kind) {
  return kind == ActionKind::kExecute || kind == ActionKind::kQueryStatus;
}

// Execute and Submit start an attempt; QueryStatus and Poll observe it.
bool IsStartAction(ActionKind kind) {
  return kind == ActionKind::kExecute || kind == ActionKind::kSubmit;
}

// The outcomes an adapter can report for each action (sidecar-protocol.md §9).
bool IsOutcomeOf(ActionKind action, ObsKind obs) {
  if (obs == ObsKind::kTransientError || obs == ObsKind::kTerminalError) return true;
  switch (action) {
    case ActionKind::kExecute:
    case ActionKind::kSubmit: return obs == ObsKind::kOk;
    case ActionKind::kPoll:
      if (obs == ObsKind::kNotFound) return true;
      [[fallthrough]];
    case ActionKind::kQueryStatus:
      return obs == ObsKind::kRunning || obs == ObsKind::kComplete || obs == ObsKind::kFailed;
    case ActionKind::kObserveRollout:
      return obs == ObsKind::kRolloutDone || obs == ObsKind::kRolloutPending;
  }
  return false;
}

// Why `action` with outcome `obs` cannot apply to the node as it stands, or
// nullopt when it is exactly the action BeginPass/Observe would have asked for.
std::optional<std::string> FindMismatch(const v1alpha1::SeiNode& node, const Action& action,
                                        const Observation& obs) {
  absl::string_view action_name = ActionKindName(action.kind);
  if (!node.status().has_plan()) return "node has no plan";
  const v1alpha1::TaskPlan& plan = node.status().plan();
  if (IsPlanSettled(plan)) {
    return absl::StrCat("plan is ", PlanPhaseName(plan.phase()), ", not Active");
  }
  if (!IsOutcomeOf(action.kind, obs.kind)) {
    return absl::StrCat(ObservationKindName(obs.kind), " is not an outcome of ", action_name);
  }
  if (action.after_submit && action.kind != ActionKind::kPoll) {
    return absl::StrCat("after_submit set on ", action_name);
  }
  int current = CurrentTaskIndex(plan);
  if (action.kind == ActionKind::kObserveRollout) {
    if (action.task_index != -1) return "observe-rollout carries a task index";
    if (current != -1) return absl::StrCat("observe-rollout while task ", current, " is open");
    if (ClassifyPlan(plan) != PlanKind::kInit) return "observe-rollout on a non-init plan";
    return std::nullopt;
  }
  if (current == -1) {
    return absl::StrCat(action_name, " for task ", action.task_index,
                        " but every task is Complete");
  }
  if (action.task_index != current) {
    return absl::StrCat(action_name, " for task ", action.task_index, " but the current task is ",
                        current);
  }
  const v1alpha1::PlannedTask& task = plan.tasks(current);
  const TaskTypeInfo* info = LookupTaskType(task.type());
  if (info == nullptr) return absl::StrCat("unknown task type \"", task.type(), "\"");
  if (task.status() == v1alpha1::TASK_STATUS_FAILED) {
    return absl::StrCat("task ", current, " is Failed");
  }
  bool controller = info->side == TaskSide::kController;
  if (IsControllerAction(action.kind) != controller) {
    return absl::StrCat(action_name, " on ", controller ? "controller" : "sidecar", " task ",
                        current, " ", task.type());
  }
  if (action.kind == ActionKind::kSubmit && task.has_submitted_at()) {
    return absl::StrCat("submit of task ", current, " whose attempt is already submitted");
  }
  if ((action.kind == ActionKind::kPoll || action.kind == ActionKind::kQueryStatus) &&
      !task.has_submitted_at()) {
    return absl::StrCat(action_name, " of task ", current, " before its attempt started");
  }
  return std::nullopt;
}

// The next step for the plan as it now stands (plans.md §12 step 2). `head`
// describes what this call already did and starts the note.
Step NextStep(v1alpha1::SeiNode* node, const ExecutorEnv& env, absl::string_view head) {
  const v1alpha1::TaskPlan& plan = node->status().plan();
  int index = CurrentTaskIndex(plan);
  if (index == -1) {
    if (ClassifyPlan(plan) == PlanKind::kInit) {  // D1
      return PerformStep({ActionKind::kObserveRollout, -1},
                         JoinNote(head, "all tasks complete; observe StatefulSet rollout (D1)"));
    }
    return CompletePlan(node, JoinNote(head, "all tasks complete"), env);
  }
  const v1alpha1::PlannedTask& task = plan.tasks(index);
  std::string label = TaskLabel(plan, index);
  const TaskTypeInfo* info = LookupTaskType(task.type());
  if (info == nullptr) {  // tasks.md §1: deserialisation failure, budget ignored
    std::string error = absl::StrCat("unknown task type \"", task.type(), "\"");
    return FailTaskAndPlan(node, index, error, JoinNote(head, absl::StrCat(label, ": ", error)),
                           env);
  }
  if (task.status() == v1alpha1::TASK_STATUS_FAILED) {
    // Only a hand-edited plan gets here: a Failed task in a plan not Failed.
    absl::string_view error = ErrorText(task.error());
    return FailTaskAndPlan(
        node, index, error,
        JoinNote(head, absl::StrCat(label, ": already Failed in an open plan: ", error)), env);
  }
  if (info->side == TaskSide::kController) {
    return PerformStep({ActionKind::kExecute, index}, JoinNote(head, label + ": execute"));
  }
  if (!task.has_submitted_at()) {
    return PerformStep({ActionKind::kSubmit, index}, JoinNote(head, label + ": submit"));
  }
  return PerformStep({ActionKind::kPoll, index},
                     JoinNote(head, label + ": poll the submitted attempt (H1)"));
}

// Marks the current task Complete and moves on within the same pass.
Step CompleteTask(v1alpha1::SeiNode* node, int index, absl::string_view why,
                  const ExecutorEnv& env) {
  v1alpha1::TaskPlan* plan = node->mutable_status()->mutable_plan();
  plan->mutable_tasks(index)->set_status(v1alpha1::TASK_STATUS_COMPLETE);
  return NextStep(node, env, absl::StrCat(TaskLabel(*plan, index), ": ", why));
}

// A terminal error from any task action fails task and plan at once, budget
// ignored (plans.md §12 step 3; D2 params validation, H3 400 rejections).
Step ObserveTerminalError(v1alpha1::SeiNode* node, const Action& action, const Observation& obs,
                          const ExecutorEnv& env) {
  absl::string_view error = ErrorText(obs.message);
  return FailTaskAndPlan(
      node, action.task_index, error,
      absl::StrCat(TaskLabel(node->status().plan(), action.task_index), ": terminal ",
                   ActionKindName(action.kind), " error: ", error),
      env);
}

// Outcome of Execute (controller) or Submit (sidecar) other than a terminal
// error: the start of an attempt.
Step ObserveStart(v1alpha1::SeiNode* node, const Action& action, const Observation& obs,
                  const ExecutorEnv& env) {
  int index = action.task_index;
  v1alpha1::PlannedTask* task = node->mutable_status()->mutable_plan()->mutable_tasks(index);
  std::string label = TaskLabel(node->status().plan(), index);
  absl::string_view verb = ActionKindName(action.kind);
  switch (obs.kind) {
    case ObsKind::kOk:
      if (!task->has_submitted_at()) StampTime(env.now, task->mutable_submitted_at());
      if (action.kind == ActionKind::kExecute) {
        return PerformStep({ActionKind::kQueryStatus, index}, label + ": executed; query status");
      }
      return PerformStep({ActionKind::kPoll, index, /*after_submit=*/true},
                         label + ": submitted; poll");
    default:  // kTransientError
      if (task->max_retries() > 0) {  // D3
        return CountFailedAttempt(node, index, absl::StrCat(verb, " error (D3)"), obs.message, env);
      }
      return RequeueStep(kPollInterval, absl::StrCat(label, ": transient ", verb, " error: ",
                                                     ErrorText(obs.message), "; retry in ",
                                                     absl::FormatDuration(kPollInterval),
                                                     " (no budget consumed)"));
  }
}

// Outcome of QueryStatus (controller) or Poll (sidecar) other than a terminal
// error: progress of the started attempt (plans.md §12 step 4,
// sidecar-protocol.md §9.2, §14 H1/H2).
Step ObserveProgress(v1alpha1::SeiNode* node, const Action& action, const Observation& obs,
                     const ExecutorEnv& env) {
  int index = action.task_index;
  v1alpha1::PlannedTask* task = node->mutable_status()->mutable_plan()->mutable_tasks(index);
  std::string label = TaskLabel(node->status().plan(), index);
  absl::string_view error = ErrorText(obs.message);
  std::string poll_again = absl::StrCat("poll again in ", absl::FormatDuration(kPollInterval));
  switch (obs.kind) {
    case ObsKind::kComplete: return CompleteTask(node, index, "complete", env);
    case ObsKind::kRunning:
      if (LookupTaskType(task->type())->completion == CompletionRule::kConfirmedRunning) {
        return CompleteTask(node, index, "confirmed running (H2), complete", env);
      }
      return RequeueStep(kPollInterval, absl::StrCat(label, ": running; ", poll_again));
    case ObsKind::kFailed: return CountFailedAttempt(node, index, "failed", obs.message, env);
    case ObsKind::kNotFound:
      if (action.after_submit) {
        return RequeueStep(kPollInterval,
                           absl::StrCat(label,
                                        ": sidecar has no record right after accepting "
                                        "the submit; ",
                                        poll_again));
      }
      task->clear_submitted_at();
      return PerformStep({ActionKind::kSubmit, index},
                         label + ": sidecar has no record of the task (404); resubmit (H1)");
    default:  // kTransientError: a failed query is not an attempt
      return RequeueStep(kPollInterval, absl::StrCat(label, ": ", ActionKindName(action.kind),
                                                     " error: ", error, "; ", poll_again));
  }
}

// Outcome of the init plan's closing rollout check (D1, tasks.md §3.10).
Step ObserveRollout(v1alpha1::SeiNode* node, const Observation& obs, const ExecutorEnv& env) {
  std::string head;
  if (obs.kind == ObsKind::kRolloutDone) {
    v1alpha1::SeiNodeStatus* status = node->mutable_status();
    const std::string& sidecar_image = node->spec().sidecar().image();
    status->set_current_image(node->spec().image());
    status->set_current_sidecar_image(sidecar_image.empty() ? env.config.default_sidecar_image
                                                            : sidecar_image);
    head = absl::StrCat("rollout observed; currentImage=", status->current_image(),
                        " currentSidecarImage=", status->current_sidecar_image(), " (D1)");
  } else {
    head =
        absl::StrCat("rollout not confirmed (", ObservationKindName(obs.kind),
                     obs.message.empty() ? "" : ": ", obs.message, "); images left unstamped (D1)");
  }
  return CompletePlan(node, head, env);
}

}  // namespace

Step BeginPass(v1alpha1::SeiNode* node, const ExecutorEnv& env) {
  if (!node->status().has_plan()) return StopStep("no plan");
  const v1alpha1::TaskPlan& plan = node->status().plan();
  if (IsPlanSettled(plan)) {
    return StopStep(absl::StrCat("plan is ", PlanPhaseName(plan.phase()), "; nothing to do"));
  }
  return NextStep(node, env, "");
}

Step Observe(v1alpha1::SeiNode* node, const Action& action, const Observation& obs,
             const ExecutorEnv& env) {
  if (std::optional<std::string> mismatch = FindMismatch(*node, action, obs)) {
    return StopStep(absl::StrCat("ignored ", ObservationKindName(obs.kind), " for ",
                                 ActionKindName(action.kind), ": ", *mismatch, "; plan unchanged"));
  }
  if (action.kind == ActionKind::kObserveRollout) return ObserveRollout(node, obs, env);
  if (obs.kind == ObsKind::kTerminalError) return ObserveTerminalError(node, action, obs, env);
  if (IsStartAction(action.kind)) return ObserveStart(node, action, obs, env);
  return ObserveProgress(node, action, obs, env);
}

}  // namespace sei::planner
