#include "lib/planner/plan/plan_builder.h"

#include <catch2/catch.hpp>

#include "lib/planner/core/task_catalog.h"
#include "lib/planner/core/task_id.h"
#include "lib/planner/plan/test_support.h"

namespace sei::planner {
namespace {

using testing::Split;
using testing::ToJson;
using v1alpha1::TaskPlan;

PlanContext Context() {
  PlanContext context;
  context.new_plan_id = testing::SequentialPlanIds();
  context.config.default_sidecar_image = "sidecar:default";
  return context;
}

TaskPlan Init(const v1alpha1::SeiNode& node) {
  absl::StatusOr<std::optional<TaskPlan>> plan = BuildPlan(node, Context());
  REQUIRE(plan.ok());
  REQUIRE(plan->has_value());
  return **plan;
}

int IndexOf(const TaskPlan& plan, absl::string_view type, int occurrence = 0) {
  for (int i = 0; i < plan.tasks_size(); ++i) {
    if (plan.tasks(i).type() == type && occurrence-- == 0) return i;
  }
  return -1;
}

std::string ParamsOf(const TaskPlan& plan, absl::string_view type, int occurrence = 0) {
  int index = IndexOf(plan, type, occurrence);
  REQUIRE(index >= 0);
  return ToJson(plan.tasks(index).params());
}

bool Has(const TaskPlan& plan, absl::string_view type) { return IndexOf(plan, type) >= 0; }

// Example nodes of plans.md §8.1/§8.3.
v1alpha1::SeiNode ExampleA() {
  v1alpha1::SeiNode node = testing::FullNode();
  auto* full = node.mutable_spec()->mutable_full_node();
  testing::AddS3Snapshot(full->mutable_snapshot(), 198740000);
  testing::EnablePublish(full->mutable_snapshot_generation(), 2);
  testing::AddEc2Peer(&node);
  return node;
}

v1alpha1::SeiNode ExampleB() {
  v1alpha1::SeiNode node = testing::FullNode();
  node.mutable_spec()->mutable_full_node()->mutable_snapshot()->mutable_state_sync();
  testing::AddLabelPeer(&node);
  return node;
}

v1alpha1::SeiNode ExampleD() {
  v1alpha1::SeiNode node = testing::BareNode();
  auto* v = node.mutable_spec()->mutable_validator();
  v->mutable_signing_key()->mutable_secret()->set_secret_name("sign");
  v->mutable_node_key()->mutable_secret()->set_secret_name("nodekey");
  auto* ring = v->mutable_operator_keyring()->mutable_secret();
  ring->set_secret_name("ring");
  ring->mutable_passphrase_secret_ref()->set_secret_name("ring-pass");
  ring->mutable_passphrase_secret_ref()->set_key("pw");
  testing::AddStaticPeer(&node, {"id@h:26656"});
  return node;
}

v1alpha1::SeiNode ExampleE() {
  v1alpha1::SeiNode node = testing::BareNode();
  testing::EnablePublish(node.mutable_spec()->mutable_archive()->mutable_snapshot_generation(),
                         2);
  testing::AddLabelPeer(&node);
  return node;
}

v1alpha1::SeiNode ExampleF() {
  v1alpha1::SeiNode node = testing::BareNode();
  testing::AddS3Snapshot(node.mutable_spec()->mutable_replayer()->mutable_snapshot(), 1000);
  testing::AddStaticPeer(&node, {"id@h:26656"});
  return node;
}

v1alpha1::SeiNode ExampleG() {
  v1alpha1::SeiNode node = ExampleF();
  node.mutable_spec()->mutable_replayer()->mutable_snapshot()->set_bootstrap_image("seid:boot");
  return node;
}

const char kInfra[] = "ensure-data-pvc apply-rbac-proxy-config apply-statefulset apply-service ";

TEST_CASE("Example A: full, S3, peers, publish", "[builder][examples]") {
  TaskPlan plan = Init(ExampleA());
  CHECK(PlanTaskTypes(plan) ==
        Split(std::string(kInfra) +
              "snapshot-restore configure-genesis config-apply discover-peers "
              "configure-state-sync config-validate snapshot-upload mark-ready"));
  // The §3 test vectors: the seeds of tasks 0 and 11 of this very plan.
  CHECK(plan.id() == testing::kPlanId);
  CHECK(plan.tasks(0).id() == "859d8a92-8a4f-5ce6-a0b0-ace7c5793bc4");
  CHECK(plan.tasks(11).type() == "mark-ready");
  CHECK(plan.tasks(11).id() == "b114c99f-bb2d-52b7-870b-12507716c9fa");
}

TEST_CASE("Example B: full, stateSync, peers", "[builder][examples]") {
  CHECK(PlanTaskTypes(Init(ExampleB())) ==
        Split(std::string(kInfra) +
              "configure-genesis config-apply discover-peers configure-state-sync "
              "config-validate mark-ready"));
}

TEST_CASE("Example C: full, no snapshot, no peers", "[builder][examples]") {
  CHECK(PlanTaskTypes(Init(testing::FullNode())) ==
        Split(std::string(kInfra) + "configure-genesis config-apply config-validate mark-ready"));
}

TEST_CASE("Example D: validator with all three secrets, peers", "[builder][examples]") {
  CHECK(PlanTaskTypes(Init(ExampleD())) ==
        Split("ensure-data-pvc validate-signing-key validate-node-key validate-operator-keyring "
              "apply-rbac-proxy-config apply-statefulset apply-service configure-genesis "
              "config-apply discover-peers config-validate mark-ready"));
}

TEST_CASE("Example E: archive, peers, publish", "[builder][examples]") {
  CHECK(PlanTaskTypes(Init(ExampleE())) ==
        Split(std::string(kInfra) +
              "configure-genesis config-apply discover-peers config-validate snapshot-upload "
              "mark-ready"));
}

TEST_CASE("Example F: replayer without bootstrapImage", "[builder][examples]") {
  CHECK(PlanTaskTypes(Init(ExampleF())) ==
        Split(std::string(kInfra) +
              "snapshot-restore configure-genesis config-apply discover-peers "
              "configure-state-sync config-validate mark-ready"));
}

TEST_CASE("Example G: replayer with bootstrapImage, peers", "[builder][examples]") {
  CHECK(PlanTaskTypes(Init(ExampleG())) ==
        Split("ensure-data-pvc apply-rbac-proxy-config deploy-bootstrap-service "
              "deploy-bootstrap-job snapshot-restore configure-genesis config-apply "
              "discover-peers configure-state-sync config-validate mark-ready "
              "await-bootstrap-complete teardown-bootstrap apply-statefulset apply-service "
              "configure-genesis config-apply discover-peers config-validate mark-ready"));
}

TEST_CASE("Every init plan is Active, Pending, with IDs, budgets and phases", "[builder]") {
  for (const v1alpha1::SeiNode& node :
       {ExampleA(), ExampleB(), testing::FullNode(), ExampleD(), ExampleE(), ExampleF(),
        ExampleG()}) {
    TaskPlan plan = Init(node);
    CHECK(plan.phase() == v1alpha1::PLAN_PHASE_ACTIVE);
    CHECK(plan.target_phase() == v1alpha1::NODE_PHASE_RUNNING);
    CHECK(plan.failed_phase() == v1alpha1::NODE_PHASE_FAILED);
    CHECK_FALSE(plan.has_failed_task_index());
    for (int i = 0; i < plan.tasks_size(); ++i) {
      const v1alpha1::PlannedTask& task = plan.tasks(i);
      CHECK(task.status() == v1alpha1::TASK_STATUS_PENDING);
      CHECK(task.id() == TaskId(plan.id(), task.type(), i));
      CHECK(task.max_retries() == LookupTaskType(task.type())->max_retries);
      CHECK(task.retry_count() == 0);
      CHECK_FALSE(task.has_submitted_at());
      CHECK(task.params().has_struct_value());
    }
  }
  TaskPlan a = Init(ExampleA());
  CHECK(a.tasks(IndexOf(a, "configure-genesis")).max_retries() == 180);
  CHECK(a.tasks(IndexOf(a, "discover-peers")).max_retries() == 20);
  CHECK(a.tasks(IndexOf(a, "config-apply")).max_retries() == 0);
}

TEST_CASE("Plan and task IDs are deterministic given the ID source", "[builder]") {
  PlanContext context = Context();
  auto first = BuildPlan(ExampleA(), context);
  auto second = BuildPlan(ExampleA(), context);
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK((*first)->id() == testing::kPlanId);
  CHECK((*second)->id() == "plan-2");
  CHECK((*second)->tasks(0).id() == TaskId("plan-2", "ensure-data-pvc", 0));
  CHECK((*first)->tasks(0).id() != (*second)->tasks(0).id());

  auto again = BuildPlan(ExampleA(), Context());
  REQUIRE(again.ok());
  CHECK(testing::SameMessage(**again, **first));
}

TEST_CASE("A missing or empty plan ID source is an error", "[builder]") {
  PlanContext context;
  CHECK_FALSE(BuildPlan(ExampleA(), context).ok());
  context.new_plan_id = [] { return std::string(); };
  CHECK_FALSE(BuildPlan(ExampleA(), context).ok());
}

TEST_CASE("Conditional tasks", "[builder]") {
  SECTION("discover-peers only with peers, any source type") {
    CHECK_FALSE(Has(Init(testing::FullNode()), "discover-peers"));
    v1alpha1::SeiNode node = testing::FullNode();
    testing::AddLabelPeer(&node);
    CHECK(Has(Init(node), "discover-peers"));
  }
  SECTION("configure-state-sync with S3 or stateSync, not without a snapshot") {
    CHECK(Has(Init(ExampleA()), "configure-state-sync"));
    CHECK(Has(Init(ExampleB()), "configure-state-sync"));
    CHECK_FALSE(Has(Init(testing::FullNode()), "configure-state-sync"));
    CHECK_FALSE(Has(Init(ExampleE()), "configure-state-sync"));
  }
  SECTION("snapshot-restore only for S3") {
    CHECK(Has(Init(ExampleA()), "snapshot-restore"));
    CHECK_FALSE(Has(Init(ExampleB()), "snapshot-restore"));
  }
  SECTION("snapshot-upload only with publish") {
    v1alpha1::SeiNode full = ExampleA();
    full.mutable_spec()->mutable_full_node()->mutable_snapshot_generation()
        ->mutable_tendermint()->clear_publish();
    CHECK_FALSE(Has(Init(full), "snapshot-upload"));
    v1alpha1::SeiNode archive = testing::BareNode();
    archive.mutable_spec()->mutable_archive();
    CHECK_FALSE(Has(Init(archive), "snapshot-upload"));
    CHECK(Has(Init(ExampleE()), "snapshot-upload"));
    CHECK_FALSE(Has(Init(ExampleD()), "snapshot-upload"));
    CHECK_FALSE(Has(Init(ExampleF()), "snapshot-upload"));
  }
  SECTION("validate-* only with their secrets") {
    v1alpha1::SeiNode observer = testing::BareNode();
    observer.mutable_spec()->mutable_validator();
    CHECK(PlanTaskTypes(Init(observer)) ==
          Split(std::string(kInfra) + "configure-genesis config-apply config-validate mark-ready"));

    v1alpha1::SeiNode keys = ExampleD();
    keys.mutable_spec()->mutable_validator()->clear_operator_keyring();
    TaskPlan plan = Init(keys);
    CHECK(Has(plan, "validate-signing-key"));
    CHECK(Has(plan, "validate-node-key"));
    CHECK_FALSE(Has(plan, "validate-operator-keyring"));

    v1alpha1::SeiNode ring_only = ExampleD();
    ring_only.mutable_spec()->mutable_validator()->clear_signing_key();
    ring_only.mutable_spec()->mutable_validator()->clear_node_key();
    plan = Init(ring_only);
    CHECK_FALSE(Has(plan, "validate-signing-key"));
    CHECK_FALSE(Has(plan, "validate-node-key"));
    CHECK(IndexOf(plan, "validate-operator-keyring") == 1);
  }
}

TEST_CASE("Validator variants mirror the full-node progressions", "[builder]") {
  v1alpha1::SeiNode s3 = testing::BareNode();
  testing::AddS3Snapshot(s3.mutable_spec()->mutable_validator()->mutable_snapshot(), 7);
  CHECK(PlanTaskTypes(Init(s3)) ==
        Split(std::string(kInfra) +
              "snapshot-restore configure-genesis config-apply configure-state-sync "
              "config-validate mark-ready"));
  CHECK(ParamsOf(Init(s3), "config-apply") ==
        R"({"mode":"validator","overrides":{"logging.level":"info"}})");
}

TEST_CASE("Bootstrap plan: gates after apply-rbac-proxy-config", "[builder]") {
  v1alpha1::SeiNode node = ExampleD();
  auto* snapshot = node.mutable_spec()->mutable_validator()->mutable_snapshot();
  testing::AddS3Snapshot(snapshot, 500);
  snapshot->set_bootstrap_image("seid:boot");
  CHECK(PlanTaskTypes(Init(node)) ==
        Split("ensure-data-pvc apply-rbac-proxy-config validate-signing-key validate-node-key "
              "validate-operator-keyring deploy-bootstrap-service deploy-bootstrap-job "
              "snapshot-restore configure-genesis config-apply discover-peers "
              "configure-state-sync config-validate mark-ready await-bootstrap-complete "
              "teardown-bootstrap apply-statefulset apply-service configure-genesis "
              "config-apply discover-peers config-validate mark-ready"));
}

TEST_CASE("Bootstrap plan: snapshot-upload only for the production pod", "[builder]") {
  v1alpha1::SeiNode node = ExampleA();
  node.mutable_spec()->mutable_full_node()->mutable_snapshot()->set_bootstrap_image("seid:boot");
  TaskPlan plan = Init(node);
  CHECK(PlanTaskTypes(plan) ==
        Split("ensure-data-pvc apply-rbac-proxy-config deploy-bootstrap-service "
              "deploy-bootstrap-job snapshot-restore configure-genesis config-apply "
              "discover-peers configure-state-sync config-validate mark-ready "
              "await-bootstrap-complete teardown-bootstrap apply-statefulset apply-service "
              "configure-genesis config-apply discover-peers config-validate snapshot-upload "
              "mark-ready"));
  // Both copies of a type get distinct IDs (the index differs).
  CHECK(plan.tasks(IndexOf(plan, "config-apply", 0)).id() !=
        plan.tasks(IndexOf(plan, "config-apply", 1)).id());
  // Same config intent in both halves.
  CHECK(ParamsOf(plan, "config-apply", 0) == ParamsOf(plan, "config-apply", 1));
}

TEST_CASE("Init plan params", "[builder]") {
  v1alpha1::SeiNode node = ExampleA();
  node.mutable_spec()->set_external_address("ext:26656");
  (*node.mutable_spec()->mutable_overrides())["logging.level"] = "debug";
  TaskPlan plan = Init(node);
  CHECK(ParamsOf(plan, "ensure-data-pvc") == R"({"namespace":"sei","nodeName":"node-a"})");
  CHECK(ParamsOf(plan, "snapshot-restore") == R"({"TargetHeight":198740000})");
  CHECK(ParamsOf(plan, "configure-state-sync") ==
        R"({"BackfillBlocks":0,"RpcServers":null,"TrustPeriod":"","UseLocalSnapshot":true})");
  CHECK(ParamsOf(plan, "discover-peers") ==
        R"({"Sources":[{"region":"eu-central-1","tags":{"ChainIdentifier":"pacific-1"},)"
        R"("type":"ec2Tags"}]})");
  CHECK(ParamsOf(plan, "config-apply") ==
        R"({"mode":"full","overrides":{"chain.min_retain_blocks":"50000",)"
        R"("logging.level":"info","network.p2p.external_address":"ext:26656",)"
        R"("network.p2p.max_connections":"500","network.p2p.recv_rate":"20971520",)"
        R"("network.p2p.send_rate":"20971520","storage.pruning_keep_every":"0",)"
        R"("storage.pruning_keep_recent":"50000","storage.snapshot_interval":"2000",)"
        R"("storage.snapshot_keep_recent":"2"}})");
  CHECK(ParamsOf(plan, "mark-ready") == "{}");

  absl::StatusOr<PlanBuild> build = BuildPlanForNode(node, Context());
  REQUIRE(build.ok());
  CHECK(build->override_notes ==
        std::vector<std::string>{"rejecting user override logging.level=debug: forced to info"});
  CHECK_FALSE(build->update_started_message.has_value());
}

TEST_CASE("Bootstrap params: snapshot source for the Job, none after", "[builder]") {
  TaskPlan plan = Init(ExampleG());
  CHECK(ParamsOf(plan, "snapshot-restore") == R"({"TargetHeight":1000})");
  CHECK(ParamsOf(plan, "configure-state-sync") ==
        R"({"BackfillBlocks":0,"RpcServers":null,"TrustPeriod":"","UseLocalSnapshot":true})");
  CHECK(ParamsOf(plan, "deploy-bootstrap-job") ==
        R"({"jobName":"node-a-bootstrap","namespace":"sei"})");
  CHECK(ParamsOf(plan, "teardown-bootstrap") ==
        R"({"jobName":"node-a-bootstrap","namespace":"sei","serviceName":"node-a"})");
  CHECK(ParamsOf(plan, "config-apply", 0) ==
        R"({"mode":"full","overrides":{"logging.level":"info",)"
        R"("storage.state_commit.async_commit_buffer":"100",)"
        R"("storage.state_commit.memiavl.snapshot_keep_recent":"2",)"
        R"("storage.state_commit.memiavl.snapshot_min_time_interval":"3600"}})");
}

v1alpha1::SeiNode CeremonyNode() {
  v1alpha1::SeiNode node = testing::BareNode();
  auto* ceremony = node.mutable_spec()->mutable_validator()->mutable_genesis_ceremony();
  ceremony->set_chain_id("arctic-9");
  ceremony->set_staking_amount("10usei");
  ceremony->set_account_balance("100usei");
  return node;
}

TEST_CASE("Genesis-ceremony init plan", "[builder]") {
  v1alpha1::SeiNode node = CeremonyNode();
  testing::AddStaticPeer(&node, {"id@h:26656"});  // still no discover-peers
  // operatorKeyring does not add a gate to ceremony plans.
  auto* ring = node.mutable_spec()->mutable_validator()->mutable_operator_keyring()
                   ->mutable_secret();
  ring->set_secret_name("ring");
  ring->mutable_passphrase_secret_ref()->set_secret_name("pass");
  TaskPlan plan = Init(node);
  CHECK(PlanTaskTypes(plan) ==
        Split(std::string(kInfra) +
              "generate-identity generate-gentx upload-genesis-artifacts configure-genesis "
              "config-apply set-genesis-peers config-validate mark-ready"));
  CHECK(plan.tasks(7).max_retries() == 180);
  CHECK(plan.target_phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK(plan.failed_phase() == v1alpha1::NODE_PHASE_FAILED);
  CHECK(ParamsOf(plan, "generate-identity") == R"({"ChainID":"arctic-9","Moniker":"node-a"})");
  CHECK(ParamsOf(plan, "config-apply") ==
        R"({"mode":"validator","overrides":{"logging.level":"info"}})");
}

v1alpha1::SeiNode RunningNode(v1alpha1::SeiNode node) {
  node.mutable_status()->set_phase(v1alpha1::NODE_PHASE_RUNNING);
  node.mutable_status()->set_current_image(node.spec().image());
  node.mutable_status()->set_current_sidecar_image("sidecar:default");
  return node;
}

TEST_CASE("NodeUpdate plan", "[builder]") {
  const std::string seven =
      "apply-statefulset apply-service config-patch config-validate replace-pod observe-image "
      "mark-ready";
  SECTION("full node") {
    v1alpha1::SeiNode node = RunningNode(testing::FullNode());
    node.mutable_spec()->set_image("seid:v3");
    node.mutable_spec()->set_external_address("ext:26656");
    absl::StatusOr<PlanBuild> build = BuildPlanForNode(node, Context());
    REQUIRE(build.ok());
    REQUIRE(build->plan.has_value());
    const TaskPlan& plan = *build->plan;
    CHECK(PlanTaskTypes(plan) == Split(seven));
    CHECK(plan.target_phase() == v1alpha1::NODE_PHASE_RUNNING);
    CHECK(plan.failed_phase() == v1alpha1::NODE_PHASE_UNSPECIFIED);
    CHECK(plan.tasks(4).max_retries() == 3);
    CHECK(ParamsOf(plan, "config-patch") ==
          R"({"files":{"config.toml":{"p2p":{"external-address":"ext:26656"}}}})");
    CHECK(ParamsOf(plan, "replace-pod") == R"({"namespace":"sei","nodeName":"node-a"})");
    CHECK(build->update_started_message == "image drift detected: spec=seid:v3 current=seid:v2");
    CHECK(build->override_notes.empty());
  }
  SECTION("validator: gates first") {
    v1alpha1::SeiNode node = RunningNode(ExampleD());
    node.mutable_spec()->set_image("seid:v3");
    auto plan = BuildNodeUpdatePlan(node, Context());
    REQUIRE(plan.ok());
    CHECK(PlanTaskTypes(*plan) ==
          Split("validate-signing-key validate-node-key validate-operator-keyring " + seven));
  }
  SECTION("genesis-ceremony validator: no gates") {
    v1alpha1::SeiNode node = RunningNode(CeremonyNode());
    node.mutable_spec()->set_image("seid:v3");
    auto plan = BuildNodeUpdatePlan(node, Context());
    REQUIRE(plan.ok());
    CHECK(PlanTaskTypes(*plan) == Split(seven));
  }
}

TEST_CASE("Running node: mark-ready re-approval and nothing to do", "[builder]") {
  v1alpha1::SeiNode node = RunningNode(testing::FullNode());
  int ids_taken = 0;
  PlanContext context = Context();
  context.new_plan_id = [&ids_taken] {
    ++ids_taken;
    return std::string("p-") + std::to_string(ids_taken);
  };
  absl::StatusOr<std::optional<TaskPlan>> none = BuildPlan(node, context);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());
  CHECK(ids_taken == 0);

  auto* condition = node.mutable_status()->add_conditions();
  condition->set_type("SidecarReady");
  condition->set_status("Unknown");
  condition->set_reason("Unreachable");
  none = BuildPlan(node, context);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_value());

  condition->set_status("False");
  condition->set_reason("NotReady");
  auto plan = BuildPlan(node, context);
  REQUIRE(plan.ok());
  REQUIRE(plan->has_value());
  CHECK(PlanTaskTypes(**plan) == Split("mark-ready"));
  CHECK((*plan)->target_phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK((*plan)->failed_phase() == v1alpha1::NODE_PHASE_UNSPECIFIED);
  CHECK((*plan)->tasks(0).id() == TaskId("p-1", "mark-ready", 0));
  auto again = BuildPlan(node, context);
  REQUIRE(again.ok());
  CHECK((*again)->tasks(0).id() == TaskId("p-2", "mark-ready", 0));
}

TEST_CASE("BuildPlan validates and selects the mode first", "[builder]") {
  v1alpha1::SeiNode none = testing::BareNode();
  auto result = BuildPlan(none, Context());
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().message() == "no mode sub-spec set on SeiNode sei/node-a");

  v1alpha1::SeiNode replayer = testing::BareNode();
  replayer.mutable_spec()->mutable_replayer();
  result = BuildPlan(replayer, Context());
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().message() == "replayer requires an S3 snapshot source");
}

}  // namespace
}  // namespace sei::planner
