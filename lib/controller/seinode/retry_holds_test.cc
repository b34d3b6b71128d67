// A task waiting out its retry backoff is held until the backoff is over,
// for exactly that plan, task and attempt; anything else runs at once.
#include "lib/controller/seinode/retry_holds.h"

#include <catch2/catch.hpp>

namespace sei::controller {
namespace {

const absl::Time kT0 = absl::FromUnixSeconds(1767225600);

// A plan whose task 0 is Complete and task 1 (discover-peers) has consumed
// `retries` attempts and waits for the next.
v1alpha1::TaskPlan PlanRetrying(int retries, const std::string& id = "plan-1") {
  v1alpha1::TaskPlan plan;
  plan.set_id(id);
  plan.set_phase(v1alpha1::PLAN_PHASE_ACTIVE);
  v1alpha1::PlannedTask* done = plan.add_tasks();
  done->set_type("ensure-data-pvc");
  done->set_status(v1alpha1::TASK_STATUS_COMPLETE);
  v1alpha1::PlannedTask* waiting = plan.add_tasks();
  waiting->set_type("discover-peers");
  waiting->set_status(v1alpha1::TASK_STATUS_PENDING);
  waiting->set_max_retries(20);
  waiting->set_retry_count(retries);
  return plan;
}

TEST_CASE("a retry is held until its backoff is over") {
  RetryHolds holds;
  holds.AfterPass("uid-1", PlanRetrying(1), absl::Seconds(10), kT0);
  std::optional<absl::Duration> wait = holds.Remaining("uid-1", PlanRetrying(1), kT0 + absl::Seconds(3));
  REQUIRE(wait.has_value());
  CHECK(*wait == absl::Seconds(7));
  CHECK_FALSE(holds.Remaining("uid-1", PlanRetrying(1), kT0 + absl::Seconds(10)).has_value());
  // Other nodes are not held.
  CHECK_FALSE(holds.Remaining("uid-2", PlanRetrying(1), kT0).has_value());
}

TEST_CASE("a hold covers only the attempt, task and plan it was made for") {
  RetryHolds holds;
  holds.AfterPass("uid-1", PlanRetrying(2), absl::Seconds(20), kT0);
  CHECK(holds.Remaining("uid-1", PlanRetrying(2), kT0).has_value());
  CHECK_FALSE(holds.Remaining("uid-1", PlanRetrying(3), kT0).has_value());
  CHECK_FALSE(holds.Remaining("uid-1", PlanRetrying(2, "plan-2"), kT0).has_value());
  v1alpha1::TaskPlan moved_on = PlanRetrying(2);
  moved_on.mutable_tasks(1)->set_status(v1alpha1::TASK_STATUS_COMPLETE);
  moved_on.add_tasks()->set_status(v1alpha1::TASK_STATUS_PENDING);
  CHECK_FALSE(holds.Remaining("uid-1", moved_on, kT0).has_value());
  // The plan is gone (retired, or the node has none yet).
  CHECK_FALSE(holds.Remaining("uid-1", v1alpha1::TaskPlan(), kT0).has_value());
}

TEST_CASE("no hold for a first attempt, a submitted attempt, or a finished plan") {
  RetryHolds holds;
  holds.AfterPass("uid-1", PlanRetrying(0), absl::Seconds(5), kT0);
  CHECK_FALSE(holds.Remaining("uid-1", PlanRetrying(0), kT0).has_value());

  v1alpha1::TaskPlan submitted = PlanRetrying(1);
  submitted.mutable_tasks(1)->mutable_submitted_at()->set_seconds(1767225600);
  holds.AfterPass("uid-1", submitted, absl::Seconds(5), kT0);
  CHECK_FALSE(holds.Remaining("uid-1", submitted, kT0).has_value());

  // A later pass that is not a retry wait clears an earlier hold.
  holds.AfterPass("uid-1", PlanRetrying(1), absl::Seconds(10), kT0);
  v1alpha1::TaskPlan failed = PlanRetrying(1);
  failed.set_phase(v1alpha1::PLAN_PHASE_FAILED);
  holds.AfterPass("uid-1", failed, absl::ZeroDuration(), kT0);
  CHECK_FALSE(holds.Remaining("uid-1", PlanRetrying(1), kT0).has_value());

  holds.AfterPass("uid-1", PlanRetrying(1), absl::Seconds(10), kT0);
  holds.Forget("uid-1");
  CHECK_FALSE(holds.Remaining("uid-1", PlanRetrying(1), kT0).has_value());
}

}  // namespace
}  // namespace sei::controller
