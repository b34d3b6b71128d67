// Tests of the pure plan executor (plans.md §12, §17; sidecar-protocol.md §14)
// and of the RunPass driver. Every scenario runs through RunPass with a
// scripted FakeAdapter, exactly as the operator and the simulator would.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "google/protobuf/util/message_differencer.h"
#include "lib/planner/core/backoff.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/executor/action.h"
#include "lib/planner/executor/executor_env.h"
#include "lib/planner/executor/fake_adapter.h"
#include "lib/planner/executor/plan_executor.h"
#include "lib/planner/executor/simulated_pass.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {
namespace {

using Catch::Matchers::Contains;
using google::protobuf::util::MessageDifferencer;
using ObsKind = Observation::Kind;
using v1alpha1::SeiNode;

constexpr char kSeidImage[] = "ghcr.io/sei-protocol/seid:v6.0.0";
constexpr char kDefaultSidecarImage[] = "ghcr.io/sei-protocol/sidecar:v1.2.3";
const absl::Time kT0 = absl::FromUnixSeconds(1700000000);
// When the node entered its current phase, before any pass in these tests.
const absl::Time kPhaseSince = kT0 - absl::Hours(1);

ExecutorEnv EnvAt(absl::Time now) {
  ExecutorEnv env;
  env.now = now;
  env.config.default_sidecar_image = kDefaultSidecarImage;
  return env;
}

// A node whose status holds a fresh Active plan of `types`, built the way the
// planner builds plans: all Pending, maxRetries from the catalogue (§11).
SeiNode MakeNode(const std::vector<std::string>& types, v1alpha1::NodePhase node_phase,
                 v1alpha1::NodePhase target_phase, v1alpha1::NodePhase failed_phase) {
  SeiNode node;
  node.mutable_metadata()->set_name("node-0");
  node.mutable_spec()->set_image(kSeidImage);
  v1alpha1::SeiNodeStatus* status = node.mutable_status();
  status->set_phase(node_phase);
  StampTime(kPhaseSince, status->mutable_phase_transition_time());
  v1alpha1::TaskPlan* plan = status->mutable_plan();
  plan->set_id("11111111-2222-4333-8444-555555555555");
  plan->set_phase(v1alpha1::PLAN_PHASE_ACTIVE);
  plan->set_target_phase(target_phase);
  plan->set_failed_phase(failed_phase);
  for (size_t i = 0; i < types.size(); ++i) {
    v1alpha1::PlannedTask* task = plan->add_tasks();
    task->set_type(types[i]);
    task->set_id("task-id-" + std::to_string(i));
    task->set_status(v1alpha1::TASK_STATUS_PENDING);
    const TaskTypeInfo* info = LookupTaskType(types[i]);
    task->set_max_retries(info == nullptr ? 0 : info->max_retries);
  }
  return node;
}

// plans.md §8.1 example A: full node, S3 snapshot, peers, publish.
const std::vector<std::string> kInitPlanA = {
    "ensure-data-pvc",      "apply-rbac-proxy-config", "apply-statefulset", "apply-service",
    "snapshot-restore",     "configure-genesis",       "config-apply",      "discover-peers",
    "configure-state-sync", "config-validate",         "snapshot-upload",   "mark-ready"};
// plans.md §8.1 example B: full node, stateSync, peers.
const std::vector<std::string> kInitPlanB = {"ensure-data-pvc",   "apply-rbac-proxy-config",
                                             "apply-statefulset", "apply-service",
                                             "configure-genesis", "config-apply",
                                             "discover-peers",    "configure-state-sync",
                                             "config-validate",   "mark-ready"};
// plans.md §8.1 example C: full node, no snapshot, no peers.
const std::vector<std::string> kInitPlanC = {"ensure-data-pvc",   "apply-rbac-proxy-config",
                                             "apply-statefulset", "apply-service",
                                             "configure-genesis", "config-apply",
                                             "config-validate",   "mark-ready"};
// plans.md §8.4: NodeUpdate plan of a full node.
const std::vector<std::string> kUpdatePlan = {"apply-statefulset", "apply-service", "config-patch",
                                              "config-validate",   "replace-pod",   "observe-image",
                                              "mark-ready"};

SeiNode InitNode(const std::vector<std::string>& types) {
  return MakeNode(types, v1alpha1::NODE_PHASE_INITIALIZING, v1alpha1::NODE_PHASE_RUNNING,
                  v1alpha1::NODE_PHASE_FAILED);
}

SeiNode RunningNode(const std::vector<std::string>& types) {
  return MakeNode(types, v1alpha1::NODE_PHASE_RUNNING, v1alpha1::NODE_PHASE_RUNNING,
                  v1alpha1::NODE_PHASE_UNSPECIFIED);
}

const v1alpha1::PlannedTask& TaskAt(const SeiNode& node, int index) {
  return node.status().plan().tasks(index);
}

Action Act(ActionKind kind, int index, bool after_submit = false) {
  Action action;
  action.kind = kind;
  action.task_index = index;
  action.after_submit = after_submit;
  return action;
}

void RequireRequeue(const PassResult& pass, absl::Duration after) {
  INFO("final note: " << pass.final_step.note);
  REQUIRE(pass.final_step.kind == Step::Kind::kRequeue);
  REQUIRE(pass.final_step.requeue_after == after);
}

void RequireStop(const PassResult& pass) {
  INFO("final note: " << pass.final_step.note);
  REQUIRE(pass.final_step.kind == Step::Kind::kStop);
}

bool AllTasksComplete(const SeiNode& node) {
  for (const v1alpha1::PlannedTask& task : node.status().plan().tasks()) {
    if (task.status() != v1alpha1::TASK_STATUS_COMPLETE) return false;
  }
  return true;
}

// ---- Init plan completion (§4 stage 4, D1, D11, H2) ----

TEST_CASE("an init plan runs to Complete in one pass and stamps images (D1)", "[executor][D1]") {
  SeiNode node = InitNode(kInitPlanA);
  FakeAdapter adapter;
  adapter.Script(10, ActionKind::kPoll, {Obs(ObsKind::kRunning)});  // snapshot-upload (H2)
  absl::Time now = kT0 + absl::Seconds(42);

  SECTION("effective sidecar image from the platform default") {
    PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
    RequireRequeue(pass, kImmediateRequeue);
    CHECK(AllTasksComplete(node));
    CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_COMPLETE);
    CHECK_FALSE(node.status().plan().has_failed_task_index());
    CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
    CHECK(FromTimestamp(node.status().phase_transition_time()) == now);
    CHECK(node.status().current_image() == kSeidImage);
    CHECK(node.status().current_sidecar_image() == kDefaultSidecarImage);
    // 12 tasks × (start + progress) + the closing rollout check.
    CHECK(pass.actions == 25);
    CHECK(adapter.log().back() == Act(ActionKind::kObserveRollout, -1));
    // D11: config-validate and mark-ready are polled, not fire-and-forget.
    CHECK(adapter.Count(9, ActionKind::kPoll) == 1);
    CHECK(adapter.Count(11, ActionKind::kPoll) == 1);
    CHECK(pass.notes.size() == 26);
    CHECK_THAT(pass.final_step.note, Contains("plan complete"));
    CHECK_THAT(pass.final_step.note, Contains("Initializing -> Running"));
  }
  SECTION("effective sidecar image from spec.sidecar.image") {
    node.mutable_spec()->mutable_sidecar()->set_image("registry.local/sidecar:pinned");
    PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
    RequireRequeue(pass, kImmediateRequeue);
    CHECK(node.status().current_image() == kSeidImage);
    CHECK(node.status().current_sidecar_image() == "registry.local/sidecar:pinned");
  }
}

