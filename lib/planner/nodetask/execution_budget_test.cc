#include "lib/planner/nodetask/execution_budget.h"

#include <catch2/catch.hpp>

#include "lib/planner/nodetask/test_fixtures.h"

namespace sei::planner::nodetask {
namespace {

using testing::T0;

TEST_CASE("§6 per-kind default budgets", "[budget]") {
  CHECK(DefaultExecutionBudget("RestartPod") == absl::Minutes(10));
  CHECK(DefaultExecutionBudget("DiscoverPeers") == absl::Minutes(2));
  for (const char* kind : {"GovSoftwareUpgrade", "GovVote", "AwaitCondition", "UpdateNodeImage",
                           "AwaitNodesAtHeight", "Unknown"}) {
    INFO(kind);
    CHECK(DefaultExecutionBudget(kind) == absl::ZeroDuration());
  }
}

TEST_CASE("§6 timeoutSeconds > 0 wins over the default", "[budget]") {
  v1alpha1::SeiNodeTaskSpec spec;
  spec.set_kind("RestartPod");
  CHECK(EffectiveExecutionBudget(spec) == absl::Minutes(10));
  spec.set_timeout_seconds(900);
  CHECK(EffectiveExecutionBudget(spec) == absl::Minutes(15));
  spec.set_kind("GovVote");
  CHECK(EffectiveExecutionBudget(spec) == absl::Minutes(15));
  spec.set_timeout_seconds(0);
  CHECK(EffectiveExecutionBudget(spec) == absl::ZeroDuration());
}

TEST_CASE("§6 the deadline expires only strictly after start + budget", "[budget]") {
  const absl::Duration budget = absl::Minutes(2);
  CHECK_FALSE(ExecutionDeadlineExceeded(T0(), budget, T0() + budget));
  CHECK(ExecutionDeadlineExceeded(T0(), budget, T0() + budget + absl::Nanoseconds(1)));
  CHECK_FALSE(ExecutionDeadlineExceeded(T0(), budget, T0()));
  // Unbounded never expires.
  CHECK_FALSE(ExecutionDeadlineExceeded(T0(), absl::ZeroDuration(), T0() + absl::Hours(1e5)));
}

TEST_CASE("§6 timeout message uses Go duration formatting", "[budget]") {
  CHECK(TimeoutMessage(absl::Minutes(10)) == "task did not complete within 10m0s");
  CHECK(TimeoutMessage(absl::Minutes(2)) == "task did not complete within 2m0s");
  CHECK(TimeoutMessage(absl::Seconds(1800)) == "task did not complete within 30m0s");
  CHECK(TimeoutMessage(absl::Seconds(3661)) == "task did not complete within 1h1m1s");
  CHECK(TimeoutMessage(absl::Seconds(45)) == "task did not complete within 45s");
}

}  // namespace
}  // namespace sei::planner::nodetask
