#include "lib/planner/nodetask/reconcile.h"

#include <catch2/catch.hpp>

#include "google/protobuf/util/message_differencer.h"
#include "lib/planner/core/task_id.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/nodetask/test_fixtures.h"

namespace sei::planner::nodetask {
namespace {

using testing::ConditionOf;
using testing::MakeTarget;
using testing::MakeTask;
using testing::Obs;
using testing::ReconcileRun;
using testing::RoundTrip;
using testing::RunReconcile;
using testing::T0;
using testing::TimeOf;
using OK = Observation::Kind;

constexpr char kDiscoverPeersId[] = "d8fb3af7-0d1e-5195-9b3f-f695ae08d2ca";
constexpr char kNoSources[] =
    "target SeiNode \"lonely-node\" has no usable peer sources to discover (empty spec.peers, "
    "or only label sources with unresolved status.resolvedPeers)";

// A task of `kind` synthesized at T0 against a Running target.
v1alpha1::SeiNodeTask Synthesized(const std::string& kind,
                                  const v1alpha1::SeiNode& target = MakeTarget()) {
  v1alpha1::SeiNodeTask task = MakeTask(kind);
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(target), T0());
  REQUIRE(run.actions.empty());
  REQUIRE(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  return task;
}

// Fails the test on any action (used where the reconcile must not act).
Observation NoAction(const Action& action) {
  FAIL("unexpected action " << ActionKindName(action.kind));
  return Observation();
}

void SetTime(google::protobuf::Timestamp* ts, absl::Time t) { StampTime(t, ts); }

v1alpha1::Condition MakeCondition(const std::string& type, const std::string& status,
                                  const std::string& reason, const std::string& message,
                                  absl::Time t) {
  v1alpha1::Condition c;
  c.set_type(type);
  c.set_status(status);
  c.set_reason(reason);
  c.set_message(message);
  c.set_observed_generation(1);
  SetTime(c.mutable_last_transition_time(), t);
  return c;
}

// ---------------------------------------------------------------- §17.4

TEST_CASE("§17.4: DiscoverPeers against a node without peers ends exactly as specified",
          "[reconcile][example]") {
  v1alpha1::SeiNodeTask task = MakeTask("DiscoverPeers");
  v1alpha1::SeiNode target = MakeTarget();
  target.mutable_spec()->clear_peers();

  ReconcileRun first = RunReconcile(&task, TargetLookup::Found(target), T0());
  CHECK(first.actions.empty());  // synthesis has no side effect
  CHECK(first.done.requeue_after == absl::Milliseconds(1));
  task = RoundTrip(task);

  ReconcileRun second =
      RunReconcile(&task, TargetLookup::Found(target), T0() + absl::Milliseconds(1), NoAction);
  CHECK(second.actions.empty());  // fails before any sidecar call
  CHECK_FALSE(second.done.requeue_after.has_value());
  REQUIRE(second.done.events.size() == 1);
  CHECK(second.done.events[0] == Event{"Warning", "ParamsBuildFailed", kNoSources});

  v1alpha1::SeiNodeTaskStatus want;
  want.set_observed_generation(1);
  want.set_phase(v1alpha1::NODE_TASK_PHASE_FAILED);
  SetTime(want.mutable_started_at(), T0());
  SetTime(want.mutable_phase_transition_time(), T0());
  want.mutable_task()->set_id(kDiscoverPeersId);
  want.mutable_task()->set_status(v1alpha1::TASK_STATUS_FAILED);
  want.mutable_task()->set_err(kNoSources);
  SetTime(want.mutable_task()->mutable_execution_started_at(), T0());
  *want.add_conditions() =
      MakeCondition("TargetReady", "True", "PhaseMet", "target lonely-node is Running", T0());
  *want.add_conditions() = MakeCondition("Failed", "True", "ParamsBuildFailed", kNoSources, T0());

  INFO(task.status().DebugString());
  CHECK(google::protobuf::util::MessageDifferencer::Equals(task.status(), want));
}

// ---------------------------------------------------------------- terminal

TEST_CASE("A terminal task is never written again and not requeued", "[reconcile]") {
  for (auto phase : {v1alpha1::NODE_TASK_PHASE_COMPLETE, v1alpha1::NODE_TASK_PHASE_FAILED}) {
    v1alpha1::SeiNodeTask task = Synthesized("GovVote");
    task.mutable_status()->set_phase(phase);
    task.mutable_metadata()->set_generation(7);
    const v1alpha1::SeiNodeTask before = task;
    ReconcileRun run =
        RunReconcile(&task, TargetLookup::NotFound(), T0() + absl::Hours(1), NoAction);
    CHECK(run.done.kind == Step::Kind::kDone);
    CHECK_FALSE(run.done.requeue_after.has_value());
    CHECK(run.done.events.empty());
    CHECK(google::protobuf::util::MessageDifferencer::Equals(task, before));
  }
}

// ---------------------------------------------------------------- gate

TEST_CASE("D1: the first reconcile writes phase Pending while the target is not ready",
          "[reconcile][D1]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  task.mutable_metadata()->set_generation(3);
  ReconcileRun run = RunReconcile(
      &task, TargetLookup::Found(MakeTarget(v1alpha1::NODE_PHASE_INITIALIZING)), T0(), NoAction);

  const v1alpha1::SeiNodeTaskStatus& s = task.status();
  CHECK(s.phase() == v1alpha1::NODE_TASK_PHASE_PENDING);
  CHECK(TimeOf(s.phase_transition_time()) == T0());
  CHECK(s.observed_generation() == 3);
  CHECK(TimeOf(s.started_at()) == T0());
  CHECK(TimeOf(s.target_first_observed_at()) == T0());
  CHECK_FALSE(s.has_task());
  v1alpha1::Condition ready = ConditionOf(task, "TargetReady");
  CHECK(ready.status() == "False");
  CHECK(ready.reason() == "PhaseNotMet");
  CHECK(ready.message() ==
        "waiting for target lonely-node to reach Running (current: Initializing)");
  CHECK(ready.observed_generation() == 3);
  CHECK(run.done.requeue_after == absl::Seconds(5));
  CHECK(run.done.events.empty());

  // Later reconciles keep Pending without re-stamping its transition time.
  ReconcileRun again =
      RunReconcile(&task, TargetLookup::Found(MakeTarget(v1alpha1::NODE_PHASE_INITIALIZING)),
                   T0() + absl::Seconds(5), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_PENDING);
  CHECK(TimeOf(task.status().phase_transition_time()) == T0());
  CHECK(TimeOf(task.status().target_first_observed_at()) == T0());
  CHECK(again.done.requeue_after == absl::Seconds(5));
}

TEST_CASE("D1: synthesis moves Pending to Running with the §12 ID and no side effect",
          "[reconcile][D1]") {
  v1alpha1::SeiNodeTask task = MakeTask("RestartPod");
  RunReconcile(&task, TargetLookup::Found(MakeTarget(v1alpha1::NODE_PHASE_INITIALIZING)), T0(),
               NoAction);
  REQUIRE(task.status().phase() == v1alpha1::NODE_TASK_PHASE_PENDING);

  const absl::Time t1 = T0() + absl::Seconds(20);
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), t1, NoAction);
  CHECK(run.actions.empty());
  CHECK(run.done.requeue_after == absl::Milliseconds(1));
  const v1alpha1::SeiNodeTaskStatus& s = task.status();
  CHECK(s.phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK(TimeOf(s.phase_transition_time()) == t1);
  CHECK_FALSE(s.has_target_first_observed_at());  // cleared when the phase is met
  CHECK(s.task().id() == "113b205d-36f2-57f7-873c-a91af1348cd9");
  CHECK(s.task().status() == v1alpha1::TASK_STATUS_PENDING);
  CHECK(TimeOf(s.task().execution_started_at()) == t1);
  CHECK_FALSE(s.task().has_submitted_at());
  CHECK(s.task().restarted_pod_uid() == "4e0c9a7b-1d2f-4a6b-8c3e-5f7a9b1c2d3e");
  v1alpha1::Condition ready = ConditionOf(task, "TargetReady");
  CHECK(ready.status() == "True");
  CHECK(ready.reason() == "PhaseMet");
  CHECK(ready.message() == "target lonely-node is Running");
  CHECK(TimeOf(ready.last_transition_time()) == t1);
}

TEST_CASE("Only RestartPod records restartedPodUID", "[reconcile]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  CHECK(task.status().task().restarted_pod_uid().empty());
  CHECK(task.status().task().id() == TaskId(testing::kUid, "GovVote", 0));
}

TEST_CASE("requirePhase and requirePhaseTimeout from the spec are honoured", "[reconcile]") {
  v1alpha1::SeiNodeTask task = MakeTask("UpdateNodeImage");
  task.mutable_spec()->mutable_target()->set_require_phase(v1alpha1::NODE_PHASE_FAILED);
  task.mutable_spec()->mutable_target()->set_require_phase_timeout("90s");
  const v1alpha1::SeiNode running_node = MakeTarget();
  const TargetLookup running = TargetLookup::Found(running_node);

  RunReconcile(&task, running, T0(), NoAction);
  CHECK(ConditionOf(task, "TargetReady").message() ==
        "waiting for target lonely-node to reach Failed (current: Running)");
  RunReconcile(&task, running, T0() + absl::Seconds(90), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_PENDING);  // 90 s is not > 90 s

  ReconcileRun run = RunReconcile(&task, running, T0() + absl::Seconds(91), NoAction);
  const std::string message =
      "target \"lonely-node\" did not reach phase \"Failed\" within 1m30s (current: \"Running\")";
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "TargetResolveFailed");
  CHECK(ConditionOf(task, "Failed").message() == message);
  CHECK(ConditionOf(task, "TargetReady").status() == "False");
  CHECK(ConditionOf(task, "TargetReady").reason() == "ResolveTimeout");  // D2
  CHECK(ConditionOf(task, "TargetReady").message() == message);
  REQUIRE(run.done.events.size() == 1);
  CHECK(run.done.events[0] == Event{"Warning", "TargetResolveFailed", message});
  CHECK_FALSE(task.status().has_task());  // D8 does not invent a task

