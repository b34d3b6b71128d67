// BuildWireRequest for every sidecar type of the plans: the exact JSON each
// persisted shape (plans.md §9) becomes on the wire (sidecar-protocol.md §7),
// each client-validation failure (D2), and the D9 recompute of discover-peers
// sources from the live node.
#include "lib/tasks/sidecar/wire_request.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "lib/api/json_codec.h"
#include "lib/planner/core/node_mode.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/plan/config_intent.h"
#include "lib/planner/plan/task_params.h"

namespace sei::tasks {
namespace {

using absl::StatusCode;
using nlohmann::json;

constexpr char kId[] = "5b0c6f1e-2d3a-5c4b-8e9f-0a1b2c3d4e5f";
constexpr char kSeiAddress[] = "sei1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnw6qvhc";

v1alpha1::SeiNode Node(const json& spec, const json& status = json::object()) {
  v1alpha1::SeiNode node;
  const json manifest = {{"apiVersion", "sei.io/v1alpha1"},
                         {"kind", "SeiNode"},
                         {"metadata", {{"name", "node-a"}, {"namespace", "sei"}}},
                         {"spec", spec},
                         {"status", status}};
  absl::Status decoded = api::DecodeMessage(manifest, &node, {}, nullptr);
  INFO(decoded.ToString());
  REQUIRE(decoded.ok());
  return node;
}

v1alpha1::SeiNode PlainNode() {
  return Node({{"chainId", "pacific-1"}, {"fullNode", json::object()}});
}

v1alpha1::PlannedTask Task(absl::string_view type, const json& params) {
  v1alpha1::PlannedTask task;
  task.set_type(std::string(type));
  task.set_id(kId);
  if (!params.is_null()) {
    absl::Status decoded = api::DecodeMessage(params, task.mutable_params(), {}, nullptr);
    REQUIRE(decoded.ok());
  }
  return task;
}

// The POST body's params (null = sent without params).
json WireParams(absl::string_view type, const json& persisted,
                const v1alpha1::SeiNode& node = PlainNode()) {
  absl::StatusOr<sidecar::TaskRequest> request = BuildWireRequest(Task(type, persisted), node);
  INFO(request.status().ToString());
  REQUIRE(request.ok());
  CHECK(request->id == kId);
  CHECK(request->type == type);
  return request->params;
}

absl::Status Error(absl::string_view type, const json& persisted,
                   const v1alpha1::SeiNode& node = PlainNode()) {
  absl::StatusOr<sidecar::TaskRequest> request = BuildWireRequest(Task(type, persisted), node);
  REQUIRE_FALSE(request.ok());
  return request.status();
}

void CheckInvalid(absl::string_view type, const json& persisted, const std::string& message) {
  absl::Status status = Error(type, persisted);
  CHECK(status.code() == StatusCode::kInvalidArgument);
  CHECK(status.message() == message);
}

TEST_CASE("snapshot-restore sends targetHeight only when positive", "[tasks][wire]") {
  CHECK(WireParams("snapshot-restore", {{"TargetHeight", 199500000}}) ==
        json{{"targetHeight", 199500000}});
  CHECK(WireParams("snapshot-restore", {{"TargetHeight", 0}}).is_null());
  CHECK(WireParams("snapshot-restore", json::object()).is_null());
  CHECK(WireParams("snapshot-restore", nullptr).is_null());
  CheckInvalid("snapshot-restore", {{"TargetHeight", "10"}},
               "decoding snapshot-restore params: TargetHeight must be an integer");
  CheckInvalid("snapshot-restore", "10",
               "decoding snapshot-restore params: the params must be an object");
}

TEST_CASE("Parameterless types send no params", "[tasks][wire]") {
  for (const char* type : {"configure-genesis", "config-validate", "mark-ready", "snapshot-upload",
                           "set-genesis-peers"}) {
    INFO(type);
    CHECK(WireParams(type, json::object()).is_null());
    CHECK(WireParams(type, {{"stale", 1}}).is_null());
  }
}

TEST_CASE("config-apply sends the four intent fields", "[tasks][wire]") {
  const json overrides = {{"evm.http_port", "8545"}, {"logging.level", "info"}};
  CHECK(WireParams("config-apply", {{"mode", "full"}, {"overrides", overrides}}) ==
        json{{"mode", "full"},
             {"incremental", false},
             {"targetVersion", 0},
             {"overrides", overrides}});
  // Empty overrides are left out; persisted incremental is carried over.
  CHECK(WireParams("config-apply", {{"mode", "archive"}, {"incremental", true}}) ==
        json{{"mode", "archive"}, {"incremental", true}, {"targetVersion", 0}});
}

TEST_CASE("config-apply validation", "[tasks][wire]") {
  CheckInvalid("config-apply", {{"mode", "bogus"}},
               "validating config-apply: mode \"bogus\" is not one of validator, full, seed, "
               "archive");
  CheckInvalid("config-apply", json::object(), "validating config-apply: mode is required");
  CheckInvalid("config-apply", {{"mode", "full"}, {"targetVersion", 3}},
               "validating config-apply: targetVersion 3 is not supported (only 0, the sidecar's "
               "current schema)");
  for (const char* key : {"nodots", "a..b", ".a", "evm.http port"}) {
    INFO(key);
    CheckInvalid("config-apply", {{"mode", "full"}, {"overrides", {{key, "1"}}}},
                 std::string("validating config-apply: override key \"") + key +
                     "\" is not a dotted sei-config key (section.key)");
  }
  CheckInvalid("config-apply", {{"mode", "full"}, {"overrides", {{"a.b", 1}}}},
               "decoding config-apply params: overrides.a.b must be a string");
}

TEST_CASE("config-patch sends the files verbatim", "[tasks][wire]") {
  const json files = {{"config.toml", {{"p2p", {{"external-address", ""}}}}},
                      {"app.toml", {{"api", {{"enable", true}}}, {"old", nullptr}}}};
  CHECK(WireParams("config-patch", {{"files", files}}) == json{{"files", files}});
  CheckInvalid("config-patch", {{"files", json::object()}},
               "validating config-patch: at least one file is required");
  CheckInvalid("config-patch", json::object(),
               "validating config-patch: at least one file is required");
  CheckInvalid("config-patch", {{"files", {{"config.toml", "x"}}}},
               "decoding config-patch params: files.config.toml must be an object");
}

TEST_CASE("configure-state-sync sends only the set fields", "[tasks][wire]") {
  CHECK(WireParams("configure-state-sync", {{"UseLocalSnapshot", true},
                                            {"TrustPeriod", "9999h0m0s"},
                                            {"BackfillBlocks", 500},
                                            {"RpcServers", {"a:26657", "b:26657"}}}) ==
        json{{"useLocalSnapshot", true},
             {"trustPeriod", "9999h0m0s"},
             {"backfillBlocks", 500},
             {"rpcServers", {"a:26657", "b:26657"}}});
  CHECK(WireParams("configure-state-sync", {{"UseLocalSnapshot", false},
                                            {"TrustPeriod", ""},
                                            {"BackfillBlocks", 0},
                                            {"RpcServers", nullptr}})
            .is_null());
  CHECK(WireParams("configure-state-sync", {{"BackfillBlocks", 7}}) == json{{"backfillBlocks", 7}});
}

TEST_CASE("Genesis-ceremony types rename the capitalised fields", "[tasks][wire]") {
  CHECK(WireParams("generate-identity", {{"ChainID", "sei-test"}, {"Moniker", "val-0"}}) ==
        json{{"chainId", "sei-test"}, {"moniker", "val-0"}});
  CHECK(WireParams("generate-gentx", {{"ChainID", "sei-test"},
                                      {"StakingAmount", "10000000usei"},
                                      {"AccountBalance", "1000000000usei"}}) ==
        json{{"chainId", "sei-test"},
             {"stakingAmount", "10000000usei"},
             {"accountBalance", "1000000000usei"}});
  CHECK(WireParams("upload-genesis-artifacts", {{"NodeName", "val-0"}}) ==
        json{{"nodeName", "val-0"}});
  // camelCase persisted keys read too (case-insensitive, plans.md §9).
  CHECK(WireParams("upload-genesis-artifacts", {{"nodeName", "val-1"}}) ==
        json{{"nodeName", "val-1"}});
}

TEST_CASE("Genesis-ceremony validation", "[tasks][wire]") {
  CheckInvalid("generate-identity", {{"ChainID", "sei-test"}, {"Moniker", ""}},
               "validating generate-identity: moniker is required");
  CheckInvalid("generate-identity", {{"Moniker", "m"}},
               "validating generate-identity: chainId is required");
  CheckInvalid("generate-gentx", {{"ChainID", "c"}, {"AccountBalance", "1usei"}},
               "validating generate-gentx: stakingAmount is required");
  CheckInvalid("generate-gentx", {{"ChainID", "c"}, {"StakingAmount", "1usei"}},
               "validating generate-gentx: accountBalance is required");
  CheckInvalid("upload-genesis-artifacts", json::object(),
               "validating upload-genesis-artifacts: nodeName is required");
  CheckInvalid("generate-identity", {{"ChainID", 5}},
               "decoding generate-identity params: ChainID must be a string");
}

json Assemble() {
  return {{"accountBalance", "1000usei"},
          {"namespace", "sei"},
          {"nodes", {{{"name", "val-0"}}, {{"name", "val-1"}}}},
          {"accounts", {{{"address", kSeiAddress}, {"balance", "5usei"}}}},
          {"overrides", {{"app_state.staking.params.unbonding_time", "60s"}}}};
}

TEST_CASE("assemble-and-upload-genesis", "[tasks][wire]") {
  CHECK(WireParams("assemble-and-upload-genesis", Assemble()) == Assemble());
  // Capitalised persisted keys; no accounts or overrides → left out.
  CHECK(WireParams("assemble-and-upload-genesis", {{"AccountBalance", "1usei"},
                                                   {"Namespace", "sei"},
                                                   {"Nodes", {{{"Name", "val-0"}}}},
                                                   {"Accounts", nullptr}}) ==
        json{{"accountBalance", "1usei"}, {"namespace", "sei"}, {"nodes", {{{"name", "val-0"}}}}});
}

TEST_CASE("assemble-and-upload-genesis validation", "[tasks][wire]") {
  const std::string prefix = "validating assemble-and-upload-genesis: ";
  json p = Assemble();
  p["accountBalance"] = "";
  CheckInvalid("assemble-and-upload-genesis", p, prefix + "accountBalance is required");
  p = Assemble();
  p.erase("namespace");
  CheckInvalid("assemble-and-upload-genesis", p, prefix + "namespace is required");
  p = Assemble();
  p["nodes"] = json::array();
  CheckInvalid("assemble-and-upload-genesis", p, prefix + "at least one node is required");
  p = Assemble();
  p["accounts"][0]["address"] = "cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnrk363e";
  CheckInvalid("assemble-and-upload-genesis", p,
               prefix +
                   "accounts[0]: address \"cosmos1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnrk363e\" is not "
                   "a bech32 address with prefix sei");
  p = Assemble();
  p["accounts"][0].erase("address");
  CheckInvalid("assemble-and-upload-genesis", p, prefix + "accounts[0]: address is required");
  p = Assemble();
  p["accounts"][0]["balance"] = "";
  CheckInvalid("assemble-and-upload-genesis", p, prefix + "accounts[0]: balance is required");
  p = Assemble();
  p["nodes"] = "val-0";
  CheckInvalid("assemble-and-upload-genesis", p,
               "decoding assemble-and-upload-genesis params: nodes must be a list of objects");
}

// ---- discover-peers (D9) ----

const json kStaticPeer = {{"static", {{"addresses", {"aa@10.0.0.1:26656"}}}}};
const json kEc2Peer = {{"ec2Tags", {{"region", "eu-central-1"}, {"tags", {{"Component", "rpc"}}}}}};
const json kLabelPeer = {{"label", {{"selector", {{"sei.io/chain", "pacific-1"}}}}}};

v1alpha1::SeiNode PeeredNode(const json& peers, const json& resolved = json::array()) {
  return Node({{"chainId", "pacific-1"}, {"fullNode", json::object()}, {"peers", peers}},
              {{"resolvedPeers", resolved}});
}

TEST_CASE("discover-peers sends the live node's sources in spec order", "[tasks][wire]") {
  const v1alpha1::SeiNode node =
      PeeredNode({kStaticPeer, kEc2Peer, kLabelPeer}, {"bb@b:26656", "cc@c:26656"});
  // The persisted sources are stale on purpose: they are not what is sent.
  CHECK(WireParams("discover-peers", {{"Sources", nullptr}}, node) ==
        json{{"sources",
              {{{"type", "static"}, {"addresses", {"aa@10.0.0.1:26656"}}},
               {{"type", "ec2Tags"}, {"region", "eu-central-1"}, {"tags", {{"Component", "rpc"}}}},
               {{"type", "static"}, {"addresses", {"bb@b:26656", "cc@c:26656"}}}}}});
}

TEST_CASE("discover-peers drops unresolved label sources", "[tasks][wire]") {
  const v1alpha1::SeiNode node = PeeredNode({kLabelPeer, kStaticPeer});
  CHECK(WireParams("discover-peers", json::object(), node) ==
        json{{"sources", {{{"type", "static"}, {"addresses", {"aa@10.0.0.1:26656"}}}}}});
}

TEST_CASE("discover-peers with only unresolved labels is a failed attempt, then recovers",
          "[tasks][wire]") {
  // Built while nothing resolved: the plan froze an empty static source.
  const json frozen = {{"Sources", {{{"type", "static"}}}}};
  absl::Status status = Error("discover-peers", frozen, PeeredNode(json::array({kLabelPeer})));
  CHECK(status.code() == StatusCode::kFailedPrecondition);
  CHECK(status.message() == "no usable peer sources (label selectors unresolved)");

  // Peers resolve later: the same planned task now sends them.
  CHECK(
      WireParams("discover-peers", frozen, PeeredNode(json::array({kLabelPeer}), {"dd@d:26656"})) ==
      json{{"sources", {{{"type", "static"}, {"addresses", {"dd@d:26656"}}}}}});
}

TEST_CASE("discover-peers validation rejects unusable spec sources", "[tasks][wire]") {
  absl::Status empty_static = Error("discover-peers", json::object(),
                                    PeeredNode({{{"static", {{"addresses", json::array()}}}}}));
  CHECK(empty_static.code() == StatusCode::kInvalidArgument);
  CHECK(empty_static.message() ==
        "validating discover-peers: source[0]: static requires at least one address");

  absl::Status no_region =
      Error("discover-peers", json::object(),
            PeeredNode({kStaticPeer, {{"ec2Tags", {{"region", ""}, {"tags", {{"a", "b"}}}}}}}));
  CHECK(no_region.code() == StatusCode::kInvalidArgument);
  CHECK(no_region.message() == "validating discover-peers: source[1]: ec2Tags requires a region");

  absl::Status no_tags = Error("discover-peers", json::object(),
                               PeeredNode({{{"ec2Tags", {{"region", "us-east-2"}}}}}));
  CHECK(no_tags.message() ==
        "validating discover-peers: source[0]: ec2Tags requires at least one tag");
}

TEST_CASE("Types that are not plan sidecar tasks are rejected", "[tasks][wire]") {
  CheckInvalid("apply-statefulset", json::object(),
               "apply-statefulset is not a sidecar task of a node plan");
  CheckInvalid("gov-vote", json::object(), "gov-vote is not a sidecar task of a node plan");
  CheckInvalid("", json::object(), " is not a sidecar task of a node plan");
}

// ---- Round trip with the planner's own persisted params ----

TEST_CASE("Params the planner persists become the documented wire shapes", "[tasks][wire]") {
  const v1alpha1::SeiNode node =
      Node({{"chainId", "pacific-1"},
            {"externalAddress", "1.2.3.4:26656"},
            {"overrides", {{"evm.http_port", "8545"}}},
            {"peers", json::array({kLabelPeer})},
            {"fullNode",
             {{"snapshot",
               {{"s3", {{"targetHeight", 199500000}}},
                {"trustPeriod", "9999h0m0s"},
                {"backfillBlocks", 500}}}}}},
           {{"resolvedPeers", {"ee@e:26656"}}, {"resolvedRPCWitnesses", {"w:26657"}}});
  absl::StatusOr<planner::NodeMode> mode = planner::ModeOf(node);
  REQUIRE(mode.ok());
  const planner::ConfigIntent intent = planner::BuildConfigIntent(node.spec(), *mode);
  planner::TaskParamsInputs in;
  in.node = &node;
  in.snapshot = planner::SnapshotSourceOf(node.spec());
  in.config_intent = &intent;

  auto wire = [&](absl::string_view type) {
    absl::StatusOr<google::protobuf::Value> persisted = planner::BuildTaskParams(type, in);
    REQUIRE(persisted.ok());
    v1alpha1::PlannedTask task;
    task.set_type(std::string(type));
    task.set_id(kId);
    *task.mutable_params() = *persisted;
    absl::StatusOr<sidecar::TaskRequest> request = BuildWireRequest(task, node);
    INFO(request.status().ToString());
    REQUIRE(request.ok());
    return request->params;
  };

  CHECK(wire(planner::task_type::kSnapshotRestore) == json{{"targetHeight", 199500000}});
  CHECK(wire(planner::task_type::kConfigureGenesis).is_null());
  CHECK(wire(planner::task_type::kConfigApply) ==
        json{{"mode", "full"},
             {"incremental", false},
             {"targetVersion", 0},
             {"overrides",
              {{"evm.http_port", "8545"},
               {"logging.level", "info"},
               {"network.p2p.external_address", "1.2.3.4:26656"}}}});
  CHECK(wire(planner::task_type::kDiscoverPeers) ==
        json{{"sources", {{{"type", "static"}, {"addresses", {"ee@e:26656"}}}}}});
  CHECK(wire(planner::task_type::kConfigureStateSync) == json{{"useLocalSnapshot", true},
                                                              {"trustPeriod", "9999h0m0s"},
                                                              {"backfillBlocks", 500},
                                                              {"rpcServers", {"w:26657"}}});
  CHECK(wire(planner::task_type::kConfigPatch) ==
        json{{"files", {{"config.toml", {{"p2p", {{"external-address", "1.2.3.4:26656"}}}}}}}});
  CHECK(wire(planner::task_type::kConfigValidate).is_null());
  CHECK(wire(planner::task_type::kSnapshotUpload).is_null());
  CHECK(wire(planner::task_type::kMarkReady).is_null());
}

TEST_CASE("A genesis-ceremony node's persisted params round-trip", "[tasks][wire]") {
  const v1alpha1::SeiNode node = Node({{"chainId", "sei-test"},
                                       {"validator",
                                        {{"genesisCeremony",
                                          {{"chainId", "sei-test"},
                                           {"stakingAmount", "10000000usei"},
                                           {"accountBalance", "1000000000usei"},
                                           {"index", 0}}}}}});
  planner::TaskParamsInputs in;
  in.node = &node;
  auto wire = [&](absl::string_view type) {
    absl::StatusOr<google::protobuf::Value> persisted = planner::BuildTaskParams(type, in);
    REQUIRE(persisted.ok());
    v1alpha1::PlannedTask task;
    task.set_type(std::string(type));
    task.set_id(kId);
    *task.mutable_params() = *persisted;
    absl::StatusOr<sidecar::TaskRequest> request = BuildWireRequest(task, node);
    REQUIRE(request.ok());
    return request->params;
  };
  CHECK(wire(planner::task_type::kGenerateIdentity) ==
        json{{"chainId", "sei-test"}, {"moniker", "node-a"}});
  CHECK(wire(planner::task_type::kGenerateGentx) == json{{"chainId", "sei-test"},
                                                         {"stakingAmount", "10000000usei"},
                                                         {"accountBalance", "1000000000usei"}});
  CHECK(wire(planner::task_type::kUploadGenesisArtifacts) == json{{"nodeName", "node-a"}});
  CHECK(wire(planner::task_type::kSetGenesisPeers).is_null());
}

}  // namespace
}  // namespace sei::tasks
