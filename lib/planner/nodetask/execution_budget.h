// The execution timeout of a SeiNodeTask (nodetask.md §6, D6): how long the
// synthesized task may run, measured from status.task.executionStartedAt.
#ifndef SEI_LIB_PLANNER_NODETASK_EXECUTION_BUDGET_H_
#define SEI_LIB_PLANNER_NODETASK_EXECUTION_BUDGET_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::planner::nodetask {

// The per-kind default budget (§3, §6): RestartPod 10 min, DiscoverPeers
// 2 min, every other kind (and an unknown kind) zero, meaning unbounded.
absl::Duration DefaultExecutionBudget(absl::string_view kind);

// spec.timeoutSeconds when > 0, else the per-kind default. Zero = unbounded.
absl::Duration EffectiveExecutionBudget(const v1alpha1::SeiNodeTaskSpec& spec);

// True iff the budget is bounded and `now` is strictly later than
// `started + budget` (§6: equality does not expire).
bool ExecutionDeadlineExceeded(absl::Time started, absl::Duration budget, absl::Time now);

// `task did not complete within <d>`, <d> in Go duration form, e.g. 10m0s.
std::string TimeoutMessage(absl::Duration budget);

// status.task.err written on expiry (§6).
inline constexpr absl::string_view kTimeoutTaskError = "timeout";

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_EXECUTION_BUDGET_H_