  v1alpha1::SeiNodeTask met = MakeTask("UpdateNodeImage");
  met.mutable_spec()->mutable_target()->set_require_phase(v1alpha1::NODE_PHASE_INITIALIZING);
  RunReconcile(&met, TargetLookup::Found(MakeTarget(v1alpha1::NODE_PHASE_INITIALIZING)), T0(),
               NoAction);
  CHECK(met.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK(ConditionOf(met, "TargetReady").message() == "target lonely-node is Initializing");
}

TEST_CASE("The default requirePhaseTimeout is 5m, measured from targetFirstObservedAt",
          "[reconcile][D2]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  const v1alpha1::SeiNode pending_node = MakeTarget(v1alpha1::NODE_PHASE_PENDING);
  const TargetLookup pending = TargetLookup::Found(pending_node);
  RunReconcile(&task, pending, T0(), NoAction);
  RunReconcile(&task, pending, T0() + absl::Minutes(5), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_PENDING);
  RunReconcile(&task, pending, T0() + absl::Minutes(5) + absl::Seconds(1), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").message() ==
        "target \"lonely-node\" did not reach phase \"Running\" within 5m0s (current: "
        "\"Pending\")");
  CHECK(TimeOf(task.status().phase_transition_time()) ==
        T0() + absl::Minutes(5) + absl::Seconds(1));
}

TEST_CASE("D10: an unparsable requirePhaseTimeout fails only that task with InvalidSpec",
          "[reconcile][D10]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  task.mutable_spec()->mutable_target()->set_require_phase_timeout("5 minutes");
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  v1alpha1::Condition failed = ConditionOf(task, "Failed");
  CHECK(failed.reason() == "InvalidSpec");
  CHECK_THAT(failed.message(), Catch::Contains("spec.target.requirePhaseTimeout") &&
                                   Catch::Contains("\"5 minutes\""));
  REQUIRE(run.done.events.size() == 1);
  CHECK(run.done.events[0].reason == "InvalidSpec");
  CHECK_FALSE(task.status().has_task());
  // D2: TargetReady is present from the first reconcile on.
  CHECK(ConditionOf(task, "TargetReady").status() == "Unknown");
  CHECK(ConditionOf(task, "TargetReady").reason() == "Resolving");
}

TEST_CASE("D2/D3: a confirmed NotFound before dispatch fails with TargetNotFound",
          "[reconcile][D2][D3]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  ReconcileRun run = RunReconcile(&task, TargetLookup::NotFound(), T0(), NoAction);
  const std::string message =
      "target SeiNode \"lonely-node\" not found in namespace \"validators\"";
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "TargetResolveFailed");
  CHECK(ConditionOf(task, "Failed").message() == message);
  CHECK(ConditionOf(task, "TargetReady").status() == "False");
  CHECK(ConditionOf(task, "TargetReady").reason() == "TargetNotFound");
  CHECK(ConditionOf(task, "TargetReady").message() == message);
  CHECK(run.done.events.size() == 1);
}

