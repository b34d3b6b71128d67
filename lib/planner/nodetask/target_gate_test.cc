#include "lib/planner/nodetask/target_gate.h"

#include <catch2/catch.hpp>

#include "lib/planner/nodetask/test_fixtures.h"

namespace sei::planner::nodetask {
namespace {

using testing::ConditionOf;
using testing::MakeTarget;
using testing::MakeTask;
using testing::T0;
using testing::TimeOf;

TEST_CASE("Node phase names and the requirePhase default", "[gate]") {
  CHECK(NodePhaseName(v1alpha1::NODE_PHASE_UNSPECIFIED).empty());
  CHECK(NodePhaseName(v1alpha1::NODE_PHASE_PENDING) == "Pending");
  CHECK(NodePhaseName(v1alpha1::NODE_PHASE_INITIALIZING) == "Initializing");
  CHECK(NodePhaseName(v1alpha1::NODE_PHASE_RUNNING) == "Running");
  CHECK(NodePhaseName(v1alpha1::NODE_PHASE_FAILED) == "Failed");
  CHECK(NodePhaseName(v1alpha1::NODE_PHASE_TERMINATING) == "Terminating");

  v1alpha1::SeiNodeTaskTarget target;
  CHECK(EffectiveRequirePhase(target) == v1alpha1::NODE_PHASE_RUNNING);
  target.set_require_phase(v1alpha1::NODE_PHASE_PENDING);
  CHECK(EffectiveRequirePhase(target) == v1alpha1::NODE_PHASE_PENDING);
}

TEST_CASE("requirePhaseTimeout: default 5m, Go syntax, D10 errors name field and value",
          "[gate][D10]") {
  v1alpha1::SeiNodeTaskTarget target;
  CHECK(*EffectiveRequirePhaseTimeout(target) == absl::Minutes(5));
  target.set_require_phase_timeout("1h30m");
  CHECK(*EffectiveRequirePhaseTimeout(target) == absl::Minutes(90));
  target.set_require_phase_timeout("90s");
  CHECK(*EffectiveRequirePhaseTimeout(target) == absl::Seconds(90));
  target.set_require_phase_timeout("0");
  CHECK(*EffectiveRequirePhaseTimeout(target) == absl::ZeroDuration());
  for (const char* bad : {"5", "5 m", "1d", "abc"}) {
    INFO(bad);
    target.set_require_phase_timeout(bad);
    absl::StatusOr<absl::Duration> parsed = EffectiveRequirePhaseTimeout(target);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(std::string(parsed.status().message()),
               Catch::StartsWith("spec.target.requirePhaseTimeout \"" + std::string(bad) + "\""));
  }
}

TEST_CASE("EnsureTargetReadyCondition only adds a missing condition", "[gate][D2]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  EnsureTargetReadyCondition(&task, T0());
  v1alpha1::Condition c = ConditionOf(task, "TargetReady");
  CHECK(c.status() == "Unknown");
  CHECK(c.reason() == "Resolving");
  CHECK(c.message() == "resolving target lonely-node");
  ApplyTargetGate(&task, TargetLookup::Found(MakeTarget()), T0());
  EnsureTargetReadyCondition(&task, T0() + absl::Seconds(1));
  CHECK(ConditionOf(task, "TargetReady").reason() == "PhaseMet");
  CHECK(task.status().conditions_size() == 1);
}

TEST_CASE("The gate: met, waiting, and the anchor reset", "[gate]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  const v1alpha1::SeiNode init = MakeTarget(v1alpha1::NODE_PHASE_INITIALIZING);
  GateResult r = ApplyTargetGate(&task, TargetLookup::Found(init), T0());
  CHECK(r.kind == GateResult::Kind::kWaiting);
  CHECK(TimeOf(task.status().target_first_observed_at()) == T0());

  r = ApplyTargetGate(&task, TargetLookup::Found(init), T0() + absl::Minutes(4));
  CHECK(r.kind == GateResult::Kind::kWaiting);
  CHECK(TimeOf(task.status().target_first_observed_at()) == T0());  // not re-stamped

  r = ApplyTargetGate(&task, TargetLookup::Found(MakeTarget()), T0() + absl::Minutes(4));
  CHECK(r.kind == GateResult::Kind::kPhaseMet);
  CHECK_FALSE(task.status().has_target_first_observed_at());
  CHECK_FALSE(task.status().has_phase_transition_time());  // the gate never sets the phase

  // A target that flaps back re-anchors the wait from now.
  r = ApplyTargetGate(&task, TargetLookup::Found(init), T0() + absl::Minutes(8));
  CHECK(r.kind == GateResult::Kind::kWaiting);
  CHECK(TimeOf(task.status().target_first_observed_at()) == T0() + absl::Minutes(8));
}

TEST_CASE("The gate: an absent target phase prints as empty", "[gate]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  task.mutable_spec()->mutable_target()->set_require_phase_timeout("0s");
  const v1alpha1::SeiNode fresh = MakeTarget(v1alpha1::NODE_PHASE_UNSPECIFIED);
  CHECK(ApplyTargetGate(&task, TargetLookup::Found(fresh), T0()).kind ==
        GateResult::Kind::kWaiting);
  CHECK(ConditionOf(task, "TargetReady").message() ==
        "waiting for target lonely-node to reach Running (current: )");
  GateResult r = ApplyTargetGate(&task, TargetLookup::Found(fresh), T0() + absl::Seconds(1));
  REQUIRE(r.kind == GateResult::Kind::kFailed);
  CHECK(r.failure == Failure{"TargetResolveFailed",
                             "target \"lonely-node\" did not reach phase \"Running\" within 0s "
                             "(current: \"\")"});
}

TEST_CASE("After dispatch only a confirmed absence counts (D7)", "[gate][D7]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  CHECK_FALSE(CheckDispatchedTarget(
                  &task, TargetLookup::Found(MakeTarget(v1alpha1::NODE_PHASE_TERMINATING)), T0())
                  .has_value());
  CHECK_FALSE(CheckDispatchedTarget(&task, TargetLookup::Error("timeout"), T0()).has_value());
  CHECK(task.status().conditions().empty());  // TargetReady untouched
  std::optional<Failure> f = CheckDispatchedTarget(&task, TargetLookup::NotFound(), T0());
  REQUIRE(f.has_value());
  CHECK(f->reason == "TargetResolveFailed");
  CHECK(ConditionOf(task, "TargetReady").reason() == "TargetNotFound");
}

}  // namespace
}  // namespace sei::planner::nodetask
