// What a sidecar call's result means to the two executors (sidecar-protocol.md
// §9, H1-H3; tasks.md §4): one classification table, read into either the
// plan executor's Observation (lib/planner/executor/action.h) or the
// SeiNodeTask executor's (lib/planner/nodetask/reconcile.h).
//
//   Submit (or building its request):
//     OK                 → kOk
//     InvalidArgument    → kTerminalError (400 rejection H3, validation D2,
//                          undecodable params)
//     anything else      → kTransientError (5xx, `persist task:` 400,
//                          401/403, network, deadline, D9's
//                          FailedPrecondition)
//   Poll:
//     completed          → kComplete
//     failed             → kFailed with the sidecar's error, or
//                          `task <id> failed with unknown error`
//     running            → kRunning
//     NotFound (404)     → kNotFound (the executor resubmits, H1)
//     any other error    → kTransientError
#ifndef SEI_LIB_TASKS_SIDECAR_SIDECAR_OUTCOME_H_
#define SEI_LIB_TASKS_SIDECAR_SIDECAR_OUTCOME_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/planner/executor/action.h"
#include "lib/planner/nodetask/reconcile.h"
#include "lib/sidecar/sidecar_client.h"

namespace sei::tasks {

// The kinds both executors' Observations share.
enum class SidecarOutcome {
  kOk,
  kTransientError,
  kTerminalError,
  kRunning,
  kComplete,
  kFailed,
  kNotFound,
};

struct ClassifiedOutcome {
  SidecarOutcome kind = SidecarOutcome::kTransientError;
  std::string message;  // the error text, or the task error for kFailed
};

ClassifiedOutcome ClassifySubmit(const absl::Status& status);
ClassifiedOutcome ClassifyPoll(absl::string_view id,
                               const absl::StatusOr<sidecar::TaskResult>& result);

// The plan executor's view.
planner::Observation SubmitObservation(const absl::Status& status);
planner::Observation PollObservation(absl::string_view id,
                                     const absl::StatusOr<sidecar::TaskResult>& result);

// The SeiNodeTask executor's view.
planner::nodetask::Observation NodeTaskSubmitObservation(const absl::Status& status);
planner::nodetask::Observation NodeTaskPollObservation(
    absl::string_view id, const absl::StatusOr<sidecar::TaskResult>& result);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_SIDECAR_SIDECAR_OUTCOME_H_