TEST_CASE("D3: a transient lookup error does not fail the task but is still bounded",
          "[reconcile][D3][D2]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  const TargetLookup error = TargetLookup::Error("client rate limiter: context deadline exceeded");
  ReconcileRun run = RunReconcile(&task, error, T0(), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_PENDING);
  CHECK_FALSE(ConditionOf(task, "Failed").has_last_transition_time());
  CHECK(ConditionOf(task, "TargetReady").status() == "Unknown");
  CHECK(ConditionOf(task, "TargetReady").reason() == "Resolving");
  CHECK_THAT(ConditionOf(task, "TargetReady").message(),
             Catch::Contains("context deadline exceeded"));
  CHECK(TimeOf(task.status().target_first_observed_at()) == T0());
  CHECK(run.done.requeue_after.has_value());
  CHECK(run.done.events.empty());

  // The target shows up Running: the task proceeds normally.
  v1alpha1::SeiNodeTask recovered = task;
  RunReconcile(&recovered, TargetLookup::Found(MakeTarget()), T0() + absl::Minutes(1), NoAction);
  CHECK(recovered.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);

  // Errors forever: the requirePhaseTimeout still ends the wait.
  RunReconcile(&task, error, T0() + absl::Minutes(5), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_PENDING);
  RunReconcile(&task, error, T0() + absl::Minutes(6), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "TargetResolveFailed");
  CHECK(ConditionOf(task, "TargetReady").reason() == "ResolveTimeout");
}

// ---------------------------------------------------------------- synthesis

