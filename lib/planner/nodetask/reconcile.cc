#include "lib/planner/nodetask/reconcile.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_id.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/nodetask/execution_budget.h"
#include "lib/planner/nodetask/kind.h"

namespace sei::planner::nodetask {
namespace {

using ObsKind = Observation::Kind;

Step Done(std::optional<absl::Duration> requeue_after, std::string note) {
  Step step;
  step.kind = Step::Kind::kDone;
  step.requeue_after = requeue_after;
  step.note = std::move(note);
  return step;
}

Step Perform(Action action, std::string note) {
  Step step;
  step.kind = Step::Kind::kPerform;
  step.action = std::move(action);
  step.note = std::move(note);
  return step;
}

Action MakeAction(ActionKind kind, const TaskRequest& request) {
  Action action;
  action.kind = kind;
  action.request = request;
  return action;
}

// Mark Failed and end the reconcile without requeue (§11.1, D8).
Step Fail(v1alpha1::SeiNodeTask* task, const Failure& failure, absl::Time now) {
  Step step = Done(std::nullopt, absl::StrCat("failed: ", failure.reason, ": ", failure.message));
  step.events.push_back(MarkFailed(task, failure, now));
  return step;
}

Failure MakeFailure(absl::string_view reason, std::string message) {
  return Failure{std::string(reason), std::move(message)};
}

v1alpha1::SeiNodeTaskExecution* Execution(v1alpha1::SeiNodeTask* task) {
  return task->mutable_status()->mutable_task();
}

bool DeadlineExceeded(const v1alpha1::SeiNodeTask& task, absl::Time now) {
  return ExecutionDeadlineExceeded(FromTimestamp(task.status().task().execution_started_at()),
                                   EffectiveExecutionBudget(task.spec()), now);
}

// Execution timeout (§6): task.err "timeout", Failed/Timeout.
Step FailTimeout(v1alpha1::SeiNodeTask* task, absl::Time now) {
  Execution(task)->set_err(std::string(kTimeoutTaskError));
  return Fail(task,
              MakeFailure(kReasonTimeout, TimeoutMessage(EffectiveExecutionBudget(task->spec()))),
              now);
}

// The end of a drive step that produced no complete/failed result: the
// deadline is checked whatever happened (D6); otherwise poll again later, or
// retry soon after a transient error.
Step EndStepWithoutResult(v1alpha1::SeiNodeTask* task, const std::optional<std::string>& error,
                          absl::Time now) {
  if (DeadlineExceeded(*task, now)) return FailTimeout(task, now);
  if (error.has_value()) {
    return Done(kTransientRetryRequeue, absl::StrCat("transient error, retrying: ", *error));
  }
  return Done(kRunningRequeue, "task still running");
}

// submittedAt marks a task the sidecar (or Kubernetes) has accepted (D4).
void StampSubmitted(v1alpha1::SeiNodeTask* task, absl::Time now) {
  if (!task->status().task().has_submitted_at()) {
    StampTime(now, Execution(task)->mutable_submitted_at());
  }
}

Step Complete(v1alpha1::SeiNodeTask* task, const Action& action, const Observation& observation,
              absl::Time now) {
  // D9: the image the completing uncached read saw; it equals the requested
  // image, which stands in when the adapter did not report it.
  std::string applied = observation.applied_image;
  if (applied.empty()) {
    auto it = action.request.params.fields().find("image");
    if (it != action.request.params.fields().end()) applied = it->second.string_value();
  }
  MarkComplete(task, applied, now);
  return Done(std::nullopt, absl::StrCat("task ", task->status().task().id(), " complete"));
}

Step TaskFailed(v1alpha1::SeiNodeTask* task, const Observation& observation, absl::Time now) {
  std::string message =
      observation.message.empty()
          ? absl::StrCat("task ", task->status().task().id(), " failed with unknown error")
          : observation.message;
  return Fail(task, MakeFailure(kReasonTaskFailed, std::move(message)), now);
}

Step TerminalError(v1alpha1::SeiNodeTask* task, const Observation& observation, absl::Time now) {
  return Fail(task, MakeFailure(kReasonTaskTerminalError, observation.message), now);
}

std::optional<std::string> TransientError(const Observation& observation) {
  return observation.message.empty() ? std::string(ObservationKindName(observation.kind))
                                     : observation.message;
}

// POST only when the deadline still allows the task to run.
Step SubmitUnlessExpired(v1alpha1::SeiNodeTask* task, const Action& poll, absl::Time now,
                         absl::string_view why) {
  if (DeadlineExceeded(*task, now)) return FailTimeout(task, now);
  return Perform(MakeAction(ActionKind::kSubmit, poll.request), std::string(why));
}

// §6 lazy stamping: an object synthesized without executionStartedAt gets a
// fresh full budget from now, never back-filled from startedAt.
void LazyStampExecutionStart(v1alpha1::SeiNodeTask* task, absl::Time now) {
  if (!task->status().task().has_execution_started_at()) {
    StampTime(now, Execution(task)->mutable_execution_started_at());
  }
}

// ---- Synthesis (§11.1 step 6) ----

Step Synthesize(v1alpha1::SeiNodeTask* task, absl::Time now) {
  ParamsResult validation = BuildTaskRequest(*task, /*target=*/nullptr);
  if (validation.failure.has_value()) return Fail(task, *validation.failure, now);

  v1alpha1::SeiNodeTaskExecution* execution = Execution(task);
  execution->set_id(TaskId(task->metadata().uid(), task->spec().kind(), 0));
  execution->set_status(v1alpha1::TASK_STATUS_PENDING);
  StampTime(now, execution->mutable_execution_started_at());
  if (ParseKind(task->spec().kind()) == NodeTaskKind::kRestartPod) {
    execution->set_restarted_pod_uid(task->spec().restart_pod().pod_uid());
  }
  SetPhase(task, v1alpha1::NODE_TASK_PHASE_RUNNING, now);
  return Done(kSynthesisRequeue, absl::StrCat("synthesized task ", execution->id()));
}

// ---- Drive (§11.1 step 7) ----

Step Drive(v1alpha1::SeiNodeTask* task, const TargetLookup& target, absl::Time now) {
  SetPhase(task, v1alpha1::NODE_TASK_PHASE_RUNNING, now);
  if (std::optional<Failure> gone = CheckDispatchedTarget(task, target, now)) {
    return Fail(task, *gone, now);
  }
  if (target.kind != TargetLookup::Kind::kFound) {
    // D3: the params need the target; retry, bounded by the execution budget.
    LazyStampExecutionStart(task, now);
    return EndStepWithoutResult(task, absl::StrCat("reading target: ", target.error), now);
  }

  ParamsResult built = BuildTaskRequest(*task, target.node);
  if (built.failure.has_value()) return Fail(task, *built.failure, now);
  if (std::optional<Failure> invalid = CheckTaskRequest(built.request)) {
    return Fail(task, *invalid, now);
  }
  LazyStampExecutionStart(task, now);

  if (IsSidecarKind(*ParseKind(task->spec().kind()))) {
    return Perform(MakeAction(ActionKind::kPoll, built.request), "poll before any submit (D4)");
  }
  if (DeadlineExceeded(*task, now)) {
    return Perform(MakeAction(ActionKind::kQueryStatus, built.request),
                   "deadline passed: status only, Execute skipped");
  }
  return Perform(MakeAction(ActionKind::kExecute, built.request), "execute");
}

// ---- Observations ----

Step ObservePoll(v1alpha1::SeiNodeTask* task, const Action& action, const Observation& obs,
                 absl::Time now) {
  switch (obs.kind) {
    case ObsKind::kComplete:
      StampSubmitted(task, now);  // adopts a run this object never recorded
      return Complete(task, action, obs, now);
    case ObsKind::kFailed:
      StampSubmitted(task, now);
      return TaskFailed(task, obs, now);  // terminal, never resubmitted (D4)
    case ObsKind::kRunning:
      StampSubmitted(task, now);
      return EndStepWithoutResult(task, std::nullopt, now);
    case ObsKind::kNotFound:
      if (action.after_submit) return EndStepWithoutResult(task, std::nullopt, now);
      if (!task->status().task().has_submitted_at()) {
        return SubmitUnlessExpired(task, action, now, "sidecar has never seen the task: submit");
      }
      if (ParseKind(task->spec().kind()) == NodeTaskKind::kGovSoftwareUpgrade) {
        return Fail(task,
                    MakeFailure(kReasonSidecarTaskLost,
                                absl::StrCat("sidecar lost task ", task->status().task().id(),
                                             " after submission; GovSoftwareUpgrade is never "
                                             "resubmitted automatically (create a new "
                                             "SeiNodeTask to retry)")),
                    now);
      }
      return SubmitUnlessExpired(task, action, now, "sidecar lost the task: resubmit");
    default:
      return EndStepWithoutResult(task, TransientError(obs), now);
  }
}

Step ObserveSubmit(v1alpha1::SeiNodeTask* task, const Action& action, const Observation& obs,
                   absl::Time now) {
  switch (obs.kind) {
    case ObsKind::kOk: {
      StampSubmitted(task, now);
      Action poll = MakeAction(ActionKind::kPoll, action.request);
      poll.after_submit = true;
      return Perform(std::move(poll), "submitted: poll");
    }
    case ObsKind::kTerminalError:
      return TerminalError(task, obs, now);  // sidecar 400 (D6)
    default:
      return EndStepWithoutResult(task, TransientError(obs), now);
  }
}

Step ObserveExecute(v1alpha1::SeiNodeTask* task, const Action& action, const Observation& obs,
                    absl::Time now) {
  Action query = MakeAction(ActionKind::kQueryStatus, action.request);
  switch (obs.kind) {
    case ObsKind::kOk:
      StampSubmitted(task, now);
      return Perform(std::move(query), "executed: query status");
    case ObsKind::kTerminalError:
      return TerminalError(task, obs, now);
    default:
      // D6: a transient Execute error still lets a complete result win and
      // the deadline fire.
      query.execute_error = TransientError(obs);
      return Perform(std::move(query), "execute failed transiently: query status");
  }
}

Step ObserveStatus(v1alpha1::SeiNodeTask* task, const Action& action, const Observation& obs,
                   absl::Time now) {
  switch (obs.kind) {
    case ObsKind::kComplete:
      return Complete(task, action, obs, now);
    case ObsKind::kFailed:
      return TaskFailed(task, obs, now);
    case ObsKind::kTerminalError:
      return TerminalError(task, obs, now);
    case ObsKind::kRunning:
      return EndStepWithoutResult(task, action.execute_error, now);
    default:
      return EndStepWithoutResult(task, TransientError(obs), now);
  }
}

}  // namespace

Step Begin(v1alpha1::SeiNodeTask* task, const TargetLookup& target, absl::Time now) {
  if (IsTerminal(*task)) return Done(std::nullopt, "terminal: nothing to do");

  v1alpha1::SeiNodeTaskStatus* status = task->mutable_status();
  status->set_observed_generation(task->metadata().generation());
  if (!status->has_started_at()) StampTime(now, status->mutable_started_at());
  EnsureTargetReadyCondition(task, now);
  if (status->has_task()) return Drive(task, target, now);

  SetPhase(task, v1alpha1::NODE_TASK_PHASE_PENDING, now);  // D1
  GateResult gate = ApplyTargetGate(task, target, now);
  switch (gate.kind) {
    case GateResult::Kind::kFailed:
      return Fail(task, gate.failure, now);
    case GateResult::Kind::kWaiting:
      return Done(kTargetWaitRequeue, "waiting for the target");
    case GateResult::Kind::kPhaseMet:
      break;
  }
  return Synthesize(task, now);
}

Step Observe(v1alpha1::SeiNodeTask* task, const Action& action, const Observation& observation,
             absl::Time now) {
  if (IsTerminal(*task) || !task->status().has_task()) {
    return Done(std::nullopt, "no task to drive");
  }
  switch (action.kind) {
    case ActionKind::kPoll:
      return ObservePoll(task, action, observation, now);
    case ActionKind::kSubmit:
      return ObserveSubmit(task, action, observation, now);
    case ActionKind::kExecute:
      return ObserveExecute(task, action, observation, now);
    case ActionKind::kQueryStatus:
      return ObserveStatus(task, action, observation, now);
  }
  return Done(std::nullopt, "unknown action");
}

absl::string_view ActionKindName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kSubmit:
      return "submit";
    case ActionKind::kPoll:
      return "poll";
    case ActionKind::kExecute:
      return "execute";
    case ActionKind::kQueryStatus:
      return "query-status";
  }
  return "unknown";
}

absl::string_view ObservationKindName(Observation::Kind kind) {
  switch (kind) {
    case ObsKind::kOk:
      return "ok";
    case ObsKind::kTransientError:
      return "transient-error";
    case ObsKind::kTerminalError:
      return "terminal-error";
    case ObsKind::kRunning:
      return "running";
    case ObsKind::kComplete:
      return "complete";
    case ObsKind::kFailed:
      return "failed";
    case ObsKind::kNotFound:
      return "not-found";
  }
  return "unknown";
}

}  // namespace sei::planner::nodetask