TEST_CASE("an init plan whose rollout is not confirmed completes without stamping (D1)",
          "[executor][D1]") {
  SeiNode node = InitNode(kInitPlanC);
  FakeAdapter adapter;
  SECTION("rollout pending") {
    adapter.Script(-1, ActionKind::kObserveRollout, {Obs(ObsKind::kRolloutPending)});
  }
  SECTION("StatefulSet read failed") {
    adapter.Script(-1, ActionKind::kObserveRollout,
                   {Obs(ObsKind::kTransientError, "statefulsets.apps \"node-0\": timeout")});
  }
  PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_COMPLETE);
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK(node.status().current_image().empty());
  CHECK(node.status().current_sidecar_image().empty());
  CHECK_THAT(pass.final_step.note, Contains("images left unstamped"));
}

TEST_CASE("non-init plans complete without a rollout check", "[executor][D1]") {
  SeiNode node = RunningNode(kUpdatePlan);
  FakeAdapter adapter;
  PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_COMPLETE);
  CHECK(adapter.Count(-1, ActionKind::kObserveRollout) == 0);
  CHECK(node.status().current_image().empty());
}

// ---- Controller tasks (§12 steps 3-4, D3) ----

TEST_CASE("a transient Execute error of a budget-0 task requeues 5 s and consumes nothing",
          "[executor][D3]") {
  SeiNode node = InitNode(kInitPlanC);
  FakeAdapter adapter;
  adapter.Script(2, ActionKind::kExecute,
                 {Obs(ObsKind::kTransientError, "apply statefulset: etcdserver: timeout")});
  PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
  RequireRequeue(pass, kPollInterval);
  const v1alpha1::PlannedTask& task = TaskAt(node, 2);
  CHECK(task.status() == v1alpha1::TASK_STATUS_PENDING);
  CHECK(task.retry_count() == 0);
  CHECK_FALSE(task.has_submitted_at());
  CHECK(task.error().empty());
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_ACTIVE);
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_INITIALIZING);
  CHECK_THAT(pass.final_step.note, Contains("no budget consumed"));

  // The next pass executes the same task again and moves on.
  adapter.ClearLog();
  pass = RunPass(&node, EnvAt(kT0 + absl::Seconds(5)), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(adapter.log().front() == Act(ActionKind::kExecute, 2));
}