TEST_CASE("Synthesis validation failures name the problem (§10.2)", "[reconcile]") {
  struct Case {
    std::string kind;
    std::function<void(v1alpha1::SeiNodeTaskSpec*)> mutate;
    std::string reason;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"GovVote", [](auto* s) { s->clear_gov_vote(); }, "ParamsBuildFailed",
       "spec.govVote is required for kind=GovVote"},
      {"GovSoftwareUpgrade", [](auto* s) { s->clear_gov_software_upgrade(); }, "ParamsBuildFailed",
       "spec.govSoftwareUpgrade is required for kind=GovSoftwareUpgrade"},
      {"AwaitCondition", [](auto* s) { s->mutable_await_condition()->clear_height(); },
       "ParamsBuildFailed",
       "spec.awaitCondition.height is required (height is the only condition wired in MVP)"},
      {"UpdateNodeImage", [](auto* s) { s->clear_update_node_image(); }, "ParamsBuildFailed",
       "spec.updateNodeImage is required for kind=UpdateNodeImage"},
      {"AwaitNodesAtHeight", [](auto* s) { s->clear_await_nodes_at_height(); }, "ParamsBuildFailed",
       "spec.awaitNodesAtHeight is required for kind=AwaitNodesAtHeight"},
      {"DiscoverPeers", [](auto* s) { s->clear_discover_peers(); }, "ParamsBuildFailed",
       "spec.discoverPeers is required for kind=DiscoverPeers"},
      {"RestartPod", [](auto* s) { s->mutable_restart_pod()->clear_pod_uid(); },
       "ParamsBuildFailed", "spec.restartPod.podUID is required for kind=RestartPod"},
      {"Reboot", [](auto*) {}, "UnsupportedKind",
       "unsupported kind \"Reboot\" is not wired in this build"},
  };
  for (const Case& c : cases) {
    INFO(c.kind);
    v1alpha1::SeiNodeTask task = MakeTask(c.kind);
    c.mutate(task.mutable_spec());
    ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(), NoAction);
    CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
    CHECK_FALSE(task.status().has_task());
    CHECK(ConditionOf(task, "Failed").reason() == c.reason);
    CHECK(ConditionOf(task, "Failed").message() == c.message);
    CHECK(ConditionOf(task, "TargetReady").reason() == "PhaseMet");
    REQUIRE(run.done.events.size() == 1);
    CHECK(run.done.events[0] == Event{"Warning", c.reason, c.message});
  }
}

// ---------------------------------------------------------------- D7

TEST_CASE("D7: a target that leaves requirePhase after synthesis does not stall the task",
          "[reconcile][D7]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  const v1alpha1::SeiNode failed_node = MakeTarget(v1alpha1::NODE_PHASE_FAILED);
  const TargetLookup failed = TargetLookup::Found(failed_node);
  int polls = 0;
  auto running = [&](const Action& a) {
    ++polls;
    if (a.kind == ActionKind::kPoll && !a.after_submit) return Obs(OK::kRunning);
    return Obs(OK::kOk);
  };
  // Far beyond requirePhaseTimeout: still driven, TargetReady untouched.
  for (absl::Duration d : {absl::Seconds(1), absl::Minutes(10), absl::Hours(2)}) {
    ReconcileRun run = RunReconcile(&task, failed, T0() + d, running);
    CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll});
    CHECK(run.done.requeue_after == absl::Seconds(15));
    CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  }
  CHECK(polls == 3);
  CHECK(ConditionOf(task, "TargetReady").reason() == "PhaseMet");
  CHECK(ConditionOf(task, "TargetReady").status() == "True");

  ReconcileRun done = RunReconcile(&task, failed, T0() + absl::Hours(3),
                                   [](const Action&) { return Obs(OK::kComplete); });
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE);
}

TEST_CASE("D7/D8: a target confirmed absent after synthesis fails the task and its status",
          "[reconcile][D7][D8]") {
  v1alpha1::SeiNodeTask task = Synthesized("RestartPod");
  ReconcileRun run =
      RunReconcile(&task, TargetLookup::NotFound(), T0() + absl::Seconds(30), NoAction);
  const std::string message =
      "target SeiNode \"lonely-node\" not found in namespace \"validators\"";
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "TargetResolveFailed");
  CHECK(ConditionOf(task, "TargetReady").status() == "False");
  CHECK(ConditionOf(task, "TargetReady").reason() == "TargetNotFound");
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_FAILED);
  CHECK(task.status().task().err() == message);
  CHECK(run.done.events.size() == 1);
}

TEST_CASE("D3 after dispatch: lookup errors retry and are bounded by the execution budget",
          "[reconcile][D3][D6]") {
  v1alpha1::SeiNodeTask task = Synthesized("DiscoverPeers");  // 2 min default
  const TargetLookup error = TargetLookup::Error("informer cache not synced");
  ReconcileRun run = RunReconcile(&task, error, T0() + absl::Minutes(2), NoAction);
  CHECK(run.actions.empty());
  CHECK(run.done.requeue_after == absl::Seconds(5));
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK(ConditionOf(task, "TargetReady").reason() == "PhaseMet");  // not rewritten

  run = RunReconcile(&task, error, T0() + absl::Minutes(2) + absl::Seconds(1), NoAction);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "Timeout");
  CHECK(ConditionOf(task, "Failed").message() == "task did not complete within 2m0s");
}

// ---------------------------------------------------------------- D4 / D5

