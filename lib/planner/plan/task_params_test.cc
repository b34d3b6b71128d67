#include "lib/planner/plan/task_params.h"

#include <catch2/catch.hpp>

#include "lib/planner/core/task_catalog.h"
#include "lib/planner/plan/test_support.h"

namespace sei::planner {
namespace {

using testing::ToJson;

std::string ParamsJson(absl::string_view type, const TaskParamsInputs& in) {
  absl::StatusOr<google::protobuf::Value> params = BuildTaskParams(type, in);
  REQUIRE(params.ok());
  return ToJson(*params);
}

TEST_CASE("Controller task params are camelCase node references", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  for (absl::string_view type :
       {task_type::kEnsureDataPvc, task_type::kApplyStatefulSet, task_type::kApplyService,
        task_type::kApplyRbacProxyConfig, task_type::kReplacePod, task_type::kObserveImage}) {
    CHECK(ParamsJson(type, {&node}) == R"({"namespace":"sei","nodeName":"node-a"})");
  }
}

TEST_CASE("Bootstrap task params", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  CHECK(ParamsJson(task_type::kDeployBootstrapService, {&node}) ==
        R"({"namespace":"sei","serviceName":"node-a"})");
  CHECK(ParamsJson(task_type::kDeployBootstrapJob, {&node}) ==
        R"({"jobName":"node-a-bootstrap","namespace":"sei"})");
  CHECK(ParamsJson(task_type::kAwaitBootstrapComplete, {&node}) ==
        R"({"jobName":"node-a-bootstrap","namespace":"sei"})");
  CHECK(ParamsJson(task_type::kTeardownBootstrap, {&node}) ==
        R"({"jobName":"node-a-bootstrap","namespace":"sei","serviceName":"node-a"})");
}

TEST_CASE("Validate-* params", "[params]") {
  v1alpha1::SeiNode node = testing::BareNode();
  auto* v = node.mutable_spec()->mutable_validator();
  v->mutable_signing_key()->mutable_secret()->set_secret_name("sign");
  v->mutable_node_key()->mutable_secret()->set_secret_name("nk");
  auto* ring = v->mutable_operator_keyring()->mutable_secret();
  ring->set_secret_name("ring");
  ring->mutable_passphrase_secret_ref()->set_secret_name("ring-pass");
  ring->mutable_passphrase_secret_ref()->set_key("pw");
  CHECK(ParamsJson(task_type::kValidateSigningKey, {&node}) ==
        R"({"namespace":"sei","secretName":"sign"})");
  CHECK(ParamsJson(task_type::kValidateNodeKey, {&node}) ==
        R"({"namespace":"sei","secretName":"nk"})");
  CHECK(ParamsJson(task_type::kValidateOperatorKeyring, {&node}) ==
        R"({"keyName":"node_admin","namespace":"sei","passphraseSecretKey":"pw",)"
        R"("passphraseSecretName":"ring-pass","secretName":"ring"})");
  ring->set_key_name("ops");
  CHECK(ParamsJson(task_type::kValidateOperatorKeyring, {&node}) ==
        R"({"keyName":"ops","namespace":"sei","passphraseSecretKey":"pw",)"
        R"("passphraseSecretName":"ring-pass","secretName":"ring"})");
}

TEST_CASE("Sidecar params without payload are empty objects", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  for (absl::string_view type :
       {task_type::kConfigureGenesis, task_type::kConfigValidate, task_type::kMarkReady,
        task_type::kSnapshotUpload, task_type::kSetGenesisPeers}) {
    CHECK(ParamsJson(type, {&node}) == "{}");
  }
}

TEST_CASE("snapshot-restore persists TargetHeight", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  v1alpha1::SnapshotSource snapshot;
  testing::AddS3Snapshot(&snapshot, 198740000);
  CHECK(ParamsJson(task_type::kSnapshotRestore, {&node, &snapshot}) ==
        R"({"TargetHeight":198740000})");
  CHECK(ParamsJson(task_type::kSnapshotRestore, {&node, nullptr}) == R"({"TargetHeight":0})");
}

TEST_CASE("configure-state-sync persists all four Go fields", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  v1alpha1::SnapshotSource snapshot;
  snapshot.mutable_state_sync();
  CHECK(ParamsJson(task_type::kConfigureStateSync, {&node, &snapshot}) ==
        R"({"BackfillBlocks":0,"RpcServers":null,"TrustPeriod":"","UseLocalSnapshot":false})");

  testing::AddS3Snapshot(&snapshot, 5);
  snapshot.clear_state_sync();
  snapshot.set_trust_period("9999h0m0s");
  snapshot.set_backfill_blocks(100);
  node.mutable_status()->add_resolved_rpc_witnesses("p-0.p.sei.svc.cluster.local:26657");
  CHECK(ParamsJson(task_type::kConfigureStateSync, {&node, &snapshot}) ==
        R"({"BackfillBlocks":100,"RpcServers":["p-0.p.sei.svc.cluster.local:26657"],)"
        R"("TrustPeriod":"9999h0m0s","UseLocalSnapshot":true})");
}

TEST_CASE("discover-peers persists Sources", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  CHECK(ParamsJson(task_type::kDiscoverPeers, {&node}) == R"({"Sources":null})");
  testing::AddStaticPeer(&node, {"id@h:26656"});
  testing::AddLabelPeer(&node);
  node.mutable_status()->add_resolved_peers("r@x:26656");
  CHECK(ParamsJson(task_type::kDiscoverPeers, {&node}) ==
        R"({"Sources":[{"addresses":["id@h:26656"],"type":"static"},)"
        R"({"addresses":["r@x:26656"],"type":"static"}]})");
}

TEST_CASE("config-apply persists mode and overrides", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  ConfigIntent intent{"full", {{"logging.level", "info"}, {"evm.http_port", "8545"}}, {}};
  CHECK(ParamsJson(task_type::kConfigApply, {&node, nullptr, &intent}) ==
        R"({"mode":"full","overrides":{"evm.http_port":"8545","logging.level":"info"}})");
  CHECK_FALSE(BuildTaskParams(task_type::kConfigApply, {&node}).ok());
}

TEST_CASE("config-patch writes the external address", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  CHECK(ParamsJson(task_type::kConfigPatch, {&node}) ==
        R"({"files":{"config.toml":{"p2p":{"external-address":""}}}})");
  node.mutable_spec()->set_external_address("1.2.3.4:26656");
  CHECK(ParamsJson(task_type::kConfigPatch, {&node}) ==
        R"({"files":{"config.toml":{"p2p":{"external-address":"1.2.3.4:26656"}}}})");
}

TEST_CASE("Genesis ceremony params use Go field names", "[params]") {
  v1alpha1::SeiNode node = testing::BareNode();
  auto* ceremony = node.mutable_spec()->mutable_validator()->mutable_genesis_ceremony();
  ceremony->set_chain_id("arctic-9");
  ceremony->set_staking_amount("10usei");
  ceremony->set_account_balance("100usei");
  CHECK(ParamsJson(task_type::kGenerateIdentity, {&node}) ==
        R"({"ChainID":"arctic-9","Moniker":"node-a"})");
  CHECK(ParamsJson(task_type::kGenerateGentx, {&node}) ==
        R"({"AccountBalance":"100usei","ChainID":"arctic-9","StakingAmount":"10usei"})");
  CHECK(ParamsJson(task_type::kUploadGenesisArtifacts, {&node}) == R"({"NodeName":"node-a"})");
}

TEST_CASE("Types outside node plans have no build-time params", "[params]") {
  v1alpha1::SeiNode node = testing::FullNode();
  CHECK_FALSE(BuildTaskParams(task_type::kRestartPod, {&node}).ok());
  CHECK_FALSE(BuildTaskParams("bogus", {&node}).ok());
  CHECK_FALSE(BuildTaskParams(task_type::kMarkReady, {}).ok());
}

TEST_CASE("Params are read case-insensitively, exact match first", "[params]") {
  google::protobuf::Value params;
  auto& fields = *params.mutable_struct_value()->mutable_fields();
  fields["TargetHeight"].set_number_value(42);
  fields["UseLocalSnapshot"].set_bool_value(true);
  fields["trustperiod"].set_string_value("lower");
  fields["TrustPeriod"].set_string_value("exact");
  fields["Fraction"].set_number_value(1.5);

  CHECK(ParamInt64(params, "targetHeight") == 42);
  CHECK(ParamInt64(params, "TARGETHEIGHT") == 42);
  CHECK(ParamBool(params, "useLocalSnapshot") == true);
  CHECK(ParamString(params, "TrustPeriod") == "exact");
  CHECK(ParamString(params, "trustperiod") == "lower");
  CHECK(ParamString(params, "trustPeriod") == "exact");  // "TrustPeriod" < "trustperiod"
  CHECK(ParamInt64(params, "fraction") == std::nullopt);
  CHECK(ParamString(params, "targetHeight") == std::nullopt);  // wrong JSON type
  CHECK(FindParamField(params, "missing") == nullptr);

  google::protobuf::Value not_object;
  not_object.set_string_value("x");
  CHECK(FindParamField(not_object, "x") == nullptr);
}

}  // namespace
}  // namespace sei::planner