TEST_CASE("replace-pod transient Execute errors consume its budget and fail after the 4th (D3)",
          "[executor][D3]") {
  SeiNode node = RunningNode(kUpdatePlan);
  const std::string error = "listing pods: connection refused";
  FakeAdapter adapter;
  adapter.Script(4, ActionKind::kExecute,
                 std::vector<Observation>(4, Obs(ObsKind::kTransientError, error)));
  absl::Time now = kT0;
  const absl::Duration expected[] = {absl::Seconds(10), absl::Seconds(20), absl::Seconds(30)};
  for (int attempt = 1; attempt <= 3; ++attempt) {
    adapter.ClearLog();
    PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
    RequireRequeue(pass, expected[attempt - 1]);
    CHECK(TaskAt(node, 4).retry_count() == attempt);
    CHECK(TaskAt(node, 4).status() == v1alpha1::TASK_STATUS_PENDING);
    CHECK_THAT(pass.final_step.note,
               Contains("execute error (D3) counted as retry " + std::to_string(attempt) + "/3"));
    if (attempt > 1) CHECK(adapter.log().front() == Act(ActionKind::kExecute, 4));
    now += pass.final_step.requeue_after;
  }
  adapter.ClearLog();
  PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
  RequireStop(pass);
  const v1alpha1::TaskPlan& plan = node.status().plan();
  CHECK(plan.phase() == v1alpha1::PLAN_PHASE_FAILED);
  CHECK(plan.failed_task_index() == 4);
  CHECK(plan.failed_task_detail().type() == "replace-pod");
  CHECK(plan.failed_task_detail().id() == "task-id-4");
  CHECK(plan.failed_task_detail().error() == error);
  CHECK(plan.failed_task_detail().retry_count() == 3);
  CHECK(plan.failed_task_detail().max_retries() == 3);
  CHECK(TaskAt(node, 4).status() == v1alpha1::TASK_STATUS_FAILED);
  CHECK(TaskAt(node, 4).error() == error);
  // NodeUpdate plans have no failedPhase: the node stays Running, unstamped.
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK(FromTimestamp(node.status().phase_transition_time()) == kPhaseSince);
  CHECK_THAT(pass.final_step.note, Contains("retries exhausted (3/3 used)"));
}

TEST_CASE("a terminal controller error fails the plan at once, budget ignored", "[executor]") {
  SeiNode node = RunningNode(kUpdatePlan);
  FakeAdapter adapter;
  adapter.Script(4, ActionKind::kExecute,
                 {Obs(ObsKind::kTerminalError, "owning object is not a SeiNode")});
  PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
  RequireStop(pass);
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_FAILED);
  CHECK(node.status().plan().failed_task_index() == 4);
  CHECK(TaskAt(node, 4).retry_count() == 0);
  CHECK(TaskAt(node, 4).error() == "owning object is not a SeiNode");
  CHECK_THAT(pass.final_step.note, Contains("terminal execute error"));
}