TEST_CASE("D4: the first drive step polls, submits on 404, and never submits twice",
          "[reconcile][D4]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  const v1alpha1::SeiNode target_node = MakeTarget();
  const TargetLookup target = TargetLookup::Found(target_node);
  const absl::Time t1 = T0() + absl::Seconds(1);

  std::vector<Action> seen;
  ReconcileRun run = RunReconcile(&task, target, t1, [&](const Action& a) {
    seen.push_back(a);
    if (a.kind == ActionKind::kSubmit) return Obs(OK::kOk);
    return Obs(OK::kNotFound);
  });
  // poll 404 → submit → poll (a 404 right after the POST is not a reason to POST again)
  CHECK(run.Kinds() ==
        std::vector<ActionKind>{ActionKind::kPoll, ActionKind::kSubmit, ActionKind::kPoll});
  CHECK(run.actions[2].after_submit);
  CHECK(run.done.requeue_after == absl::Seconds(15));
  CHECK(TimeOf(task.status().task().submitted_at()) == t1);
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_PENDING);

  const Action& submit = run.actions[1];
  CHECK(submit.request.type == "gov-vote");
  CHECK(submit.request.id == task.status().task().id());
  CHECK(submit.request.params.fields().at("keyName").string_value() == "validator");

  task = RoundTrip(task);
  // Submitted: later steps only poll. The sidecar reports `failed`.
  run = RunReconcile(&task, target, t1 + absl::Seconds(15),
                     [](const Action&) { return Obs(OK::kFailed, "insufficient fees"); });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll});
  CHECK_FALSE(run.Performed(ActionKind::kSubmit));
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "TaskFailed");
  CHECK(ConditionOf(task, "Failed").message() == "insufficient fees");
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_FAILED);
  CHECK(task.status().task().err() == "insufficient fees");
  REQUIRE(run.done.events.size() == 1);
  CHECK(run.done.events[0] == Event{"Warning", "TaskFailed", "insufficient fees"});
  CHECK_FALSE(run.done.requeue_after.has_value());

  // Terminal: no further submit, ever.
  run = RunReconcile(&task, target, t1 + absl::Seconds(30), NoAction);
  CHECK(run.actions.empty());
}

TEST_CASE("D4: once submittedAt is set a running task is only polled", "[reconcile][D4]") {
  v1alpha1::SeiNodeTask task = Synthesized("AwaitCondition");
  const v1alpha1::SeiNode target_node = MakeTarget();
  const TargetLookup target = TargetLookup::Found(target_node);
  // 200 running with no submittedAt: adopt that run.
  ReconcileRun run = RunReconcile(&task, target, T0() + absl::Seconds(2),
                                  [](const Action&) { return Obs(OK::kRunning); });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll});
  CHECK(TimeOf(task.status().task().submitted_at()) == T0() + absl::Seconds(2));
  CHECK(run.done.requeue_after == absl::Seconds(15));
  for (int i = 1; i <= 5; ++i) {
    run = RunReconcile(&task, target, T0() + absl::Seconds(15 * i),
                       [](const Action&) { return Obs(OK::kRunning); });
    CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll});
  }
  CHECK(TimeOf(task.status().task().submitted_at()) == T0() + absl::Seconds(2));
}

TEST_CASE("D4: a completed run found by the first poll is adopted without submitting",
          "[reconcile][D4]") {
  v1alpha1::SeiNodeTask task = Synthesized("AwaitNodesAtHeight");
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(),
                                  [](const Action&) { return Obs(OK::kComplete); });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll});
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE);
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_COMPLETE);
  CHECK(task.status().task().has_submitted_at());
  CHECK_FALSE(task.status().has_outputs());  // no outputs for await kinds
  v1alpha1::Condition ready = ConditionOf(task, "Ready");
  CHECK(ready.status() == "True");
  CHECK(ready.reason() == "TaskComplete");
  CHECK(ready.message().empty());
  CHECK(ConditionOf(task, "Failed").type().empty());  // latches: never written False
  CHECK(run.done.events.empty());                     // no events on success
  CHECK_FALSE(run.done.requeue_after.has_value());
}

TEST_CASE("D4: a 404 after submission resubmits, except GovSoftwareUpgrade (D5)",
          "[reconcile][D4][D5]") {
  for (const std::string kind :
       {"GovVote", "AwaitCondition", "AwaitNodesAtHeight", "DiscoverPeers"}) {
    INFO(kind);
    v1alpha1::SeiNodeTask task = Synthesized(kind);
    SetTime(task.mutable_status()->mutable_task()->mutable_submitted_at(), T0());
    ReconcileRun run = RunReconcile(
        &task, TargetLookup::Found(MakeTarget()), T0() + absl::Seconds(30), [](const Action& a) {
          return a.kind == ActionKind::kSubmit ? Obs(OK::kOk) : Obs(OK::kNotFound);
        });
    CHECK(run.Kinds() ==
          std::vector<ActionKind>{ActionKind::kPoll, ActionKind::kSubmit, ActionKind::kPoll});
    CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
    CHECK(TimeOf(task.status().task().submitted_at()) == T0());  // first submission kept
  }

  v1alpha1::SeiNodeTask task = Synthesized("GovSoftwareUpgrade");
  SetTime(task.mutable_status()->mutable_task()->mutable_submitted_at(), T0());
  ReconcileRun run = RunReconcile(
      &task, TargetLookup::Found(MakeTarget()), T0() + absl::Seconds(30), [](const Action& a) {
        return a.kind == ActionKind::kSubmit ? Obs(OK::kOk) : Obs(OK::kNotFound);
      });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll});
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "SidecarTaskLost");
  CHECK_THAT(ConditionOf(task, "Failed").message(), Catch::Contains(task.status().task().id()));
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_FAILED);
  CHECK(task.status().task().err() == ConditionOf(task, "Failed").message());
  REQUIRE(run.done.events.size() == 1);
  CHECK(run.done.events[0].reason == "SidecarTaskLost");
}

