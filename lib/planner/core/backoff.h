// Requeue intervals of the plan executor (plans.md §11, §12).
#ifndef SEI_LIB_PLANNER_CORE_BACKOFF_H_
#define SEI_LIB_PLANNER_CORE_BACKOFF_H_

#include <algorithm>

#include "absl/time/time.h"

namespace sei::planner {

// How long to wait before polling a task that is still running, or retrying
// a transient error of a task without a retry budget.
inline constexpr absl::Duration kPollInterval = absl::Seconds(5);
// "Immediately": a new plan was persisted, or a plan just finished.
inline constexpr absl::Duration kImmediateRequeue = absl::Milliseconds(1);
inline constexpr absl::Duration kRetryBackoffCap = absl::Seconds(30);

// Delay after consuming retry `retry_count` (≥ 1):
// min(5 s × 2^min(n, 5), 30 s) → 10 s, 20 s, then 30 s.
inline absl::Duration RetryBackoff(int retry_count) {
  int exponent = std::clamp(retry_count, 0, 5);
  return std::min(absl::Seconds(5) * (1 << exponent), kRetryBackoffCap);
}

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_BACKOFF_H_