TEST_CASE("a controller task that is still running is re-executed next pass", "[executor]") {
  SeiNode node = InitNode(kInitPlanC);
  FakeAdapter adapter;
  adapter.Script(0, ActionKind::kQueryStatus, {Obs(ObsKind::kRunning)});
  absl::Time t1 = kT0 + absl::Seconds(1);
  PassResult pass = RunPass(&node, EnvAt(t1), adapter.Fn());
  RequireRequeue(pass, kPollInterval);
  CHECK(FromTimestamp(TaskAt(node, 0).submitted_at()) == t1);

  adapter.ClearLog();
  pass = RunPass(&node, EnvAt(t1 + absl::Seconds(5)), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(adapter.log()[0] == Act(ActionKind::kExecute, 0));
  CHECK(adapter.log()[1] == Act(ActionKind::kQueryStatus, 0));
  // submittedAt marks the first successful Execute of the attempt.
  CHECK(FromTimestamp(TaskAt(node, 0).submitted_at()) == t1);
}

TEST_CASE("a controller Status of Failed goes through the budget rule", "[executor]") {
  SeiNode node = RunningNode(kUpdatePlan);
  FakeAdapter adapter;
  adapter.Script(4, ActionKind::kQueryStatus, {Obs(ObsKind::kFailed, "pod stuck terminating")});
  PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
  RequireRequeue(pass, absl::Seconds(10));
  CHECK(TaskAt(node, 4).retry_count() == 1);
  CHECK_FALSE(TaskAt(node, 4).has_submitted_at());

  SeiNode other = RunningNode(kUpdatePlan);
  adapter.Script(1, ActionKind::kQueryStatus, {Obs(ObsKind::kFailed, "")});
  pass = RunPass(&other, EnvAt(kT0), adapter.Fn());
  RequireStop(pass);
  CHECK(TaskAt(other, 1).error() == "unknown error");
  CHECK(other.status().plan().failed_task_detail().error() == "unknown error");
}

// ---- Sidecar tasks (H1/D10, H2/D11, D2, H3) ----

TEST_CASE("a sidecar task submitted in an earlier pass is polled, not resubmitted (H1)",
          "[executor][H1]") {
  SeiNode node = InitNode(kInitPlanC);
  FakeAdapter adapter;
  adapter.Script(4, ActionKind::kPoll, {Obs(ObsKind::kRunning)});
  absl::Time t1 = kT0 + absl::Seconds(3);
  PassResult pass = RunPass(&node, EnvAt(t1), adapter.Fn());
  RequireRequeue(pass, kPollInterval);
  CHECK(adapter.Count(4, ActionKind::kSubmit) == 1);
  CHECK(adapter.log().back() == Act(ActionKind::kPoll, 4, /*after_submit=*/true));
  CHECK(FromTimestamp(TaskAt(node, 4).submitted_at()) == t1);
  CHECK(TaskAt(node, 4).status() == v1alpha1::TASK_STATUS_PENDING);

  adapter.ClearLog();
  pass = RunPass(&node, EnvAt(t1 + absl::Seconds(5)), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(adapter.log().front() == Act(ActionKind::kPoll, 4));
  CHECK(adapter.Count(4, ActionKind::kSubmit) == 0);
  CHECK(FromTimestamp(TaskAt(node, 4).submitted_at()) == t1);
}

TEST_CASE("a failed poll consumes the budget, clears submittedAt and backs off 10/20/30 s",
          "[executor][H1]") {
  SeiNode node = InitNode(kInitPlanB);  // 6 = discover-peers, budget 20
  FakeAdapter adapter;
  adapter.Script(6, ActionKind::kPoll,
                 std::vector<Observation>(4, Obs(ObsKind::kFailed, "no peer answered")));
  const absl::Duration expected[] = {absl::Seconds(10), absl::Seconds(20), absl::Seconds(30),
                                     absl::Seconds(30)};
  absl::Time now = kT0;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    adapter.ClearLog();
    PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
    RequireRequeue(pass, expected[attempt - 1]);
    const v1alpha1::PlannedTask& task = TaskAt(node, 6);
    CHECK(task.retry_count() == attempt);
    CHECK(task.status() == v1alpha1::TASK_STATUS_PENDING);
    CHECK(task.error().empty());
    CHECK_FALSE(task.has_submitted_at());
    // Each retry is a new submit (the sidecar re-runs the failed ID).
    CHECK(adapter.Count(6, ActionKind::kSubmit) == 1);
    CHECK_THAT(pass.final_step.note,
               Contains("failed counted as retry " + std::to_string(attempt) + "/20"));
    now += pass.final_step.requeue_after;
  }
  adapter.ClearLog();
  PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_COMPLETE);
  CHECK(TaskAt(node, 6).retry_count() == 4);
}

TEST_CASE("budget exhaustion fails the plan and moves the node to failedPhase", "[executor]") {
  absl::Time now = kT0 + absl::Seconds(7);
  FakeAdapter adapter;
  SECTION("budget 0: the first observed failure is final") {
    SeiNode node = InitNode(kInitPlanC);
    adapter.Script(5, ActionKind::kPoll, {Obs(ObsKind::kFailed, "unknown override key foo")});
    PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
    RequireStop(pass);
    const v1alpha1::TaskPlan& plan = node.status().plan();
    CHECK(plan.phase() == v1alpha1::PLAN_PHASE_FAILED);
    REQUIRE(plan.has_failed_task_index());
    CHECK(plan.failed_task_index() == 5);
    CHECK(plan.failed_task_detail().type() == "config-apply");
    CHECK(plan.failed_task_detail().id() == "task-id-5");
    CHECK(plan.failed_task_detail().error() == "unknown override key foo");
    CHECK(plan.failed_task_detail().retry_count() == 0);
    CHECK(plan.failed_task_detail().max_retries() == 0);
    CHECK(TaskAt(node, 5).status() == v1alpha1::TASK_STATUS_FAILED);
    CHECK(TaskAt(node, 5).error() == "unknown override key foo");
    CHECK(TaskAt(node, 6).status() == v1alpha1::TASK_STATUS_PENDING);
    CHECK(node.status().phase() == v1alpha1::NODE_PHASE_FAILED);
    CHECK(FromTimestamp(node.status().phase_transition_time()) == now);
    CHECK_THAT(pass.final_step.note, Contains("no retry budget; plan failed"));
    CHECK_THAT(pass.final_step.note, Contains("Initializing -> Failed"));
    // A Failed plan is never executed again.
    adapter.ClearLog();
    pass = RunPass(&node, EnvAt(now + absl::Minutes(1)), adapter.Fn());
    RequireStop(pass);
    CHECK(pass.actions == 0);
  }
  SECTION("budget 20 used up") {
    SeiNode node = InitNode(kInitPlanB);
    node.mutable_status()->mutable_plan()->mutable_tasks(6)->set_retry_count(20);
    adapter.Script(6, ActionKind::kPoll, {Obs(ObsKind::kFailed, "no peer answered")});
    PassResult pass = RunPass(&node, EnvAt(now), adapter.Fn());
    RequireStop(pass);
    const v1alpha1::TaskPlan& plan = node.status().plan();
    CHECK(plan.phase() == v1alpha1::PLAN_PHASE_FAILED);
    CHECK(plan.failed_task_index() == 6);
    CHECK(plan.failed_task_detail().retry_count() == 20);
    CHECK(plan.failed_task_detail().max_retries() == 20);
    CHECK(node.status().phase() == v1alpha1::NODE_PHASE_FAILED);
  }
}