TEST_CASE("D5: a never-seen GovSoftwareUpgrade is POSTed exactly once", "[reconcile][D5]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovSoftwareUpgrade");
  const v1alpha1::SeiNode target_node = MakeTarget();
  const TargetLookup target = TargetLookup::Found(target_node);
  int submits = 0;
  auto sidecar = [&](const Action& a) {
    if (a.kind == ActionKind::kSubmit) {
      ++submits;
      return Obs(OK::kOk);
    }
    return submits == 0 ? Obs(OK::kNotFound) : Obs(OK::kRunning);
  };
  for (int i = 0; i < 4; ++i) {
    RunReconcile(&task, target, T0() + absl::Seconds(15 * i), sidecar);
    task = RoundTrip(task);
  }
  CHECK(submits == 1);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
}

TEST_CASE("A failed poll without error text gets the unknown-error message", "[reconcile]") {
  v1alpha1::SeiNodeTask task = Synthesized("AwaitCondition");
  RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(),
               [](const Action&) { return Obs(OK::kFailed); });
  CHECK(ConditionOf(task, "Failed").message() ==
        "task " + task.status().task().id() + " failed with unknown error");
}

// ---------------------------------------------------------------- D6

TEST_CASE("D6: a sidecar 400 on submit is terminal with the sidecar's text", "[reconcile][D6]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  const std::string text = "sidecar rejected gov-vote task: unknown task type: gov-vote";
  ReconcileRun run =
      RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(), [&](const Action& a) {
        return a.kind == ActionKind::kSubmit ? Obs(OK::kTerminalError, text) : Obs(OK::kNotFound);
      });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll, ActionKind::kSubmit});
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "TaskTerminalError");
  CHECK(ConditionOf(task, "Failed").message() == text);
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_FAILED);
  CHECK(task.status().task().err() == text);
  CHECK_FALSE(task.status().task().has_submitted_at());
}

TEST_CASE("D6: transient submit errors retry soon, without marking the task submitted",
          "[reconcile][D6]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  ReconcileRun run =
      RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(), [](const Action& a) {
        return a.kind == ActionKind::kSubmit ? Obs(OK::kTransientError, "503") : Obs(OK::kNotFound);
      });
  CHECK(run.done.requeue_after == absl::Seconds(5));
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK_FALSE(task.status().task().has_submitted_at());
}

TEST_CASE("D6: local pre-submit validation failure is ParamsBuildFailed, nothing is sent",
          "[reconcile][D6][D8]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  task.mutable_spec()->mutable_gov_vote()->set_option("maybe");  // edited after synthesis
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(), NoAction);
  CHECK(run.actions.empty());
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "ParamsBuildFailed");
  CHECK(ConditionOf(task, "Failed").message() ==
        "validating gov-vote: option \"maybe\" is not one of yes, no, abstain, no_with_veto, "
        "no-with-veto");
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_FAILED);  // D8
  CHECK(task.status().task().err() == ConditionOf(task, "Failed").message());
}

TEST_CASE("D6: the deadline fires while Execute keeps returning transient errors",
          "[reconcile][D6]") {
  v1alpha1::SeiNodeTask task = Synthesized("RestartPod");  // 10 min default
  const v1alpha1::SeiNode target_node = MakeTarget();
  const TargetLookup target = TargetLookup::Found(target_node);
  auto flaky = [](const Action& a) {
    return a.kind == ActionKind::kExecute ? Obs(OK::kTransientError, "pods is forbidden")
                                          : Obs(OK::kRunning);
  };
  ReconcileRun run = RunReconcile(&task, target, T0() + absl::Minutes(1), flaky);
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kExecute, ActionKind::kQueryStatus});
  REQUIRE(run.actions[1].execute_error.has_value());
  CHECK(run.done.requeue_after == absl::Seconds(5));
  CHECK_THAT(run.done.note, Catch::Contains("pods is forbidden"));
  CHECK_FALSE(task.status().task().has_submitted_at());

  // Exactly at the deadline: not yet (strictly later, §6).
  run = RunReconcile(&task, target, T0() + absl::Minutes(10), flaky);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);

  const absl::Time late = T0() + absl::Minutes(10) + absl::Seconds(1);
  run = RunReconcile(&task, target, late, flaky);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(ConditionOf(task, "Failed").reason() == "Timeout");
  CHECK(ConditionOf(task, "Failed").message() == "task did not complete within 10m0s");
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_FAILED);
  CHECK(task.status().task().err() == "timeout");
  CHECK(TimeOf(task.status().phase_transition_time()) == late);
  REQUIRE(run.done.events.size() == 1);
  CHECK(run.done.events[0] == Event{"Warning", "Timeout", "task did not complete within 10m0s"});
  // Past the deadline Execute is skipped: no pod is deleted for a task that is failing.
  CHECK_FALSE(run.Performed(ActionKind::kExecute));
}

TEST_CASE("D6: a complete result in the expiring step wins over the deadline", "[reconcile][D6]") {
  v1alpha1::SeiNodeTask task = Synthesized("RestartPod");
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0() + absl::Hours(1),
                                  [](const Action&) { return Obs(OK::kComplete); });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kQueryStatus});
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE);

  v1alpha1::SeiNodeTask sidecar = Synthesized("DiscoverPeers");
  run = RunReconcile(&sidecar, TargetLookup::Found(MakeTarget()), T0() + absl::Hours(1),
                     [](const Action&) { return Obs(OK::kComplete); });
  CHECK(sidecar.status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE);
}

