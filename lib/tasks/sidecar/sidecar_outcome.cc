#include "lib/tasks/sidecar/sidecar_outcome.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace sei::tasks {
namespace {

// Both Observation types name their kinds alike; this is the only place that
// spells the correspondence out, for either of them.
template <typename ObservationT>
ObservationT ToObservation(ClassifiedOutcome outcome) {
  using Kind = typename ObservationT::Kind;
  ObservationT observation;
  switch (outcome.kind) {
    case SidecarOutcome::kOk:
      observation.kind = Kind::kOk;
      break;
    case SidecarOutcome::kTransientError:
      observation.kind = Kind::kTransientError;
      break;
    case SidecarOutcome::kTerminalError:
      observation.kind = Kind::kTerminalError;
      break;
    case SidecarOutcome::kRunning:
      observation.kind = Kind::kRunning;
      break;
    case SidecarOutcome::kComplete:
      observation.kind = Kind::kComplete;
      break;
    case SidecarOutcome::kFailed:
      observation.kind = Kind::kFailed;
      break;
    case SidecarOutcome::kNotFound:
      observation.kind = Kind::kNotFound;
      break;
  }
  observation.message = std::move(outcome.message);
  return observation;
}

ClassifiedOutcome Outcome(SidecarOutcome kind, absl::string_view message = "") {
  return ClassifiedOutcome{kind, std::string(message)};
}

}  // namespace

ClassifiedOutcome ClassifySubmit(const absl::Status& status) {
  if (status.ok()) return Outcome(SidecarOutcome::kOk);
  if (absl::IsInvalidArgument(status)) {
    return Outcome(SidecarOutcome::kTerminalError, status.message());
  }
  return Outcome(SidecarOutcome::kTransientError, status.message());
}

ClassifiedOutcome ClassifyPoll(absl::string_view id,
                               const absl::StatusOr<sidecar::TaskResult>& result) {
  if (!result.ok()) {
    if (absl::IsNotFound(result.status())) {
      return Outcome(SidecarOutcome::kNotFound, result.status().message());
    }
    return Outcome(SidecarOutcome::kTransientError, result.status().message());
  }
  switch (result->state) {
    case sidecar::TaskState::kCompleted:
      return Outcome(SidecarOutcome::kComplete);
    case sidecar::TaskState::kRunning:
      return Outcome(SidecarOutcome::kRunning);
    case sidecar::TaskState::kFailed:
      return Outcome(SidecarOutcome::kFailed,
                     result->error.empty() ? absl::StrCat("task ", id, " failed with unknown error")
                                           : result->error);
  }
  return Outcome(SidecarOutcome::kTransientError, "unknown task state");
}

planner::Observation SubmitObservation(const absl::Status& status) {
  return ToObservation<planner::Observation>(ClassifySubmit(status));
}

planner::Observation PollObservation(absl::string_view id,
                                     const absl::StatusOr<sidecar::TaskResult>& result) {
  return ToObservation<planner::Observation>(ClassifyPoll(id, result));
}

planner::nodetask::Observation NodeTaskSubmitObservation(const absl::Status& status) {
  return ToObservation<planner::nodetask::Observation>(ClassifySubmit(status));
}

planner::nodetask::Observation NodeTaskPollObservation(
    absl::string_view id, const absl::StatusOr<sidecar::TaskResult>& result) {
  return ToObservation<planner::nodetask::Observation>(ClassifyPoll(id, result));
}

}  // namespace sei::tasks