TEST_CASE("sidecar submit errors: terminal fails at once (D2, H3), transient per budget (D3)",
          "[executor][D2][D3]") {
  FakeAdapter adapter;
  SECTION("params validation failure is terminal, budget ignored (D2)") {
    SeiNode node = InitNode(kInitPlanB);
    const std::string error = "validating discover-peers: static source has no addresses";
    adapter.Script(6, ActionKind::kSubmit, {Obs(ObsKind::kTerminalError, error)});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireStop(pass);
    CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_FAILED);
    CHECK(node.status().plan().failed_task_index() == 6);
    CHECK(node.status().plan().failed_task_detail().error() == error);
    CHECK(TaskAt(node, 6).retry_count() == 0);
    CHECK(TaskAt(node, 6).error() == error);
    CHECK(adapter.Count(6, ActionKind::kPoll) == 0);
    CHECK(node.status().phase() == v1alpha1::NODE_PHASE_FAILED);
  }
  SECTION("a 400 rejection is terminal (H3)") {
    SeiNode node = InitNode(kInitPlanC);
    adapter.Script(5, ActionKind::kSubmit,
                   {Obs(ObsKind::kTerminalError, "sidecar rejected config-apply task: bad mode")});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireStop(pass);
    CHECK(TaskAt(node, 5).error() == "sidecar rejected config-apply task: bad mode");
  }
  SECTION("a transient submit error of a budgeted task is an attempt (D3)") {
    SeiNode node = InitNode(kInitPlanB);
    adapter.Script(6, ActionKind::kSubmit,
                   {Obs(ObsKind::kTransientError, "no usable peer sources")});
    node.mutable_status()->mutable_plan()->mutable_tasks(6)->set_retry_count(1);
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireRequeue(pass, absl::Seconds(20));
    CHECK(TaskAt(node, 6).retry_count() == 2);
    CHECK_THAT(pass.final_step.note,
               Contains("task 6 discover-peers: submit error (D3) counted as retry 2/20"));
    CHECK_THAT(pass.final_step.note, Contains("retry in 20s"));
  }
  SECTION("a transient submit error of a budget-0 task retries in 5 s") {
    SeiNode node = RunningNode(kUpdatePlan);
    adapter.Script(6, ActionKind::kSubmit,
                   {Obs(ObsKind::kTransientError,
                        "sidecar mark-ready task submission returned "
                        "503: starting")});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireRequeue(pass, kPollInterval);
    CHECK(TaskAt(node, 6).retry_count() == 0);
    CHECK_FALSE(TaskAt(node, 6).has_submitted_at());
    CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_ACTIVE);
  }
}

TEST_CASE("a poll error is not an attempt", "[executor]") {
  SeiNode node = InitNode(kInitPlanB);
  FakeAdapter adapter;
  adapter.Script(6, ActionKind::kPoll, {Obs(ObsKind::kTransientError, "dial tcp: timeout")});
  absl::Time t1 = kT0 + absl::Seconds(9);
  PassResult pass = RunPass(&node, EnvAt(t1), adapter.Fn());
  RequireRequeue(pass, kPollInterval);
  CHECK(TaskAt(node, 6).retry_count() == 0);
  CHECK(FromTimestamp(TaskAt(node, 6).submitted_at()) == t1);
  CHECK(TaskAt(node, 6).status() == v1alpha1::TASK_STATUS_PENDING);
}

