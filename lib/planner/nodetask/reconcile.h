// One SeiNodeTask reconcile as a pure state machine (nodetask.md §11 as fixed
// by §15). The reconciler loads the task and its target, calls Begin, performs
// each kPerform action (sidecar HTTP or Kubernetes call), reports what it saw
// through Observe, and on kDone flushes the status (one merge patch, only if
// changed, §16.2), emits `events` and requeues after `requeue_after`.
//
// Every call of one reconcile takes the same `now`. Time stamps are whole
// seconds (core/time_util.h), so a status read back after a flush decides
// exactly like the in-memory one.
#ifndef SEI_LIB_PLANNER_NODETASK_RECONCILE_H_
#define SEI_LIB_PLANNER_NODETASK_RECONCILE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/planner/nodetask/status_transitions.h"
#include "lib/planner/nodetask/target_gate.h"
#include "lib/planner/nodetask/task_params.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::planner::nodetask {

// Requeue intervals (§11.2).
inline constexpr absl::Duration kTargetWaitRequeue = absl::Seconds(5);
inline constexpr absl::Duration kSynthesisRequeue = absl::Milliseconds(1);
inline constexpr absl::Duration kRunningRequeue = absl::Seconds(15);
// Transient errors: the reference returns the error to the controller's
// rate-limited queue; here the delay is explicit.
inline constexpr absl::Duration kTransientRetryRequeue = absl::Seconds(5);

enum class ActionKind {
  kSubmit,       // sidecar kinds: POST /v0/tasks with `request` (30 s deadline)
  kPoll,         // sidecar kinds: GET /v0/tasks/<request.id> (15 s deadline)
  kExecute,      // controller kinds: idempotent Execute of `request`
  kQueryStatus,  // controller kinds: Status of `request`
};

struct Action {
  ActionKind kind = ActionKind::kPoll;
  TaskRequest request;
  // kPoll only: directly follows an accepted submit of this reconcile, so a
  // 404 reads as "not visible yet" and never triggers another submit.
  bool after_submit = false;
  // kQueryStatus only: the transient error Execute returned in this
  // reconcile; unless the status query decides, the step retries soon.
  std::optional<std::string> execute_error;
};

// What the adapter saw when it performed an Action.
//   kSubmit:      kOk (201/202 with id) | kTerminalError (400, text in
//                 `message`; a `persist task:` 400 is kTransientError) |
//                 kTransientError (other codes, network, deadline)
//   kPoll:        kRunning | kComplete | kFailed (`message` = sidecar error) |
//                 kNotFound (404) | kTransientError
//   kExecute:     kOk | kTerminalError | kTransientError
//   kQueryStatus: kRunning | kComplete (UpdateNodeImage: `applied_image` =
//                 status.currentImage of the uncached read, D9) | kFailed |
//                 kTerminalError | kTransientError
// A kind outside its action's list is treated as a transient error.
struct Observation {
  enum class Kind {
    kOk,
    kTransientError,
    kTerminalError,
    kRunning,
    kComplete,
    kFailed,
    kNotFound,
  };
  Kind kind = Kind::kTransientError;
  std::string message;
  std::string applied_image;
};

struct Step {
  enum class Kind {
    kPerform,  // perform `action`, then call Observe
    kDone,     // flush status if changed, emit events, requeue if set
  };
  Kind kind = Kind::kDone;
  Action action;                                // kPerform only
  std::optional<absl::Duration> requeue_after;  // kDone only; none = no requeue
  std::vector<Event> events;                    // kDone only
  std::string note;                             // one log line on the decision
};

// Starts a reconcile of the loaded `task` (mutated in place):
//   terminal phase        → kDone, nothing written, no requeue (§11.1 step 2)
//   bookkeeping           → observedGeneration, startedAt; TargetReady present
//                           (D2); phase Pending while status.task is null (D1)
//   no status.task        → target gate (target_gate.h), then synthesis:
//                           validation pass, status.task {id, Pending,
//                           executionStartedAt, restartedPodUID}, phase
//                           Running, requeue 1 ms, no side effect (step 6)
//   status.task set       → drive: confirmed-absent target fails (D7); params
//                           from the live spec and target; local checks (D6,
//                           D8); lazy executionStartedAt (§6); then kPoll for
//                           sidecar kinds (D4: poll before any submit) or
//                           kExecute for controller kinds (kQueryStatus alone
//                           once the deadline has passed: no side effect that
//                           could no longer be awaited)
Step Begin(v1alpha1::SeiNodeTask* task, const TargetLookup& target, absl::Time now);

// Continues the reconcile with the outcome of `action`. Sidecar kinds submit
// at most once (D4): a 404 before submittedAt → kSubmit; 200 → adopt
// (submittedAt = now); a 404 after submission → resubmit, except
// GovSoftwareUpgrade → Failed/SidecarTaskLost (D5); `failed` → TaskFailed.
// Controller kinds: Execute then Status every drive step. Whatever happened,
// a step without a complete/failed result ends with the execution deadline
// check (§6, D6): Failed/Timeout once now > executionStartedAt + budget.
Step Observe(v1alpha1::SeiNodeTask* task, const Action& action, const Observation& observation,
             absl::Time now);

// Stable lowercase names for logs and tests, e.g. "query-status".
absl::string_view ActionKindName(ActionKind kind);
absl::string_view ObservationKindName(Observation::Kind kind);

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_RECONCILE_H_
