// The vocabulary between the pure plan executor and its adapter layer
// (plans.md §12): the executor names an Action on the current task, the
// adapter performs it (Kubernetes call or sidecar HTTP, sidecar-protocol.md
// §9) and reports an Observation, and the executor answers with the next Step.
#ifndef SEI_LIB_PLANNER_EXECUTOR_ACTION_H_
#define SEI_LIB_PLANNER_EXECUTOR_ACTION_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::planner {

enum class ActionKind {
  kExecute,         // controller task: call its idempotent Execute
  kQueryStatus,     // controller task: call its Status query
  kSubmit,          // sidecar task: POST /v0/tasks {id, type, params}
  kPoll,            // sidecar task: GET /v0/tasks/{id}
  kObserveRollout,  // init plan finishing (plans.md D1): uncached StatefulSet
                    // read, rollout check as observe-image (tasks.md §3.10)
};

struct Action {
  ActionKind kind = ActionKind::kExecute;
  // Index into status.plan.tasks; -1 for kObserveRollout (no task).
  int task_index = -1;
  // kPoll only: the poll directly follows an accepted submit of the same pass,
  // so a 404 must not trigger another submit (sidecar-protocol.md §14 H1).
  bool after_submit = false;
};

bool operator==(const Action& a, const Action& b);
inline bool operator!=(const Action& a, const Action& b) { return !(a == b); }

// What the adapter saw when it performed an Action.
struct Observation {
  enum class Kind {
    kOk,              // Execute succeeded / Submit accepted (201/202 with id)
    kTransientError,  // retry later (network, 5xx, 401/403, `persist task:`
                      // 400, Kubernetes API error)
    kTerminalError,   // never retry (terminal task error, 400 rejection,
                      // params validation failure (D2), undecodable params)
    kRunning,         // Status query / poll: still running
    kComplete,        // Status query / poll: completed
    kFailed,          // Status query / poll: failed; message = task error
    kNotFound,        // poll: 404, the sidecar has no record of the ID
    kRolloutDone,     // kObserveRollout: the StatefulSet rollout is complete
    kRolloutPending,  // kObserveRollout: not (yet) rolled out
  };
  Kind kind = Kind::kOk;
  std::string message;
};

// The executor's answer. kPerform asks the adapter to perform `action` and
// call Observe; kRequeue and kStop end the pass.
struct Step {
  enum class Kind {
    kPerform,  // perform `action`, then call Observe with the outcome
    kRequeue,  // end of pass; run the next pass after `requeue_after`
    kStop,     // end of pass; no further work for this plan
  };
  Kind kind = Kind::kStop;
  Action action;                                        // kPerform only
  absl::Duration requeue_after = absl::ZeroDuration();  // kRequeue only
  // One human-readable line on what happened (logs, `seiplan simulate`).
  std::string note;
};

// Stable lowercase names for logs and the simulator, e.g. "query-status",
// "transient-error", "requeue".
absl::string_view ActionKindName(ActionKind kind);
absl::string_view ObservationKindName(Observation::Kind kind);
absl::string_view StepKindName(Step::Kind kind);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_ACTION_H_
