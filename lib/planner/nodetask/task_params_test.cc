#include "lib/planner/nodetask/task_params.h"

#include <catch2/catch.hpp>

#include "lib/planner/nodetask/test_fixtures.h"

namespace sei::planner::nodetask {
namespace {

using google::protobuf::Struct;
using testing::MakeTarget;
using testing::MakeTask;

std::vector<std::string> Keys(const Struct& s) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : s.fields()) keys.push_back(key);
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string Str(const Struct& s, const std::string& key) {
  return s.fields().at(key).string_value();
}
double Num(const Struct& s, const std::string& key) { return s.fields().at(key).number_value(); }

TaskRequest Built(const v1alpha1::SeiNodeTask& task, const v1alpha1::SeiNode& target) {
  ParamsResult result = BuildTaskRequest(task, &target);
  INFO((result.failure ? result.failure->message : ""));
  REQUIRE_FALSE(result.failure.has_value());
  return result.request;
}

TEST_CASE("§13.3 keyName derivation", "[params]") {
  v1alpha1::SeiNode plain = MakeTarget();
  CHECK(DeriveKeyName("", plain) == "validator");
  CHECK(DeriveKeyName("ops", plain) == "ops");

  v1alpha1::SeiNode validator = MakeTarget();
  validator.mutable_spec()->mutable_validator();  // no keyring
  CHECK(DeriveKeyName("", validator) == "validator");
  auto* secret =
      validator.mutable_spec()->mutable_validator()->mutable_operator_keyring()->mutable_secret();
  secret->set_secret_name("keyring");
  CHECK(DeriveKeyName("", validator) == "node_admin");
  secret->set_key_name("val-op");
  CHECK(DeriveKeyName("", validator) == "val-op");
  CHECK(DeriveKeyName("explicit", validator) == "explicit");
}

TEST_CASE("§13.2 gov-vote params; memo only if set", "[params]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovVote");
  task.mutable_status()->mutable_task()->set_id("the-id");
  TaskRequest r = Built(task, MakeTarget());
  CHECK(r.type == "gov-vote");
  CHECK(r.id == "the-id");
  CHECK(Keys(r.params) ==
        std::vector<std::string>{"chainId", "fees", "gas", "keyName", "option", "proposalId"});
  CHECK(Str(r.params, "chainId") == "pacific-1");
  CHECK(Str(r.params, "keyName") == "validator");
  CHECK(Num(r.params, "proposalId") == 42);
  CHECK(Str(r.params, "option") == "yes");
  CHECK(Str(r.params, "fees") == "4000usei");
  CHECK(Num(r.params, "gas") == 200000);

  task.mutable_spec()->mutable_gov_vote()->set_memo("hello");
  task.mutable_spec()->mutable_gov_vote()->set_key_name("mine");
  r = Built(task, MakeTarget());
  CHECK(Str(r.params, "memo") == "hello");
  CHECK(Str(r.params, "keyName") == "mine");
}

TEST_CASE("§13.2 gov-software-upgrade params; upgradeInfo and memo only if set", "[params]") {
  v1alpha1::SeiNodeTask task = MakeTask("GovSoftwareUpgrade");
  TaskRequest r = Built(task, MakeTarget());
  CHECK(r.type == "gov-software-upgrade");
  CHECK(Keys(r.params) == std::vector<std::string>{"chainId", "description", "fees", "gas",
                                                   "initialDeposit", "keyName", "title",
                                                   "upgradeHeight", "upgradeName"});
  CHECK(Num(r.params, "upgradeHeight") == 250000);
  CHECK(Num(r.params, "gas") == 400000);
  CHECK(Str(r.params, "initialDeposit") == "10000000usei");
  task.mutable_spec()->mutable_gov_software_upgrade()->set_upgrade_info("{\"binaries\":{}}");
  task.mutable_spec()->mutable_gov_software_upgrade()->set_memo("m");
  r = Built(task, MakeTarget());
  CHECK(Str(r.params, "upgradeInfo") == "{\"binaries\":{}}");
  CHECK(Str(r.params, "memo") == "m");
}

