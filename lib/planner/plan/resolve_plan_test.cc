#include "lib/planner/plan/resolve_plan.h"

#include <catch2/catch.hpp>

#include "lib/planner/core/conditions.h"
#include "lib/planner/core/task_id.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/plan/plan_builder.h"
#include "lib/planner/plan/test_support.h"

namespace sei::planner {
namespace {

using testing::Split;
using Action = ResolveOutcome::Action;

const absl::Time kNow = absl::FromUnixSeconds(1'780'000'000) + absl::Milliseconds(750);

ResolveInputs Inputs() {
  ResolveInputs in;
  in.now = kNow;
  in.new_plan_id = testing::SequentialPlanIds();
  in.config.default_sidecar_image = "sidecar:default";
  return in;
}

v1alpha1::SeiNode Running() {
  v1alpha1::SeiNode node = testing::FullNode();
  node.mutable_status()->set_phase(v1alpha1::NODE_PHASE_RUNNING);
  node.mutable_status()->set_current_image("seid:v2");
  node.mutable_status()->set_current_sidecar_image("sidecar:default");
  return node;
}

const v1alpha1::Condition& Cond(const v1alpha1::SeiNode& node, absl::string_view type) {
  const v1alpha1::Condition* c = FindCondition(node.status().conditions(), type);
  REQUIRE(c != nullptr);
  return *c;
}

void SetUpdateInProgress(v1alpha1::SeiNode* node) {
  SetCondition(node->mutable_status()->mutable_conditions(),
               {"NodeUpdateInProgress", "True", "UpdateStarted", "image drift detected"}, 2,
               kNow - absl::Hours(1));
}

// A finished NodeUpdate plan whose first task was submitted 90 s before kNow.
v1alpha1::TaskPlan FinishedUpdatePlan(v1alpha1::SeiNode node, v1alpha1::PlanPhase phase) {
  node.mutable_spec()->set_image("seid:v9");
  PlanContext context{[] { return std::string("old-plan"); }, {}};
  absl::StatusOr<v1alpha1::TaskPlan> plan = BuildNodeUpdatePlan(node, context);
  REQUIRE(plan.ok());
  plan->set_phase(phase);
  StampTime(kNow - absl::Seconds(90), plan->mutable_tasks(0)->mutable_submitted_at());
  return *plan;
}

TEST_CASE("A new node gets an init plan and becomes Initializing", "[resolve]") {
  for (v1alpha1::NodePhase phase :
       {v1alpha1::NODE_PHASE_UNSPECIFIED, v1alpha1::NODE_PHASE_PENDING}) {
    v1alpha1::SeiNode node = testing::FullNode();
    node.mutable_status()->set_phase(phase);
    ResolveInputs in = Inputs();
    in.sidecar_health = SidecarHealth::Ready();  // ignored: not Running
    absl::StatusOr<ResolveOutcome> outcome = ResolvePlan(&node, in);
    REQUIRE(outcome.ok());
    CHECK(outcome->action == Action::kBuilt);
    CHECK_FALSE(outcome->finished.has_value());
    CHECK_FALSE(outcome->probe_outcome.has_value());
    CHECK(node.status().phase() == v1alpha1::NODE_PHASE_INITIALIZING);
    CHECK(node.status().phase_transition_time().seconds() == 1'780'000'000);
    CHECK(node.status().phase_transition_time().nanos() == 0);
    CHECK(node.status().plan().id() == testing::kPlanId);
    CHECK(node.status().plan().tasks(0).id() == "859d8a92-8a4f-5ce6-a0b0-ace7c5793bc4");
    CHECK(PlanTaskTypes(node.status().plan()) ==
          Split("ensure-data-pvc apply-rbac-proxy-config apply-statefulset apply-service "
                "configure-genesis config-apply config-validate mark-ready"));
    CHECK(node.status().conditions().empty());
  }
}

TEST_CASE("Init plan override notes are reported", "[resolve]") {
  v1alpha1::SeiNode node = testing::FullNode();
  (*node.mutable_spec()->mutable_overrides())["logging.level"] = "warn";
  auto outcome = ResolvePlan(&node, Inputs());
  REQUIRE(outcome.ok());
  CHECK(outcome->override_notes ==
        std::vector<std::string>{"rejecting user override logging.level=warn: forced to info"});
}

TEST_CASE("An Active plan is resumed and nothing else happens", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  node.mutable_spec()->set_image("seid:v3");  // drift, but the plan must be left alone
  v1alpha1::TaskPlan active = FinishedUpdatePlan(node, v1alpha1::PLAN_PHASE_ACTIVE);
  *node.mutable_status()->mutable_plan() = active;
  int ids_taken = 0;
  ResolveInputs in = Inputs();
  in.new_plan_id = [&ids_taken] { ++ids_taken; return std::string("x"); };
  in.sidecar_health = SidecarHealth::Ready();
  auto outcome = ResolvePlan(&node, in);
  REQUIRE(outcome.ok());
  CHECK(outcome->action == Action::kResumed);
  CHECK(ids_taken == 0);
  CHECK(testing::SameMessage(node.status().plan(), active));
  CHECK(FindCondition(node.status().conditions(), "NodeUpdateInProgress") == nullptr);
  // The probe still ran (step 1 precedes resume).
  CHECK(outcome->probe_outcome == "ready");
  CHECK(Cond(node, "SidecarReady").status() == "True");
}

TEST_CASE("Probe results set SidecarReady only while Running", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  ResolveInputs in = Inputs();

  in.sidecar_health = SidecarHealth::Ready();
  REQUIRE(ResolvePlan(&node, in).ok());
  const v1alpha1::Condition& ready = Cond(node, "SidecarReady");
  CHECK(ready.status() == "True");
  CHECK(ready.reason() == "Ready");
  CHECK(ready.message() == "sidecar returned 200");
  CHECK(ready.observed_generation() == 3);

  in.sidecar_health = SidecarHealth::Unreachable("dial tcp: connection refused");
  auto outcome = ResolvePlan(&node, in);
  REQUIRE(outcome.ok());
  CHECK(outcome->probe_outcome == "unreachable");
  CHECK(outcome->action == Action::kNone);  // Unknown never asks for mark-ready
  const v1alpha1::Condition& unreachable = Cond(node, "SidecarReady");
  CHECK(unreachable.status() == "Unknown");
  CHECK(unreachable.reason() == "Unreachable");
  CHECK(unreachable.message() == "sidecar Healthz error: dial tcp: connection refused");
  CHECK_FALSE(node.status().has_plan());
}

TEST_CASE("NotReady probe leads to a mark-ready re-approval plan", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  ResolveInputs in = Inputs();
  in.sidecar_health = SidecarHealth::NotReady();
  auto outcome = ResolvePlan(&node, in);
  REQUIRE(outcome.ok());
  CHECK(outcome->action == Action::kBuilt);
  CHECK(outcome->probe_outcome == "not_ready");
  const v1alpha1::Condition& c = Cond(node, "SidecarReady");
  CHECK(c.status() == "False");
  CHECK(c.reason() == "NotReady");
  CHECK(c.message() == "sidecar returned 503, re-issuing mark-ready");
  CHECK(PlanTaskTypes(node.status().plan()) == Split("mark-ready"));
  CHECK(node.status().plan().tasks(0).id() == TaskId(testing::kPlanId, "mark-ready", 0));
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK_FALSE(node.status().has_phase_transition_time());
  CHECK(FindCondition(node.status().conditions(), "NodeUpdateInProgress") == nullptr);
}

TEST_CASE("A Running node without drift or NotReady needs nothing", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  auto outcome = ResolvePlan(&node, Inputs());
  REQUIRE(outcome.ok());
  CHECK(outcome->action == Action::kNone);
  CHECK_FALSE(node.status().has_plan());
}

TEST_CASE("Drift builds a NodeUpdate plan with the exact messages", "[resolve]") {
  SECTION("seid only") {
    v1alpha1::SeiNode node = Running();
    node.mutable_spec()->set_image("seid:v3");
    auto outcome = ResolvePlan(&node, Inputs());
    REQUIRE(outcome.ok());
    CHECK(outcome->action == Action::kBuilt);
    CHECK(PlanTaskTypes(node.status().plan()) ==
          Split("apply-statefulset apply-service config-patch config-validate replace-pod "
                "observe-image mark-ready"));
    const v1alpha1::Condition& c = Cond(node, "NodeUpdateInProgress");
    CHECK(c.status() == "True");
    CHECK(c.reason() == "UpdateStarted");
    CHECK(c.message() == "image drift detected: spec=seid:v3 current=seid:v2");
    CHECK(c.observed_generation() == 3);
    CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  }
  SECTION("empty currentImage counts as drift") {
    v1alpha1::SeiNode node = Running();
    node.mutable_status()->clear_current_image();
    REQUIRE(ResolvePlan(&node, Inputs()).ok());
    CHECK(Cond(node, "NodeUpdateInProgress").message() ==
          "image drift detected: spec=seid:v2 current=");
  }
  SECTION("sidecar only") {
    v1alpha1::SeiNode node = Running();
    node.mutable_spec()->mutable_sidecar()->set_image("sidecar:v5");
    REQUIRE(ResolvePlan(&node, Inputs()).ok());
    CHECK(Cond(node, "NodeUpdateInProgress").message() ==
          "sidecar image drift detected: spec=sidecar:v5 current=sidecar:default");
  }
  SECTION("sidecar baseline is the platform default") {
    v1alpha1::SeiNode node = Running();
    ResolveInputs in = Inputs();
    in.config.default_sidecar_image = "sidecar:new-default";
    REQUIRE(ResolvePlan(&node, in).ok());
    CHECK(Cond(node, "NodeUpdateInProgress").message() ==
          "sidecar image drift detected: spec=sidecar:new-default current=sidecar:default");
  }
  SECTION("empty currentSidecarImage is no sidecar drift") {
    v1alpha1::SeiNode node = Running();
    node.mutable_status()->clear_current_sidecar_image();
    node.mutable_spec()->mutable_sidecar()->set_image("sidecar:v5");
    auto outcome = ResolvePlan(&node, Inputs());
    REQUIRE(outcome.ok());
    CHECK(outcome->action == Action::kNone);
    CHECK(FindCondition(node.status().conditions(), "NodeUpdateInProgress") == nullptr);
  }
  SECTION("both") {
    v1alpha1::SeiNode node = Running();
    node.mutable_spec()->set_image("seid:v3");
    node.mutable_spec()->mutable_sidecar()->set_image("sidecar:v5");
    REQUIRE(ResolvePlan(&node, Inputs()).ok());
    CHECK(Cond(node, "NodeUpdateInProgress").message() ==
          "image drift detected: seid spec=seid:v3 current=seid:v2; sidecar spec=sidecar:v5 "
          "current=sidecar:default");
  }
  SECTION("drift wins over NotReady") {
    v1alpha1::SeiNode node = Running();
    node.mutable_spec()->set_image("seid:v3");
    ResolveInputs in = Inputs();
    in.sidecar_health = SidecarHealth::NotReady();
    REQUIRE(ResolvePlan(&node, in).ok());
    CHECK(node.status().plan().tasks_size() == 7);
  }
}

TEST_CASE("A completed plan is retired", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  SetUpdateInProgress(&node);
  *node.mutable_status()->mutable_plan() = FinishedUpdatePlan(node, v1alpha1::PLAN_PHASE_COMPLETE);
  auto outcome = ResolvePlan(&node, Inputs());
  REQUIRE(outcome.ok());
  CHECK(outcome->action == Action::kNone);
  REQUIRE(outcome->finished.has_value());
  CHECK(outcome->finished->plan_id == "old-plan");
  CHECK(outcome->finished->kind_label == "node-update");
  CHECK(outcome->finished->outcome == "complete");
  REQUIRE(outcome->finished->duration.has_value());
  CHECK(*outcome->finished->duration == absl::Seconds(90) + absl::Milliseconds(750));
  CHECK_FALSE(node.status().has_plan());
  const v1alpha1::Condition& c = Cond(node, "NodeUpdateInProgress");
  CHECK(c.status() == "False");
  CHECK(c.reason() == "UpdateComplete");
  CHECK(c.message() == "plan old-plan completed");
  CHECK(c.observed_generation() == 3);
  CHECK(c.last_transition_time().seconds() == 1'780'000'000);
}

TEST_CASE("A failed plan is retired with the failing task", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  SetUpdateInProgress(&node);
  v1alpha1::TaskPlan plan = FinishedUpdatePlan(node, v1alpha1::PLAN_PHASE_FAILED);
  plan.mutable_failed_task_detail()->set_type("replace-pod");
  plan.mutable_failed_task_detail()->set_error("pods is forbidden");
  *node.mutable_status()->mutable_plan() = plan;
  auto outcome = ResolvePlan(&node, Inputs());
  REQUIRE(outcome.ok());
  REQUIRE(outcome->finished.has_value());
  CHECK(outcome->finished->outcome == "failed");
  const v1alpha1::Condition& c = Cond(node, "NodeUpdateInProgress");
  CHECK(c.status() == "False");
  CHECK(c.reason() == "UpdateFailed");
  CHECK(c.message() == "plan old-plan failed: task replace-pod: pods is forbidden");
}

TEST_CASE("Drift persisting after a failed update rebuilds the update", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  node.mutable_spec()->set_image("seid:v3");
  SetUpdateInProgress(&node);
  v1alpha1::TaskPlan plan = FinishedUpdatePlan(node, v1alpha1::PLAN_PHASE_FAILED);
  plan.mutable_tasks(0)->clear_submitted_at();
  *node.mutable_status()->mutable_plan() = plan;
  std::optional<FinishedPlan> unused;
  auto outcome = ResolvePlan(&node, Inputs(), &unused);
  REQUIRE(outcome.ok());
  REQUIRE(outcome->finished.has_value());
  CHECK_FALSE(outcome->finished->duration.has_value());
  // The drift persists, so a new update plan replaces the failed one and
  // NodeUpdateInProgress goes back to True.
  CHECK(outcome->action == Action::kBuilt);
  CHECK(node.status().plan().id() == testing::kPlanId);
  const v1alpha1::Condition& c = Cond(node, "NodeUpdateInProgress");
  CHECK(c.status() == "True");
  CHECK(c.reason() == "UpdateStarted");
}

TEST_CASE("A failed plan message without detail", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  SetUpdateInProgress(&node);
  *node.mutable_status()->mutable_plan() = FinishedUpdatePlan(node, v1alpha1::PLAN_PHASE_FAILED);
  REQUIRE(ResolvePlan(&node, Inputs()).ok());
  CHECK(Cond(node, "NodeUpdateInProgress").message() == "plan old-plan failed: unknown");
}

TEST_CASE("NodeUpdateInProgress is untouched when it is not True", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  v1alpha1::TaskPlan plan;
  plan.set_id("mr");
  plan.set_phase(v1alpha1::PLAN_PHASE_COMPLETE);
  plan.add_tasks()->set_type("mark-ready");
  *node.mutable_status()->mutable_plan() = plan;
  auto outcome = ResolvePlan(&node, Inputs());
  REQUIRE(outcome.ok());
  CHECK(outcome->finished->kind_label == "mark-ready-reapply");
  CHECK(FindCondition(node.status().conditions(), "NodeUpdateInProgress") == nullptr);
  CHECK_FALSE(node.status().has_plan());
}

TEST_CASE("Validation errors keep the probe and retirement updates", "[resolve]") {
  v1alpha1::SeiNode node = Running();
  node.mutable_spec()->mutable_full_node()->mutable_snapshot_generation();  // invalid
  SetUpdateInProgress(&node);
  *node.mutable_status()->mutable_plan() = FinishedUpdatePlan(node, v1alpha1::PLAN_PHASE_COMPLETE);
  ResolveInputs in = Inputs();
  in.sidecar_health = SidecarHealth::NotReady();
  std::optional<FinishedPlan> finished;
  auto outcome = ResolvePlan(&node, in, &finished);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.status().message() ==
        "fullNode: snapshotGeneration is set but has no sub-struct (e.g., tendermint); omit it "
        "to disable snapshot generation");
  CHECK(Cond(node, "SidecarReady").reason() == "NotReady");
  CHECK(Cond(node, "NodeUpdateInProgress").reason() == "UpdateComplete");
  CHECK_FALSE(node.status().has_plan());
  REQUIRE(finished.has_value());
  CHECK(finished->plan_id == "old-plan");
}

TEST_CASE("A node without a mode is an error", "[resolve]") {
  v1alpha1::SeiNode node = testing::BareNode();
  auto outcome = ResolvePlan(&node, Inputs());
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.status().message() == "no mode sub-spec set on SeiNode sei/node-a");
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_UNSPECIFIED);
}

}  // namespace
}  // namespace sei::planner
