// The example of docs/planner.md, compiled and checked on every test run so
// the documentation cannot drift from the library. Read it top to bottom:
// build a SeiNode, let ResolvePlan build its plan, then step the plan with
// your own adapter callback.
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "lib/planner/executor/simulated_pass.h"
#include "lib/planner/plan/resolve_plan.h"

namespace {

using sei::planner::Action;
using sei::planner::ActionKind;
using sei::planner::Observation;

TEST_CASE("Embedding the planner: build a plan and step it to the end", "[docs]") {
  // 1. A node as a user would write it (or read one with sei::api::ReadManifests).
  sei::v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name("rpc-0");
  node.mutable_metadata()->set_namespace_("sei");
  node.mutable_spec()->set_chain_id("pacific-1");
  node.mutable_spec()->set_image("ghcr.io/sei-protocol/sei:v6.3.0");
  node.mutable_spec()->mutable_full_node()->mutable_snapshot()->mutable_state_sync();

  // 2. Inputs: the time and plan IDs are yours to give; the planner has no clock.
  absl::Time now = absl::FromUnixSeconds(1780000000);
  sei::planner::ResolveInputs inputs;
  inputs.now = now;
  inputs.new_plan_id = [] { return std::string("11111111-2222-4333-8444-555555555555"); };
  inputs.config.default_sidecar_image = "ghcr.io/sei-protocol/seictl:v0.0.55";

  auto outcome = sei::planner::ResolvePlan(&node, inputs);
  REQUIRE(outcome.ok());
  REQUIRE(outcome->action == sei::planner::ResolveOutcome::Action::kBuilt);
  CHECK(node.status().phase() == sei::v1alpha1::NODE_PHASE_INITIALIZING);
  std::vector<std::string> types;
  for (const auto& task : node.status().plan().tasks()) types.push_back(task.type());
  CHECK(types == std::vector<std::string>{"ensure-data-pvc", "apply-rbac-proxy-config",
                                          "apply-statefulset", "apply-service",
                                          "configure-genesis", "config-apply",
                                          "configure-state-sync", "config-validate",
                                          "mark-ready"});

  // 3. Step it. Your callback performs each action (or pretends to) and says
  //    what it observed; here every task succeeds except config-apply, whose
  //    first poll reports a failure.
  std::map<std::string, int> polls;
  auto perform = [&](const Action& action, const sei::v1alpha1::PlannedTask* task) {
    switch (action.kind) {
      case ActionKind::kExecute:
      case ActionKind::kSubmit:
        return Observation{Observation::Kind::kOk, ""};
      case ActionKind::kObserveRollout:
        return Observation{Observation::Kind::kRolloutDone, ""};
      case ActionKind::kQueryStatus:
      case ActionKind::kPoll:
        break;
    }
    if (task->type() == "config-apply" && polls[task->type()]++ == 0) {
      return Observation{Observation::Kind::kFailed, "unknown override key"};
    }
    return Observation{Observation::Kind::kComplete, ""};
  };

  sei::planner::ExecutorEnv env{now, inputs.config};
  sei::planner::PassResult pass = sei::planner::RunPass(&node, env, perform);

  // config-apply has no retry budget: its first failure fails the plan, and
  // the init plan's failedPhase moves the node to Failed.
  CHECK(pass.final_step.kind == sei::planner::Step::Kind::kStop);
  const auto& plan = node.status().plan();
  CHECK(plan.phase() == sei::v1alpha1::PLAN_PHASE_FAILED);
  CHECK(plan.failed_task_index() == 5);
  CHECK(plan.failed_task_detail().error() == "unknown override key");
  CHECK(node.status().phase() == sei::v1alpha1::NODE_PHASE_FAILED);
  // pass.notes holds one human-readable line per transition, for your logs.
  CHECK_FALSE(pass.notes.empty());
}

}  // namespace