TEST_CASE("§13.2 await kinds share await-condition; only AwaitCondition has an action",
          "[params]") {
  v1alpha1::SeiNodeTask await = MakeTask("AwaitCondition");
  TaskRequest r = Built(await, MakeTarget());
  CHECK(r.type == "await-condition");
  CHECK(Keys(r.params) == std::vector<std::string>{"condition", "targetHeight"});
  CHECK(Str(r.params, "condition") == "height");
  CHECK(Num(r.params, "targetHeight") == 1000);
  await.mutable_spec()->mutable_await_condition()->set_action("SIGTERM_SEID");
  CHECK(Str(Built(await, MakeTarget()).params, "action") == "SIGTERM_SEID");

  TaskRequest nodes = Built(MakeTask("AwaitNodesAtHeight"), MakeTarget());
  CHECK(nodes.type == "await-condition");
  CHECK(Keys(nodes.params) == std::vector<std::string>{"condition", "targetHeight"});
  CHECK(Num(nodes.params, "targetHeight") == 2000);
}

TEST_CASE("§13.4 controller kinds", "[params]") {
  TaskRequest image = Built(MakeTask("UpdateNodeImage"), MakeTarget());
  CHECK(image.type == "update-node-image");
  CHECK(Keys(image.params) == std::vector<std::string>{"image", "namespace", "nodeName"});

  v1alpha1::SeiNodeTask restart = MakeTask("RestartPod");
  TaskRequest pass = BuildTaskRequest(restart, nullptr).request;  // validation pass
  CHECK(pass.type == "restart-pod");
  CHECK(Str(pass.params, "restartedPodUID").empty());
  restart.mutable_status()->mutable_task()->set_restarted_pod_uid("uid-1");
  TaskRequest r = Built(restart, MakeTarget());
  CHECK(Keys(r.params) == std::vector<std::string>{"namespace", "nodeName", "restartedPodUID"});
  CHECK(Str(r.params, "restartedPodUID") == "uid-1");
  CHECK(Str(r.params, "nodeName") == "lonely-node");
  CHECK(Str(r.params, "namespace") == "validators");
}

TEST_CASE("The validation pass defers target-dependent parts", "[params]") {
  ParamsResult gov = BuildTaskRequest(MakeTask("GovVote"), nullptr);
  REQUIRE_FALSE(gov.failure.has_value());
  CHECK(gov.request.params.fields().count("keyName") == 0);

  ParamsResult peers = BuildTaskRequest(MakeTask("DiscoverPeers"), nullptr);
  CHECK_FALSE(peers.failure.has_value());  // sources need the target

  v1alpha1::SeiNode lonely = MakeTarget();
  lonely.mutable_spec()->clear_peers();
  ParamsResult driven = BuildTaskRequest(MakeTask("DiscoverPeers"), &lonely);
  REQUIRE(driven.failure.has_value());
  CHECK(driven.failure->reason == "ParamsBuildFailed");
  CHECK(driven.failure->message ==
        "target SeiNode \"lonely-node\" has no usable peer sources to discover (empty "
        "spec.peers, or only label sources with unresolved status.resolvedPeers)");
}

TEST_CASE("DiscoverPeers params carry the target's sources", "[params]") {
  TaskRequest r = Built(MakeTask("DiscoverPeers"), MakeTarget());
  CHECK(r.type == "discover-peers");
  const auto& sources = r.params.fields().at("sources").list_value();
  REQUIRE(sources.values_size() == 1);
  CHECK(Str(sources.values(0).struct_value(), "type") == "static");
  CHECK_FALSE(CheckTaskRequest(r).has_value());
}

TEST_CASE("§13.2 local validation: each rule, with its message", "[params][D6]") {
  struct Case {
    std::string kind;
    std::function<void(v1alpha1::SeiNodeTaskSpec*)> mutate;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"GovVote", [](auto* s) { s->mutable_gov_vote()->clear_chain_id(); },
       "validating gov-vote: chainId is required"},
      {"GovVote", [](auto* s) { s->mutable_gov_vote()->clear_fees(); },
       "validating gov-vote: fees is required"},
      {"GovVote", [](auto* s) { s->mutable_gov_vote()->set_proposal_id(0); },
       "validating gov-vote: proposalId must be greater than 0"},
      {"GovVote", [](auto* s) { s->mutable_gov_vote()->set_gas(0); },
       "validating gov-vote: gas must be greater than 0"},
      {"GovVote", [](auto* s) { s->mutable_gov_vote()->set_option("veto"); },
       "validating gov-vote: option \"veto\" is not one of yes, no, abstain, no_with_veto, "
       "no-with-veto"},
      {"GovSoftwareUpgrade",
       [](auto* s) { s->mutable_gov_software_upgrade()->clear_upgrade_name(); },
       "validating gov-software-upgrade: upgradeName is required"},
      {"GovSoftwareUpgrade",
       [](auto* s) { s->mutable_gov_software_upgrade()->set_upgrade_height(0); },
       "validating gov-software-upgrade: upgradeHeight must be greater than 0"},
      {"GovSoftwareUpgrade", [](auto* s) { s->mutable_gov_software_upgrade()->set_gas(0); },
       "validating gov-software-upgrade: gas must be greater than 0"},
      {"AwaitCondition",
       [](auto* s) { s->mutable_await_condition()->mutable_height()->set_target_height(0); },
       "validating await-condition: targetHeight must be greater than 0"},
      {"AwaitCondition", [](auto* s) { s->mutable_await_condition()->set_action("KILL"); },
       "validating await-condition: unsupported action \"KILL\" (only SIGTERM_SEID)"},
      {"AwaitNodesAtHeight",
       [](auto* s) { s->mutable_await_nodes_at_height()->set_target_height(-3); },
       "validating await-condition: targetHeight must be greater than 0"},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    v1alpha1::SeiNodeTask task = MakeTask(c.kind);
    c.mutate(task.mutable_spec());
    std::optional<Failure> failure = CheckTaskRequest(Built(task, MakeTarget()));
    REQUIRE(failure.has_value());
    CHECK(failure->reason == "ParamsBuildFailed");
    CHECK(failure->message == c.message);
  }
}

