#include "lib/planner/executor/action.h"

namespace sei::planner {

bool operator==(const Action& a, const Action& b) {
  return a.kind == b.kind && a.task_index == b.task_index && a.after_submit == b.after_submit;
}

absl::string_view ActionKindName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kExecute: return "execute";
    case ActionKind::kQueryStatus: return "query-status";
    case ActionKind::kSubmit: return "submit";
    case ActionKind::kPoll: return "poll";
    case ActionKind::kObserveRollout: return "observe-rollout";
  }
  return "unknown-action";
}

absl::string_view ObservationKindName(Observation::Kind kind) {
  using Kind = Observation::Kind;
  switch (kind) {
    case Kind::kOk: return "ok";
    case Kind::kTransientError: return "transient-error";
    case Kind::kTerminalError: return "terminal-error";
    case Kind::kRunning: return "running";
    case Kind::kComplete: return "complete";
    case Kind::kFailed: return "failed";
    case Kind::kNotFound: return "not-found";
    case Kind::kRolloutDone: return "rollout-done";
    case Kind::kRolloutPending: return "rollout-pending";
  }
  return "unknown-observation";
}

absl::string_view StepKindName(Step::Kind kind) {
  switch (kind) {
    case Step::Kind::kPerform: return "perform";
    case Step::Kind::kRequeue: return "requeue";
    case Step::Kind::kStop: return "stop";
  }
  return "unknown-step";
}

}  // namespace sei::planner
