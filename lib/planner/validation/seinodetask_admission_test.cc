#include "lib/planner/validation/seinodetask_admission.h"

#include <catch2/catch.hpp>
#include <string>

#include "lib/planner/validation/test_matchers.h"

namespace sei::planner {
namespace {

using testing::HasViolation;
using v1alpha1::SeiNodeTask;

constexpr char kT1[] =
    "exactly one of govSoftwareUpgrade, govVote, awaitCondition, updateNodeImage, "
    "awaitNodesAtHeight, discoverPeers, or restartPod must be set";

SeiNodeTask Task(const std::string& name, const std::string& kind, const std::string& target) {
  SeiNodeTask task;
  task.set_api_version("sei.io/v1alpha1");
  task.set_kind("SeiNodeTask");
  task.mutable_metadata()->set_name(name);
  task.mutable_spec()->set_kind(kind);
  task.mutable_spec()->mutable_target()->mutable_node_ref()->set_name(target);
  return task;
}

// nodetask.md §17.1, first object.
SeiNodeTask DiscoverPeersManifest() {
  SeiNodeTask task = Task("val-0-refresh-peers", "DiscoverPeers", "atlantic-2-val-0");
  task.mutable_metadata()->set_namespace_("validators");
  task.mutable_spec()->mutable_discover_peers();
  return task;
}

// nodetask.md §17.1, second object.
SeiNodeTask RestartPodManifest() {
  SeiNodeTask task = Task("val-0-restart", "RestartPod", "atlantic-2-val-0");
  task.mutable_metadata()->set_namespace_("validators");
  task.mutable_spec()->set_timeout_seconds(900);
  task.mutable_spec()->mutable_restart_pod()->set_pod_uid("4e0c9a7b-1d2f-4a6b-8c3e-5f7a9b1c2d3e");
  return task;
}

// nodetask.md §17.2.
SeiNodeTask SoftwareUpgradeManifest() {
  SeiNodeTask task = Task("propose-v6-4-0", "GovSoftwareUpgrade", "devnet-val-0");
  task.mutable_metadata()->set_namespace_("devnet");
  task.mutable_spec()->mutable_target()->set_require_phase_timeout("10m");
  task.mutable_spec()->set_timeout_seconds(600);
  auto* p = task.mutable_spec()->mutable_gov_software_upgrade();
  p->set_chain_id("sei-devnet-7");
  p->set_title("Upgrade to v6.4.0");
  p->set_description("Scheduled upgrade rehearsal");
  p->set_upgrade_name("v6.4.0");
  p->set_upgrade_height(250000);
  p->set_initial_deposit("10000000usei");
  p->set_fees("4000usei");
  p->set_gas(400000);
  return task;
}

// nodetask.md §17.3, with the status it ends with.
SeiNodeTask UpdateNodeImageManifest() {
  SeiNodeTask task = Task("devnet-val-0-to-v6-4-0", "UpdateNodeImage", "devnet-val-0");
  task.mutable_metadata()->set_namespace_("devnet");
  task.mutable_spec()->mutable_target()->set_require_phase(v1alpha1::NODE_PHASE_RUNNING);
  task.mutable_spec()->set_timeout_seconds(1800);
  task.mutable_spec()->mutable_update_node_image()->set_image("ghcr.io/sei-protocol/sei:v6.4.0");
  auto* status = task.mutable_status();
  status->set_observed_generation(1);
  status->set_phase(v1alpha1::NODE_TASK_PHASE_COMPLETE);
  status->mutable_started_at()->set_seconds(1780740000);
  status->mutable_phase_transition_time()->set_seconds(1780740221);
  status->mutable_task()->set_id("0c2b6a9e-1111-5222-8333-444455556666");
  status->mutable_task()->set_status(v1alpha1::TASK_STATUS_COMPLETE);
  status->mutable_task()->mutable_submitted_at()->set_seconds(1780740000);
  status->mutable_task()->mutable_execution_started_at()->set_seconds(1780740000);
  status->mutable_outputs()->mutable_update_node_image()->set_applied_image(
      "ghcr.io/sei-protocol/sei:v6.4.0");
  auto* target_ready = status->add_conditions();
  target_ready->set_type("TargetReady");
  target_ready->set_status("True");
  target_ready->set_reason("PhaseMet");
  target_ready->set_message("target devnet-val-0 is Running");
  target_ready->set_observed_generation(1);
  target_ready->mutable_last_transition_time()->set_seconds(1780740000);
  auto* ready = status->add_conditions();
  ready->set_type("Ready");
  ready->set_status("True");
  ready->set_reason("TaskComplete");
  ready->set_observed_generation(1);
  ready->mutable_last_transition_time()->set_seconds(1780740221);
  return task;
}

SeiNodeTask GovVoteTask() {
  SeiNodeTask task = Task("vote-7", "GovVote", "devnet-val-0");
  auto* p = task.mutable_spec()->mutable_gov_vote();
  p->set_chain_id("sei-devnet-7");
  p->set_key_name("node_admin");
  p->set_proposal_id(7);
  p->set_option("yes");
  p->set_fees("4000usei");
  p->set_gas(200000);
  return task;
}

SeiNodeTask AwaitConditionTask() {
  SeiNodeTask task = Task("await-100", "AwaitCondition", "devnet-val-0");
  task.mutable_spec()->mutable_await_condition()->mutable_height()->set_target_height(100);
  task.mutable_spec()->mutable_await_condition()->set_action("SIGTERM_SEID");
  return task;
}

SeiNodeTask AwaitNodesAtHeightTask() {
  SeiNodeTask task = Task("await-nodes", "AwaitNodesAtHeight", "devnet-val-0");
  task.mutable_spec()->mutable_await_nodes_at_height()->set_target_height(100);
  return task;
}

FieldViolations Validate(const SeiNodeTask& task) { return ValidateSeiNodeTask(task, nullptr); }

TEST_CASE("The examples of nodetask.md §17 and one task per kind are admitted", "[task]") {
  for (const SeiNodeTask& task :
       {DiscoverPeersManifest(), RestartPodManifest(), SoftwareUpgradeManifest(),
        UpdateNodeImageManifest(), GovVoteTask(), AwaitConditionTask(), AwaitNodesAtHeightTask()}) {
    INFO(task.spec().kind());
    CHECK(Validate(task).empty());
    CHECK(ValidateSeiNodeTask(task, &task).empty());
  }
}

TEST_CASE("kind: required, enum of seven", "[task]") {
  SeiNodeTask task = DiscoverPeersManifest();
  task.mutable_spec()->clear_kind();
  CHECK(Validate(task) == FieldViolations{{"spec.kind", "Required value"}});
  task.mutable_spec()->set_kind("discoverPeers");  // case-sensitive
  CHECK(Validate(task) ==
        FieldViolations{{"spec.kind",
                         "Unsupported value: \"discoverPeers\": supported values: "
                         "\"GovSoftwareUpgrade\", \"GovVote\", \"AwaitCondition\", "
                         "\"UpdateNodeImage\", \"AwaitNodesAtHeight\", \"DiscoverPeers\", "
                         "\"RestartPod\""}});
}

TEST_CASE("T1: exactly one payload", "[task]") {
  SeiNodeTask task = DiscoverPeersManifest();
  task.mutable_spec()->clear_discover_peers();
  CHECK(Validate(task) ==
        FieldViolations{{"spec", kT1},
                        {"spec", "spec.discoverPeers is required when kind=DiscoverPeers"}});
  task = DiscoverPeersManifest();
  task.mutable_spec()->mutable_update_node_image()->set_image("img");
  CHECK(Validate(task) == FieldViolations{{"spec", kT1}});
}

struct KindCase {
  SeiNodeTask (*make)();
  std::string message;
  void (*clear)(v1alpha1::SeiNodeTaskSpec*);
};

TEST_CASE("T2..T8: the payload must match the kind", "[task]") {
  const KindCase cases[] = {
      {SoftwareUpgradeManifest, "spec.govSoftwareUpgrade is required when kind=GovSoftwareUpgrade",
       [](v1alpha1::SeiNodeTaskSpec* s) { s->clear_gov_software_upgrade(); }},
      {GovVoteTask, "spec.govVote is required when kind=GovVote",
       [](v1alpha1::SeiNodeTaskSpec* s) { s->clear_gov_vote(); }},
      {AwaitConditionTask, "spec.awaitCondition is required when kind=AwaitCondition",
       [](v1alpha1::SeiNodeTaskSpec* s) { s->clear_await_condition(); }},
      {UpdateNodeImageManifest, "spec.updateNodeImage is required when kind=UpdateNodeImage",
       [](v1alpha1::SeiNodeTaskSpec* s) { s->clear_update_node_image(); }},
      {AwaitNodesAtHeightTask, "spec.awaitNodesAtHeight is required when kind=AwaitNodesAtHeight",
       [](v1alpha1::SeiNodeTaskSpec* s) { s->clear_await_nodes_at_height(); }},
      {DiscoverPeersManifest, "spec.discoverPeers is required when kind=DiscoverPeers",
       [](v1alpha1::SeiNodeTaskSpec* s) { s->clear_discover_peers(); }},
  };
  for (const KindCase& c : cases) {
    SeiNodeTask task = c.make();
    INFO(task.spec().kind());
    c.clear(task.mutable_spec());
    // Swap in another kind's payload: T1 holds, only the kind rule fails.
    task.mutable_spec()->mutable_restart_pod()->set_pod_uid("uid");
    CHECK(Validate(task) == FieldViolations{{"spec", c.message}});
  }
  // T8 (and T9, which also needs the payload).
  SeiNodeTask restart = RestartPodManifest();
  restart.mutable_spec()->clear_restart_pod();
  restart.mutable_spec()->mutable_discover_peers();
  CHECK(Validate(restart) ==
        FieldViolations{{"spec", "spec.restartPod is required when kind=RestartPod"},
                        {"spec", "spec.restartPod.podUID is required when kind=RestartPod"}});
}

TEST_CASE("T9: RestartPod needs a podUID", "[task]") {
  SeiNodeTask task = RestartPodManifest();
  task.mutable_spec()->mutable_restart_pod()->clear_pod_uid();
  CHECK(Validate(task) ==
        FieldViolations{{"spec", "spec.restartPod.podUID is required when kind=RestartPod"},
                        {"spec.restartPod.podUID", "Required value"}});
}

TEST_CASE("T10: kind is immutable, only on update", "[task]") {
  const SeiNodeTask old = DiscoverPeersManifest();
  SeiNodeTask task = DiscoverPeersManifest();
  task.mutable_spec()->set_kind("RestartPod");
  task.mutable_spec()->clear_discover_peers();
  task.mutable_spec()->mutable_restart_pod()->set_pod_uid("uid");
  CHECK(Validate(task).empty());
  CHECK(ValidateSeiNodeTask(task, &old) == FieldViolations{{"spec", "spec.kind is immutable"}});
  // Every other field may change.
  SeiNodeTask retarget = DiscoverPeersManifest();
  retarget.mutable_spec()->mutable_target()->mutable_node_ref()->set_name("other-node");
  retarget.mutable_spec()->set_timeout_seconds(60);
  CHECK(ValidateSeiNodeTask(retarget, &old).empty());
}

TEST_CASE("T11 and the awaitCondition schema", "[task]") {
  SeiNodeTask task = AwaitConditionTask();
  task.mutable_spec()->mutable_await_condition()->clear_height();
  task.mutable_spec()->mutable_await_condition()->set_action("sigterm_seid");
  CHECK(Validate(task) == FieldViolations{{"spec.awaitCondition",
                                           "exactly one condition must be set (currently: height)"},
                                          {"spec.awaitCondition.action",
                                           "Unsupported value: \"sigterm_seid\": supported values: "
                                           "\"SIGTERM_SEID\""}});
  task.mutable_spec()->mutable_await_condition()->mutable_height()->set_target_height(0);
  task.mutable_spec()->mutable_await_condition()->clear_action();  // pure wait
  CHECK(Validate(task) ==
        FieldViolations{{"spec.awaitCondition.height.targetHeight",
                         "Invalid value: 0: should be greater than or equal to 1"}});
}

TEST_CASE("target: nodeRef and name", "[task]") {
  SeiNodeTask task = DiscoverPeersManifest();
  task.mutable_spec()->clear_target();
  CHECK(Validate(task) == FieldViolations{{"spec.target", "Required value"}});
  task.mutable_spec()->mutable_target();
  CHECK(Validate(task) == FieldViolations{{"spec.target.nodeRef", "Required value"}});
  task.mutable_spec()->mutable_target()->mutable_node_ref();
  CHECK(Validate(task) == FieldViolations{{"spec.target.nodeRef.name", "Required value"}});
  task.mutable_spec()->mutable_target()->mutable_node_ref()->set_name("Node.0");
  CHECK(Validate(task) == FieldViolations{{"spec.target.nodeRef.name",
                                           "Invalid value: \"Node.0\": should match "
                                           "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"}});
  task.mutable_spec()->mutable_target()->mutable_node_ref()->set_name(std::string(254, 'n'));
  CHECK(Validate(task) ==
        FieldViolations{{"spec.target.nodeRef.name", "Too long: may not be more than 253 bytes"}});
}

TEST_CASE("target.requirePhaseTimeout must be a Go duration", "[task]") {
  SeiNodeTask task = DiscoverPeersManifest();
  for (const char* ok : {"5m", "90s", "1h30m", "0", "1.5h", "-1s"}) {
    INFO(ok);
    task.mutable_spec()->mutable_target()->set_require_phase_timeout(ok);
    CHECK(Validate(task).empty());
  }
  task.mutable_spec()->mutable_target()->set_require_phase_timeout("5 minutes");
  CHECK(Validate(task) ==
        FieldViolations{{"spec.target.requirePhaseTimeout",
                         "Invalid value: \"5 minutes\": must be a Go duration such as 5m, 90s or "
                         "1h30m (time: unknown unit \" minutes\" in duration \"5 minutes\")"}});
  task.mutable_spec()->mutable_target()->set_require_phase_timeout("300");
  CHECK(HasViolation(Validate(task), "spec.target.requirePhaseTimeout",
                     "Invalid value: \"300\": must be a Go duration such as 5m, 90s or 1h30m "
                     "(time: missing unit in duration \"300\")"));
}

TEST_CASE("timeoutSeconds minimum 0", "[task]") {
  SeiNodeTask task = RestartPodManifest();
  task.mutable_spec()->set_timeout_seconds(-1);
  CHECK(Validate(task) == FieldViolations{{"spec.timeoutSeconds",
                                           "Invalid value: -1: should be greater than or equal "
                                           "to 0"}});
  task.mutable_spec()->set_timeout_seconds(0);
  CHECK(Validate(task).empty());
}

TEST_CASE("govSoftwareUpgrade payload schema", "[task]") {
  SeiNodeTask task = Task("p", "GovSoftwareUpgrade", "n");
  task.mutable_spec()->mutable_gov_software_upgrade()->set_key_name("bad key");
  const std::string p = "spec.govSoftwareUpgrade.";
  const std::string kMin1 = "Invalid value: 0: should be greater than or equal to 1";
  CHECK(Validate(task) ==
        FieldViolations{
            {p + "chainId", "Required value"},
            {p + "keyName", "Invalid value: \"bad key\": should match '^[a-zA-Z0-9_-]+$'"},
            {p + "title", "Required value"},
            {p + "description", "Required value"},
            {p + "upgradeName", "Required value"},
            {p + "upgradeHeight", kMin1},
            {p + "initialDeposit", "Required value"},
            {p + "fees", "Required value"},
            {p + "gas", kMin1},
        });
}

TEST_CASE("govVote payload schema; option is a case-sensitive enum", "[task]") {
  for (const char* option : {"yes", "no", "abstain", "no_with_veto", "no-with-veto"}) {
    SeiNodeTask task = GovVoteTask();
    task.mutable_spec()->mutable_gov_vote()->set_option(option);
    CHECK(Validate(task).empty());
  }
  SeiNodeTask task = GovVoteTask();
  auto* vote = task.mutable_spec()->mutable_gov_vote();
  vote->set_option("YES");
  vote->set_proposal_id(0);
  vote->set_gas(0);
  vote->clear_chain_id();
  vote->clear_fees();
  vote->set_key_name("a/b");
  const std::string p = "spec.govVote.";
  const std::string kMin1 = "Invalid value: 0: should be greater than or equal to 1";
  CHECK(Validate(task) ==
        FieldViolations{
            {p + "chainId", "Required value"},
            {p + "keyName", "Invalid value: \"a/b\": should match '^[a-zA-Z0-9_-]+$'"},
            {p + "proposalId", kMin1},
            {p + "option",
             "Unsupported value: \"YES\": supported values: \"yes\", \"no\", \"abstain\", "
             "\"no_with_veto\", \"no-with-veto\""},
            {p + "fees", "Required value"},
            {p + "gas", kMin1},
        });
  vote->clear_option();
  CHECK(HasViolation(Validate(task), p + "option", "Required value"));
}

TEST_CASE("updateNodeImage, awaitNodesAtHeight, restartPod payloads", "[task]") {
  SeiNodeTask image = UpdateNodeImageManifest();
  image.mutable_spec()->mutable_update_node_image()->clear_image();
  CHECK(Validate(image) == FieldViolations{{"spec.updateNodeImage.image", "Required value"}});
  image.mutable_spec()->mutable_update_node_image()->set_image(std::string(513, 'i'));
  CHECK(Validate(image) == FieldViolations{{"spec.updateNodeImage.image",
                                            "Too long: may not be more than 512 bytes"}});

  SeiNodeTask height = AwaitNodesAtHeightTask();
  height.mutable_spec()->mutable_await_nodes_at_height()->set_target_height(-5);
  CHECK(Validate(height) ==
        FieldViolations{{"spec.awaitNodesAtHeight.targetHeight",
                         "Invalid value: -5: should be greater than or equal to 1"}});
}

TEST_CASE("Task names follow the custom-resource rule (DNS subdomain)", "[task]") {
  SeiNodeTask task = DiscoverPeersManifest();
  task.mutable_metadata()->set_name("refresh.peers.v1");  // dots are fine here
  CHECK(Validate(task).empty());
  task.mutable_metadata()->set_name("Refresh");
  REQUIRE(Validate(task).size() == 1);
  CHECK(Validate(task)[0].path == "metadata.name");
}

TEST_CASE("Task status schema", "[task]") {
  SeiNodeTask task = UpdateNodeImageManifest();
  task.mutable_status()->mutable_task()->clear_status();
  task.mutable_status()->mutable_conditions(1)->clear_last_transition_time();
  CHECK(Validate(task) ==
        FieldViolations{{"status.task.status", "Required value"},
                        {"status.conditions[1].lastTransitionTime", "Required value"}});
}

TEST_CASE("Every violation of a broken task, in document order", "[task]") {
  SeiNodeTask task;
  task.mutable_metadata()->set_name("t");
  auto* spec = task.mutable_spec();
  spec->set_kind("RestartPod");
  spec->set_timeout_seconds(-3);
  spec->mutable_gov_vote()->set_option("maybe");
  spec->mutable_await_condition();
  const std::string kMin1 = "Invalid value: 0: should be greater than or equal to 1";
  const SeiNodeTask old = AwaitConditionTask();
  CHECK(ValidateSeiNodeTask(task, &old) ==
        FieldViolations{
            {"spec", kT1},
            {"spec", "spec.restartPod is required when kind=RestartPod"},
            {"spec", "spec.restartPod.podUID is required when kind=RestartPod"},
            {"spec", "spec.kind is immutable"},
            {"spec.target", "Required value"},
            {"spec.timeoutSeconds", "Invalid value: -3: should be greater than or equal to 0"},
            {"spec.govVote.chainId", "Required value"},
            {"spec.govVote.proposalId", kMin1},
            {"spec.govVote.option",
             "Unsupported value: \"maybe\": supported values: \"yes\", \"no\", \"abstain\", "
             "\"no_with_veto\", \"no-with-veto\""},
            {"spec.govVote.fees", "Required value"},
            {"spec.govVote.gas", kMin1},
            {"spec.awaitCondition", "exactly one condition must be set (currently: height)"},
        });
}

}  // namespace
}  // namespace sei::planner