TEST_CASE("404 from a poll resubmits, but not right after a submit (H1)", "[executor][H1]") {
  SeiNode node = InitNode(kInitPlanC);
  FakeAdapter adapter;
  SECTION("the sidecar lost the record of an earlier submit") {
    adapter.Script(4, ActionKind::kPoll, {Obs(ObsKind::kRunning), Obs(ObsKind::kNotFound)});
    RequireRequeue(RunPass(&node, EnvAt(kT0), adapter.Fn()), kPollInterval);
    adapter.ClearLog();
    absl::Time t2 = kT0 + absl::Seconds(5);
    PassResult pass = RunPass(&node, EnvAt(t2), adapter.Fn());
    RequireRequeue(pass, kImmediateRequeue);
    REQUIRE(adapter.log().size() >= 3);
    CHECK(adapter.log()[0] == Act(ActionKind::kPoll, 4));
    CHECK(adapter.log()[1] == Act(ActionKind::kSubmit, 4));
    CHECK(adapter.log()[2] == Act(ActionKind::kPoll, 4, /*after_submit=*/true));
    CHECK(FromTimestamp(TaskAt(node, 4).submitted_at()) == t2);
    CHECK(TaskAt(node, 4).retry_count() == 0);
    CHECK(TaskAt(node, 4).status() == v1alpha1::TASK_STATUS_COMPLETE);
  }
  SECTION("404 right after an accepted submit requeues instead of looping") {
    adapter.Script(4, ActionKind::kPoll, {Obs(ObsKind::kNotFound)});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireRequeue(pass, kPollInterval);
    CHECK(adapter.Count(4, ActionKind::kSubmit) == 1);
    CHECK(adapter.Count(4, ActionKind::kPoll) == 1);
    CHECK(TaskAt(node, 4).has_submitted_at());  // next pass polls first
  }
  SECTION("404, resubmit, 404 again: one resubmit per pass") {
    adapter.Script(4, ActionKind::kPoll,
                   {Obs(ObsKind::kRunning), Obs(ObsKind::kNotFound), Obs(ObsKind::kNotFound)});
    RequireRequeue(RunPass(&node, EnvAt(kT0), adapter.Fn()), kPollInterval);
    adapter.ClearLog();
    PassResult pass = RunPass(&node, EnvAt(kT0 + absl::Seconds(5)), adapter.Fn());
    RequireRequeue(pass, kPollInterval);
    CHECK(pass.actions == 3);
    CHECK(adapter.Count(4, ActionKind::kSubmit) == 1);
  }
}

TEST_CASE("snapshot-upload completes on one running poll (H2)", "[executor][H2]") {
  SeiNode node = InitNode(kInitPlanA);
  FakeAdapter adapter;
  SECTION("running confirms the upload loop started") {
    adapter.Script(10, ActionKind::kPoll, {Obs(ObsKind::kRunning)});
    adapter.Script(11, ActionKind::kPoll, {Obs(ObsKind::kRunning)});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireRequeue(pass, kPollInterval);
    CHECK(TaskAt(node, 10).status() == v1alpha1::TASK_STATUS_COMPLETE);
    // ...and the same pass moved on to mark-ready, which needs `completed`.
    CHECK(adapter.Count(11, ActionKind::kSubmit) == 1);
    CHECK(TaskAt(node, 11).status() == v1alpha1::TASK_STATUS_PENDING);
    CHECK_THAT(pass.notes[pass.notes.size() - 3], Contains("confirmed running (H2)"));
  }
  SECTION("failed fails the plan") {
    adapter.Script(10, ActionKind::kPoll, {Obs(ObsKind::kFailed, "s3: access denied")});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireStop(pass);
    CHECK(node.status().plan().failed_task_index() == 10);
  }
}

TEST_CASE("config-validate and mark-ready need a completed poll (D11)", "[executor][D11]") {
  SeiNode node = InitNode(kInitPlanC);  // 6 = config-validate, 7 = mark-ready
  FakeAdapter adapter;
  SECTION("config-validate") {
    adapter.Script(6, ActionKind::kPoll, {Obs(ObsKind::kRunning)});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireRequeue(pass, kPollInterval);
    CHECK(TaskAt(node, 6).status() == v1alpha1::TASK_STATUS_PENDING);
    CHECK(adapter.Count(7, ActionKind::kSubmit) == 0);
  }
  SECTION("config-validate failing stops before mark-ready") {
    adapter.Script(6, ActionKind::kPoll, {Obs(ObsKind::kFailed, "invalid app.toml")});
    RequireStop(RunPass(&node, EnvAt(kT0), adapter.Fn()));
    CHECK(adapter.Count(7, ActionKind::kSubmit) == 0);
    CHECK(node.status().plan().failed_task_index() == 6);
  }
  SECTION("mark-ready") {
    adapter.Script(7, ActionKind::kPoll, {Obs(ObsKind::kRunning)});
    PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
    RequireRequeue(pass, kPollInterval);
    CHECK(TaskAt(node, 7).status() == v1alpha1::TASK_STATUS_PENDING);
    CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_ACTIVE);
    CHECK(node.status().phase() == v1alpha1::NODE_PHASE_INITIALIZING);
  }
}

// ---- Phase writes (D12) ----

TEST_CASE("Running -> Running plan completion keeps phaseTransitionTime (D12)", "[executor][D12]") {
  SeiNode node = RunningNode({"mark-ready"});  // §8.5 re-approval plan
  FakeAdapter adapter;
  PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_COMPLETE);
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK(FromTimestamp(node.status().phase_transition_time()) == kPhaseSince);
  CHECK_THAT(pass.final_step.note, Contains("node phase stays Running"));
}

// ---- Unknown types, empty and settled plans ----

