#include "cmd/operator/e2e/wait_for.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace sei::e2e {

absl::Status WaitFor(absl::string_view description, const WaitCondition& condition,
                     absl::Duration timeout, absl::Duration interval) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string seen;
  while (true) {
    seen.clear();
    if (condition(&seen)) return absl::OkStatus();
    if (absl::Now() >= deadline) break;
    absl::SleepFor(std::min(interval, deadline - absl::Now()));
  }
  return absl::DeadlineExceededError(
      absl::StrCat("timed out after ", absl::FormatDuration(timeout), " waiting for ", description,
                   "; last seen: ", seen.empty() ? "(nothing)" : seen));
}

}  // namespace sei::e2e