TEST_CASE("Vote options are case-insensitive; every valid kind passes", "[params]") {
  for (const char* option : {"YES", "No", "abstain", "NO_WITH_VETO", "no-with-veto"}) {
    v1alpha1::SeiNodeTask task = MakeTask("GovVote");
    task.mutable_spec()->mutable_gov_vote()->set_option(option);
    CHECK_FALSE(CheckTaskRequest(Built(task, MakeTarget())).has_value());
  }
  for (const char* kind : {"GovSoftwareUpgrade", "AwaitCondition", "UpdateNodeImage",
                           "AwaitNodesAtHeight", "DiscoverPeers", "RestartPod"}) {
    INFO(kind);
    CHECK_FALSE(CheckTaskRequest(Built(MakeTask(kind), MakeTarget())).has_value());
  }
}

TEST_CASE("discover-peers validation of hand-made sources", "[params]") {
  auto request_with = [](std::vector<Struct> sources) {
    TaskRequest r;
    r.type = "discover-peers";
    auto* list = (*r.params.mutable_fields())["sources"].mutable_list_value();
    for (Struct& s : sources) *list->add_values()->mutable_struct_value() = s;
    return r;
  };
  auto source = [](const std::string& type) {
    Struct s;
    (*s.mutable_fields())["type"].set_string_value(type);
    return s;
  };
  TaskRequest none;
  none.type = "discover-peers";
  CHECK(ValidateSidecarRequest(none) ==
        "validating discover-peers: at least one source is required");
  CHECK(ValidateSidecarRequest(request_with({})) ==
        "validating discover-peers: at least one source is required");

  Struct ec2 = source("ec2Tags");
  CHECK(ValidateSidecarRequest(request_with({ec2})) ==
        "validating discover-peers: source[0]: ec2Tags requires a region");
  (*ec2.mutable_fields())["region"].set_string_value("eu-west-1");
  CHECK(ValidateSidecarRequest(request_with({ec2})) ==
        "validating discover-peers: source[0]: ec2Tags requires at least one tag");
  (*(*ec2.mutable_fields())["tags"].mutable_struct_value()->mutable_fields())["Chain"]
      .set_string_value("pacific-1");
  CHECK_FALSE(ValidateSidecarRequest(request_with({ec2})).has_value());

  Struct empty_static = source("static");
  CHECK(ValidateSidecarRequest(request_with({ec2, empty_static})) ==
        "validating discover-peers: source[1]: static requires at least one address");
  CHECK(ValidateSidecarRequest(request_with({source("dnsEndpoints")})) ==
        "validating discover-peers: source[0]: unknown source type \"dnsEndpoints\"");
}

TEST_CASE("CheckTaskRequest: unknown types and undecodable controller params", "[params]") {
  TaskRequest unknown;
  unknown.type = "mark-ready";
  std::optional<Failure> f = CheckTaskRequest(unknown);
  REQUIRE(f.has_value());
  CHECK(*f == Failure{"DeserializeFailed", "unknown task type \"mark-ready\""});

  TaskRequest image = Built(MakeTask("UpdateNodeImage"), MakeTarget());
  (*image.params.mutable_fields())["namespace"].set_string_value("");
  f = CheckTaskRequest(image);
  REQUIRE(f.has_value());
  CHECK(*f == Failure{"DeserializeFailed",
                      "update-node-image: nodeName, namespace, and image are required"});
}

}  // namespace
}  // namespace sei::planner::nodetask