TEST_CASE("an unknown task type fails the plan, budget ignored", "[executor]") {
  SeiNode node = InitNode({"ensure-data-pvc", "frobnicate", "apply-service"});
  node.mutable_status()->mutable_plan()->mutable_tasks(1)->set_max_retries(5);
  FakeAdapter adapter;
  PassResult pass = RunPass(&node, EnvAt(kT0), adapter.Fn());
  RequireStop(pass);
  CHECK(pass.actions == 2);
  const v1alpha1::TaskPlan& plan = node.status().plan();
  CHECK(plan.phase() == v1alpha1::PLAN_PHASE_FAILED);
  CHECK(plan.failed_task_index() == 1);
  CHECK(TaskAt(node, 1).error() == "unknown task type \"frobnicate\"");
  CHECK(plan.failed_task_detail().retry_count() == 0);
  CHECK(plan.failed_task_detail().max_retries() == 5);
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_FAILED);
}

TEST_CASE("BeginPass without work stops; an empty plan completes", "[executor]") {
  ExecutorEnv env = EnvAt(kT0);
  SECTION("no plan") {
    SeiNode node;
    Step step = BeginPass(&node, env);
    CHECK(step.kind == Step::Kind::kStop);
    CHECK_FALSE(node.has_status());
  }
  SECTION("settled plans") {
    for (v1alpha1::PlanPhase phase : {v1alpha1::PLAN_PHASE_COMPLETE, v1alpha1::PLAN_PHASE_FAILED}) {
      SeiNode node = InitNode(kInitPlanC);
      node.mutable_status()->mutable_plan()->set_phase(phase);
      SeiNode before = node;
      CHECK(BeginPass(&node, env).kind == Step::Kind::kStop);
      CHECK(MessageDifferencer::Equals(before, node));
    }
  }
  SECTION("an Active plan without tasks") {
    SeiNode node = RunningNode({});
    Step step = BeginPass(&node, env);
    CHECK(step.kind == Step::Kind::kRequeue);
    CHECK(step.requeue_after == kImmediateRequeue);
    CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_COMPLETE);
  }
}

// ---- Mismatched observations ----

TEST_CASE("observations that do not fit the current state leave the node unchanged", "[executor]") {
  // Tasks 0-3 Complete; 4 configure-genesis submitted and running.
  SeiNode node = InitNode(kInitPlanC);
  FakeAdapter adapter;
  adapter.Script(4, ActionKind::kPoll, {Obs(ObsKind::kRunning)});
  RequireRequeue(RunPass(&node, EnvAt(kT0), adapter.Fn()), kPollInterval);

  struct Case {
    const char* name;
    Action action;
    ObsKind obs;
  };
  const Case cases[] = {
      {"wrong index", Act(ActionKind::kPoll, 5), ObsKind::kComplete},
      {"completed task", Act(ActionKind::kPoll, 3), ObsKind::kComplete},
      {"negative index", Act(ActionKind::kPoll, -1), ObsKind::kComplete},
      {"index out of range", Act(ActionKind::kPoll, 99), ObsKind::kFailed},
      {"controller action on sidecar task", Act(ActionKind::kExecute, 4), ObsKind::kOk},
      {"status query on sidecar task", Act(ActionKind::kQueryStatus, 4), ObsKind::kFailed},
      {"resubmit of a submitted attempt", Act(ActionKind::kSubmit, 4), ObsKind::kOk},
      {"outcome the action cannot have", Act(ActionKind::kPoll, 4), ObsKind::kOk},
      {"rollout outcome for a poll", Act(ActionKind::kPoll, 4), ObsKind::kRolloutDone},
      {"rollout check with open tasks", Act(ActionKind::kObserveRollout, -1),
       ObsKind::kRolloutDone},
      {"after_submit on a submit", Act(ActionKind::kSubmit, 4, true), ObsKind::kTransientError},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    SeiNode copy = node;
    Step step = Observe(&copy, c.action, Obs(c.obs, "boom"), EnvAt(kT0 + absl::Seconds(5)));
    CHECK(step.kind == Step::Kind::kStop);
    CHECK_THAT(step.note, Contains("plan unchanged"));
    CHECK(MessageDifferencer::Equals(node, copy));
  }

  SECTION("poll of a never-submitted attempt") {
    SeiNode fresh = InitNode(kInitPlanC);
    for (int i = 0; i < 4; ++i) {
      fresh.mutable_status()->mutable_plan()->mutable_tasks(i)->set_status(
          v1alpha1::TASK_STATUS_COMPLETE);
    }
    SeiNode copy = fresh;
    Step step = Observe(&copy, Act(ActionKind::kPoll, 4), Obs(ObsKind::kFailed), EnvAt(kT0));
    CHECK(step.kind == Step::Kind::kStop);
    CHECK(MessageDifferencer::Equals(fresh, copy));
  }
  SECTION("settled plan and missing plan") {
    SeiNode done = node;
    done.mutable_status()->mutable_plan()->set_phase(v1alpha1::PLAN_PHASE_FAILED);
    SeiNode copy = done;
    Step step = Observe(&copy, Act(ActionKind::kPoll, 4), Obs(ObsKind::kComplete), EnvAt(kT0));
    CHECK(step.kind == Step::Kind::kStop);
    CHECK_THAT(step.note, Contains("not Active"));
    CHECK(MessageDifferencer::Equals(done, copy));

    SeiNode empty;
    step = Observe(&empty, Act(ActionKind::kPoll, 0), Obs(ObsKind::kComplete), EnvAt(kT0));
    CHECK(step.kind == Step::Kind::kStop);
    CHECK_FALSE(empty.has_status());
  }
  SECTION("rollout check on a non-init plan") {
    SeiNode update = RunningNode({"mark-ready"});
    update.mutable_status()->mutable_plan()->mutable_tasks(0)->set_status(
        v1alpha1::TASK_STATUS_COMPLETE);
    SeiNode copy = update;
    Step step = Observe(&copy, Act(ActionKind::kObserveRollout, -1), Obs(ObsKind::kRolloutDone),
                        EnvAt(kT0));
    CHECK(step.kind == Step::Kind::kStop);
    CHECK(MessageDifferencer::Equals(update, copy));
  }
}