TEST_CASE("D6: an expired task that the sidecar never saw is not submitted", "[reconcile][D6]") {
  v1alpha1::SeiNodeTask task = Synthesized("DiscoverPeers");
  ReconcileRun run = RunReconcile(
      &task, TargetLookup::Found(MakeTarget()), T0() + absl::Minutes(3), [](const Action& a) {
        return a.kind == ActionKind::kSubmit ? Obs(OK::kOk) : Obs(OK::kNotFound);
      });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kPoll});
  CHECK(ConditionOf(task, "Failed").reason() == "Timeout");
}

TEST_CASE("D6: poll errors count as running and the deadline still applies", "[reconcile][D6]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  task.mutable_spec()->set_timeout_seconds(60);
  auto down = [](const Action&) { return Obs(OK::kTransientError, "connection refused"); };
  ReconcileRun run =
      RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0() + absl::Seconds(60), down);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK(run.done.requeue_after == absl::Seconds(5));
  RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0() + absl::Seconds(61), down);
  CHECK(ConditionOf(task, "Failed").reason() == "Timeout");
  CHECK(ConditionOf(task, "Failed").message() == "task did not complete within 1m0s");
}

TEST_CASE("Kinds without a default budget run unbounded unless timeoutSeconds is set",
          "[reconcile]") {
  v1alpha1::SeiNodeTask task = Synthesized("GovVote");
  auto running = [](const Action&) { return Obs(OK::kRunning); };
  RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0() + absl::Hours(24 * 365), running);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);

  v1alpha1::SeiNodeTask restart = Synthesized("RestartPod");
  restart.mutable_spec()->set_timeout_seconds(900);  // §17.1 overrides the 10 min default
  RunReconcile(&restart, TargetLookup::Found(MakeTarget()), T0() + absl::Minutes(15), running);
  CHECK(restart.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  RunReconcile(&restart, TargetLookup::Found(MakeTarget()),
               T0() + absl::Minutes(15) + absl::Seconds(1), running);
  CHECK(ConditionOf(restart, "Failed").message() == "task did not complete within 15m0s");
}

// ---------------------------------------------------------------- §6 lazy stamping

TEST_CASE("§6: a task without executionStartedAt gets a fresh budget from the drive step",
          "[reconcile][lazy]") {
  v1alpha1::SeiNodeTask task = Synthesized("DiscoverPeers");
  task.mutable_status()->mutable_task()->clear_execution_started_at();
  SetTime(task.mutable_status()->mutable_started_at(), T0() - absl::Hours(5));
  const absl::Time t1 = T0() + absl::Hours(1);
  auto running = [](const Action&) { return Obs(OK::kRunning); };

  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), t1, running);
  CHECK(TimeOf(task.status().task().execution_started_at()) == t1);  // not startedAt
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK(run.done.requeue_after == absl::Seconds(15));

  task = RoundTrip(task);
  RunReconcile(&task, TargetLookup::Found(MakeTarget()), t1 + absl::Minutes(2), running);
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  RunReconcile(&task, TargetLookup::Found(MakeTarget()), t1 + absl::Minutes(2) + absl::Seconds(1),
               running);
  CHECK(ConditionOf(task, "Failed").reason() == "Timeout");
}

// ---------------------------------------------------------------- controller kinds

TEST_CASE("UpdateNodeImage: Execute and Status every step; appliedImage from the read (D9)",
          "[reconcile][D9]") {
  v1alpha1::SeiNodeTask task = MakeTask("UpdateNodeImage");
  v1alpha1::SeiNode target = MakeTarget();
  target.mutable_status()->set_current_image("ghcr.io/sei-protocol/sei:v6.3.0");  // cached, stale
  RunReconcile(&task, TargetLookup::Found(target), T0(), NoAction);

  auto rolling = [](const Action& a) {
    return a.kind == ActionKind::kExecute ? Obs(OK::kOk) : Obs(OK::kRunning);
  };
  const absl::Time t1 = T0() + absl::Seconds(1);
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(target), t1, rolling);
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kExecute, ActionKind::kQueryStatus});
  const TaskRequest& request = run.actions[0].request;
  CHECK(request.type == "update-node-image");
  CHECK(request.params.fields().at("nodeName").string_value() == "lonely-node");
  CHECK(request.params.fields().at("namespace").string_value() == "validators");
  CHECK(request.params.fields().at("image").string_value() == "ghcr.io/sei-protocol/sei:v6.4.0");
  CHECK(TimeOf(task.status().task().submitted_at()) == t1);
  CHECK(run.done.requeue_after == absl::Seconds(15));

  run = RunReconcile(&task, TargetLookup::Found(target), T0() + absl::Seconds(16), rolling);
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kExecute, ActionKind::kQueryStatus});
  CHECK(TimeOf(task.status().task().submitted_at()) == t1);  // first success kept

  const absl::Time t3 = T0() + absl::Seconds(221);
  run = RunReconcile(&task, TargetLookup::Found(target), t3, [](const Action& a) {
    if (a.kind == ActionKind::kExecute) return Obs(OK::kOk);
    Observation done = Obs(OK::kComplete);
    done.applied_image = "ghcr.io/sei-protocol/sei:v6.4.0";
    return done;
  });
  CHECK(task.status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE);
  CHECK(TimeOf(task.status().phase_transition_time()) == t3);
  CHECK(task.status().outputs().update_node_image().applied_image() ==
        "ghcr.io/sei-protocol/sei:v6.4.0");
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_COMPLETE);
  v1alpha1::Condition ready = ConditionOf(task, "Ready");
  CHECK(ready.reason() == "TaskComplete");
  CHECK(ready.message().empty());
  CHECK(TimeOf(ready.last_transition_time()) == t3);
  CHECK(task.status().conditions_size() == 2);  // TargetReady, Ready
}

