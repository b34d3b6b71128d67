#include "lib/planner/nodetask/execution_budget.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/nodetask/kind.h"
#include "lib/planner/validation/go_duration.h"

namespace sei::planner::nodetask {

absl::Duration DefaultExecutionBudget(absl::string_view kind) {
  std::optional<NodeTaskKind> parsed = ParseKind(kind);
  if (!parsed.has_value()) return absl::ZeroDuration();
  switch (*parsed) {
    case NodeTaskKind::kRestartPod:
      return absl::Minutes(10);
    case NodeTaskKind::kDiscoverPeers:
      return absl::Minutes(2);
    default:
      return absl::ZeroDuration();
  }
}

absl::Duration EffectiveExecutionBudget(const v1alpha1::SeiNodeTaskSpec& spec) {
  if (spec.timeout_seconds() > 0) return absl::Seconds(spec.timeout_seconds());
  return DefaultExecutionBudget(spec.kind());
}

bool ExecutionDeadlineExceeded(absl::Time started, absl::Duration budget, absl::Time now) {
  return budget > absl::ZeroDuration() && now > started + budget;
}

std::string TimeoutMessage(absl::Duration budget) {
  return absl::StrCat("task did not complete within ", FormatGoDuration(budget));
}

}  // namespace sei::planner::nodetask