// ---- Restart ----

TEST_CASE("a half-done plan resumes at the right task after a restart", "[executor][H1]") {
  SeiNode node = InitNode(kInitPlanA);
  {
    FakeAdapter adapter;
    adapter.Script(6, ActionKind::kPoll, {Obs(ObsKind::kRunning)});  // config-apply
    RequireRequeue(RunPass(&node, EnvAt(kT0), adapter.Fn()), kPollInterval);
  }
  // The operator restarts: all it has is the persisted object.
  std::string bytes;
  REQUIRE(node.SerializeToString(&bytes));
  SeiNode restored;
  REQUIRE(restored.ParseFromString(bytes));

  FakeAdapter adapter;
  PassResult pass = RunPass(&restored, EnvAt(kT0 + absl::Minutes(2)), adapter.Fn());
  RequireRequeue(pass, kImmediateRequeue);
  CHECK(adapter.log().front() == Act(ActionKind::kPoll, 6));
  for (const Action& action : adapter.log()) {
    INFO("action on task " << action.task_index);
    CHECK((action.task_index >= 6 || action.task_index == -1));
  }
  CHECK(adapter.Count(6, ActionKind::kSubmit) == 0);
  CHECK(FromTimestamp(TaskAt(restored, 6).submitted_at()) == kT0);
  CHECK(restored.status().plan().phase() == v1alpha1::PLAN_PHASE_COMPLETE);
  CHECK(restored.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
}

// ---- RunPass driver ----

TEST_CASE("RunPass bounds the actions of one pass", "[simulated_pass]") {
  SeiNode node = RunningNode({"apply-statefulset", "apply-service"});
  REQUIRE(MaxActionsPerPass(node) == 16);
  FakeAdapter adapter;
  // A misbehaving adapter that grows the plan every time a task finishes.
  PerformFn grow = [&](const Action& action, const v1alpha1::PlannedTask* task) {
    if (action.kind == ActionKind::kQueryStatus) {
      v1alpha1::PlannedTask* extra = node.mutable_status()->mutable_plan()->add_tasks();
      extra->set_type("apply-service");
      extra->set_id("extra");
      extra->set_status(v1alpha1::TASK_STATUS_PENDING);
    }
    return adapter.Perform(action, task);
  };
  PassResult pass = RunPass(&node, EnvAt(kT0), grow);
  RequireStop(pass);
  CHECK(pass.actions == 16);
  CHECK_THAT(pass.final_step.note, Contains("pass stopped after 16 actions"));
  CHECK(pass.notes.back() == pass.final_step.note);
}

TEST_CASE("RunPass hands the addressed task to the adapter", "[simulated_pass]") {
  SeiNode node = InitNode(kInitPlanC);
  std::vector<std::string> seen;
  PerformFn perform = [&](const Action& action, const v1alpha1::PlannedTask* task) {
    seen.push_back(task == nullptr ? "(rollout)" : task->type());
    switch (action.kind) {
      case ActionKind::kExecute:
      case ActionKind::kSubmit: return Obs(ObsKind::kOk);
      case ActionKind::kObserveRollout: return Obs(ObsKind::kRolloutDone);
      default: return Obs(ObsKind::kComplete);
    }
  };
  PassResult pass = RunPass(&node, EnvAt(kT0), perform);
  RequireRequeue(pass, kImmediateRequeue);
  REQUIRE(seen.size() == 17);
  CHECK(seen[0] == "ensure-data-pvc");
  CHECK(seen[9] == "configure-genesis");
  CHECK(seen[16] == "(rollout)");
  CHECK(pass.notes.front() == "task 0 ensure-data-pvc: execute");
}

}  // namespace
}  // namespace sei::planner