TEST_CASE("UpdateNodeImage: a vanished target on Execute is TaskTerminalError", "[reconcile]") {
  v1alpha1::SeiNodeTask task = Synthesized("UpdateNodeImage");
  const std::string text = "target SeiNode \"lonely-node\" not found";
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(),
                                  [&](const Action&) { return Obs(OK::kTerminalError, text); });
  CHECK(run.Kinds() == std::vector<ActionKind>{ActionKind::kExecute});
  CHECK(ConditionOf(task, "Failed").reason() == "TaskTerminalError");
  CHECK(ConditionOf(task, "Failed").message() == text);
  CHECK(task.status().task().err() == text);
}

TEST_CASE("UpdateNodeImage with an emptied image fails DeserializeFailed (D8)", "[reconcile][D8]") {
  v1alpha1::SeiNodeTask task = Synthesized("UpdateNodeImage");
  task.mutable_spec()->mutable_update_node_image()->clear_image();
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(), NoAction);
  CHECK(ConditionOf(task, "Failed").reason() == "DeserializeFailed");
  CHECK(ConditionOf(task, "Failed").message() ==
        "update-node-image: nodeName, namespace, and image are required");
  CHECK(task.status().task().status() == v1alpha1::TASK_STATUS_FAILED);
  CHECK(task.status().task().err() ==
        "update-node-image: nodeName, namespace, and image are required");
}

TEST_CASE("RestartPod sends the UID recorded at synthesis, not a later spec edit", "[reconcile]") {
  v1alpha1::SeiNodeTask task = Synthesized("RestartPod");
  task.mutable_spec()->mutable_restart_pod()->set_pod_uid("edited-after-synthesis");
  ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0(),
                                  [](const Action&) { return Obs(OK::kRunning); });
  REQUIRE_FALSE(run.actions.empty());
  CHECK(run.actions[0].request.params.fields().at("restartedPodUID").string_value() ==
        "4e0c9a7b-1d2f-4a6b-8c3e-5f7a9b1c2d3e");
}

// ---------------------------------------------------------------- generations, times

TEST_CASE("Conditions carry metadata.generation; phaseTransitionTime only on change",
          "[reconcile]") {
  v1alpha1::SeiNodeTask task = Synthesized("AwaitCondition");
  task.mutable_metadata()->set_generation(4);  // spec edited after synthesis
  RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0() + absl::Seconds(15),
               [](const Action&) { return Obs(OK::kRunning); });
  CHECK(task.status().observed_generation() == 4);
  CHECK(TimeOf(task.status().phase_transition_time()) == T0());  // still Running
  RunReconcile(&task, TargetLookup::Found(MakeTarget()), T0() + absl::Seconds(30),
               [](const Action&) { return Obs(OK::kFailed, "boom"); });
  CHECK(ConditionOf(task, "Failed").observed_generation() == 4);
  CHECK(ConditionOf(task, "Ready").type().empty());
}

struct NodeTaskPhaseAndNote {
  v1alpha1::NodeTaskPhase phase;
  std::string note;
};

TEST_CASE("Whole-second timestamps: decisions survive a serialise/restart between reconciles",
          "[reconcile][time]") {
  // The same scenario in memory and through the wire after every reconcile.
  auto scenario = [](bool restart) {
    v1alpha1::SeiNodeTask task = MakeTask("DiscoverPeers");
    const absl::Duration frac = absl::Milliseconds(700);
    std::vector<absl::Time> times = {
        T0() + frac,                                      // synthesis (stamped T0)
        T0() + absl::Seconds(1) + frac,                   // first poll
        T0() + absl::Minutes(2),                          // exactly the deadline
        T0() + absl::Minutes(2) + absl::Milliseconds(1),  // strictly later
    };
    std::vector<NodeTaskPhaseAndNote> out;
    for (absl::Time t : times) {
      ReconcileRun run = RunReconcile(&task, TargetLookup::Found(MakeTarget()), t,
                                      [](const Action&) { return Obs(OK::kRunning); });
      out.push_back({task.status().phase(), run.done.note});
      if (restart) task = RoundTrip(task);
    }
    for (const google::protobuf::Timestamp* ts :
         {&task.status().started_at(), &task.status().phase_transition_time(),
          &task.status().task().execution_started_at(), &task.status().task().submitted_at()}) {
      CHECK(ts->nanos() == 0);
    }
    CHECK(TimeOf(task.status().task().execution_started_at()) == T0());
    return out;
  };
  const auto in_memory = scenario(false);
  const auto restarted = scenario(true);
  REQUIRE(in_memory.size() == restarted.size());
  for (size_t i = 0; i < in_memory.size(); ++i) {
    CHECK(in_memory[i].phase == restarted[i].phase);
    CHECK(in_memory[i].note == restarted[i].note);
  }
  CHECK(restarted[2].phase == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK(restarted[3].phase == v1alpha1::NODE_TASK_PHASE_FAILED);
}

}  // namespace
}  // namespace sei::planner::nodetask
