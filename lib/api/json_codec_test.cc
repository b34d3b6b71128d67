#include "lib/api/json_codec.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "google/protobuf/struct.pb.h"
#include "lib/api/test_util.h"
#include "proto/sei/v1alpha1/seinode.pb.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::api {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
using ::sei::api::testing::Unordered;

absl::Status Decode(const json& in, google::protobuf::Message* out,
                    std::vector<DecodeIssue>* warnings = nullptr, bool strict = false) {
  DecodeOptions options;
  options.strict = strict;
  return DecodeMessage(in, out, options, warnings);
}

v1alpha1::SeiNode MustDecodeNode(const json& in) {
  v1alpha1::SeiNode node;
  absl::Status status = Decode(in, &node);
  INFO(status.ToString());
  REQUIRE(status.ok());
  return node;
}

// The message of a decode that must fail.
std::string DecodeError(const json& in, google::protobuf::Message* out) {
  absl::Status status = Decode(in, out);
  REQUIRE_FALSE(status.ok());
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  return std::string(status.message());
}

std::string NodeError(const json& in) {
  v1alpha1::SeiNode node;
  return DecodeError(in, &node);
}

std::vector<std::string> Keys(const ordered_json& object) {
  std::vector<std::string> keys;
  for (auto it = object.begin(); it != object.end(); ++it) keys.push_back(it.key());
  return keys;
}

const json kFullNode = json::parse(R"({
  "apiVersion": "sei.io/v1alpha1",
  "kind": "SeiNode",
  "metadata": {"name": "rpc-a", "namespace": "sei", "labels": {"tier": "rpc", "app": "sei"}},
  "spec": {
    "chainId": "pacific-1",
    "image": "ghcr.io/sei-protocol/sei:v6.3.0",
    "peers": [{"ec2Tags": {"region": "eu-central-1", "tags": {"Component": "rpc"}}}],
    "fullNode": {"snapshot": {"s3": {"targetHeight": 199500000}, "trustPeriod": "9999h0m0s"}}
  }
})");

// ---- Decoding ----

TEST_CASE("Decode fills fields by json_name", "[json_codec]") {
  const v1alpha1::SeiNode node = MustDecodeNode(kFullNode);
  CHECK(node.api_version() == "sei.io/v1alpha1");
  CHECK(node.metadata().namespace_() == "sei");
  CHECK(node.metadata().labels().at("tier") == "rpc");
  CHECK(node.spec().chain_id() == "pacific-1");
  REQUIRE(node.spec().peers_size() == 1);
  CHECK(node.spec().peers(0).ec2_tags().region() == "eu-central-1");
  CHECK(node.spec().full_node().snapshot().s3().target_height() == 199500000);
  CHECK(node.spec().full_node().snapshot().trust_period() == "9999h0m0s");
}

TEST_CASE("Decode maps keyword-named and renamed fields", "[json_codec]") {
  const v1alpha1::SeiNode node = MustDecodeNode(json::parse(R"({
    "spec": {"peers": [{"static": {"addresses": ["a@b:1"]}}, {"label": {"namespace": "ns",
             "selector": {"k": "v"}}}],
             "dataVolume": {"import": {"pvcName": "data"}}},
    "status": {"resolvedRPCWitnesses": ["w:26657"], "statefulSet": {"name": "n", "uid": "u"}}
  })"));
  CHECK(node.spec().peers(0).static_().addresses(0) == "a@b:1");
  CHECK(node.spec().peers(1).label().namespace_() == "ns");
  CHECK(node.spec().data_volume().import_volume().pvc_name() == "data");
  CHECK(node.status().resolved_rpc_witnesses(0) == "w:26657");
  CHECK(node.status().stateful_set().uid() == "u");

  v1alpha1::SeiNodeTask task;
  REQUIRE(Decode(json::parse(R"({"spec": {"restartPod": {"podUID": "p"}},
                                 "status": {"task": {"restartedPodUID": "p2"}}})"),
                 &task)
              .ok());
  CHECK(task.spec().restart_pod().pod_uid() == "p");
  CHECK(task.status().task().restarted_pod_uid() == "p2");
}

TEST_CASE("Unknown fields are warnings with exact JSON paths", "[json_codec]") {
  json in = kFullNode;
  in["spec"]["genesis"] = {{"s3", {{"uri", "s3://x"}}}};
  in["spec"]["peers"][0]["ec2Tags"]["foo"] = "bar";
  in["status"] = {{"plan", {{"tasks", {{{"type", "t"}, {"id", "i"}, {"bogus", 1}}}}}}};
  in["extra"] = nullptr;  // unknown even when null

  v1alpha1::SeiNode node;
  std::vector<DecodeIssue> warnings;
  REQUIRE(Decode(in, &node, &warnings).ok());
  std::vector<std::string> paths;
  for (const DecodeIssue& w : warnings) paths.push_back(w.path);
  CHECK_THAT(paths, Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                        "extra", "spec.genesis", "spec.peers[0].ec2Tags.foo",
                        "status.plan.tasks[0].bogus"}));
  for (const DecodeIssue& w : warnings) {
    CHECK(w.message == "unknown field \"" + w.path + "\"");
  }
  // Known fields are still decoded.
  CHECK(node.spec().peers(0).ec2_tags().tags().at("Component") == "rpc");
  CHECK(node.status().plan().tasks(0).type() == "t");

  SECTION("strict mode turns them into one error") {
    absl::Status status = Decode(in, &node, &warnings, /*strict=*/true);
    REQUIRE_FALSE(status.ok());
    CHECK(status.message() ==
          "unknown field \"extra\", unknown field \"spec.genesis\", "
          "unknown field \"spec.peers[0].ec2Tags.foo\", "
          "unknown field \"status.plan.tasks[0].bogus\"");
  }
  SECTION("field names are case-sensitive, like the API server") {
    v1alpha1::SeiNode n;
    std::vector<DecodeIssue> w;
    REQUIRE(Decode(json::parse(R"({"spec": {"ChainId": "x", "chain_id": "y"}})"), &n, &w).ok());
    CHECK(w.size() == 2);
    CHECK(n.spec().chain_id().empty());
  }
}

TEST_CASE("Wrong types name the path and the expected type", "[json_codec]") {
  CHECK(NodeError(json::parse(R"({"spec": {"fullNode": {"snapshot": {"s3":
          {"targetHeight": "abc"}}}}})")) ==
        "spec.fullNode.snapshot.s3.targetHeight: expected an integer, got string \"abc\"");
  CHECK(NodeError(json::parse(R"({"spec": {"chainId": 5}})")) ==
        "spec.chainId: expected a string, got number 5 (YAML reads unquoted digits as a number: quote the value)");
  CHECK(NodeError(json::parse(R"({"spec": {"peers": {"static": {}}}})")) ==
        "spec.peers: expected an array, got object");
  CHECK(NodeError(json::parse(R"({"spec": {"peers": [[]]}})")) ==
        "spec.peers[0]: expected an object, got array");
  CHECK(NodeError(json::parse(R"({"spec": {"peers": [null]}})")) ==
        "spec.peers[0]: expected an object, got null");
  CHECK(NodeError(json::parse(R"({"spec": {"paused": "true"}})")) ==
        "spec.paused: expected a boolean, got string \"true\"");
  CHECK(NodeError(json::parse(R"({"metadata": {"labels": {"a": 1}}})")) ==
        "metadata.labels[a]: expected a string, got number 1 (YAML reads unquoted digits as a number: quote the value)");
  CHECK(NodeError(json::parse(R"({"metadata": {"labels": {"a.b/c": null}}})")) ==
        "metadata.labels[a.b/c]: expected a string, got null");
  CHECK(NodeError(json::parse(R"({"metadata": {"finalizers": ["a", 2]}})")) ==
        "metadata.finalizers[1]: expected a string, got number 2 (YAML reads unquoted digits as a number: quote the value)");
  CHECK(NodeError(json::parse(R"({"spec": {"archive": true}})")) ==
        "spec.archive: expected an object, got boolean true");
  CHECK(NodeError(json::parse("[]")) == "expected an object, got array");
  CHECK(NodeError(json::parse(R"({"spec": {"sidecar": {"resources": {"limits":
          {"cpu": true}}}}})")) ==
        "spec.sidecar.resources.limits[cpu]: expected a string or an integer, got boolean true (YAML reads unquoted yes/no/on/off/y/n/true/false as booleans: quote the value)");
  // Long strings are shortened in messages.
  const std::string message = NodeError(json{{"spec", {{"paused", std::string(500, 'x')}}}});
  CHECK(message.size() < 150);
  CHECK(message.find("...") != std::string::npos);
}

TEST_CASE("Integers are range-checked and exact", "[json_codec]") {
  SECTION("int64 keeps all 64 bits") {
    json in = kFullNode;
    in["spec"]["fullNode"]["snapshot"]["s3"]["targetHeight"] = 9007199254740993LL;
    const v1alpha1::SeiNode node = MustDecodeNode(in);
    CHECK(node.spec().full_node().snapshot().s3().target_height() == 9007199254740993LL);
    const ordered_json out = EncodeMessage(node);
    CHECK(out["spec"]["fullNode"]["snapshot"]["s3"]["targetHeight"].get<int64_t>() ==
          9007199254740993LL);
    CHECK(out.dump().find("\"targetHeight\":9007199254740993") != std::string::npos);

    in["spec"]["fullNode"]["snapshot"]["s3"]["targetHeight"] = INT64_MAX;
    CHECK(EncodeMessage(MustDecodeNode(in)).dump().find("9223372036854775807") !=
          std::string::npos);
    in["spec"]["fullNode"]["snapshot"]["s3"]["targetHeight"] = INT64_MIN;
    CHECK(MustDecodeNode(in).spec().full_node().snapshot().s3().target_height() == INT64_MIN);
  }
  SECTION("int64 rejects values beyond its range") {
    CHECK(NodeError(json::parse(R"({"spec": {"fullNode": {"snapshot": {"s3":
            {"targetHeight": 9223372036854775808}}}}})")) ==
          "spec.fullNode.snapshot.s3.targetHeight: integer 9223372036854775808 is out of range "
          "for int64 (-9223372036854775808 to 9223372036854775807)");
    // Beyond 64 bits the JSON parser yields a float; still "out of range".
    CHECK(NodeError(json::parse(R"({"spec": {"fullNode": {"snapshot": {"s3":
            {"targetHeight": 99999999999999999999}}}}})"))
              .find("is out of range for int64") != std::string::npos);
  }
  SECTION("uint64 takes the full unsigned range, not negatives") {
    v1alpha1::SeiNodeTask task;
    REQUIRE(Decode(json::parse(R"({"spec": {"govVote": {"proposalId": 18446744073709551615,
                                   "gas": 400000}}})"),
                   &task)
                .ok());
    CHECK(task.spec().gov_vote().proposal_id() == UINT64_MAX);
    CHECK(EncodeMessage(task).dump().find("\"proposalId\":18446744073709551615") !=
          std::string::npos);
    CHECK(DecodeError(json::parse(R"({"spec": {"govVote": {"gas": -1}}})"), &task) ==
          "spec.govVote.gas: integer -1 is out of range for uint64 (0 to 18446744073709551615)");
  }
  SECTION("int32 is range-checked") {
    CHECK(NodeError(json::parse(R"({"spec": {"sidecar": {"port": 4294967296}}})")) ==
          "spec.sidecar.port: integer 4294967296 is out of range for int32 "
          "(-2147483648 to 2147483647)");
    CHECK(NodeError(json::parse(R"({"spec": {"sidecar": {"port": -2147483649}}})"))
              .find("out of range for int32") != std::string::npos);
    CHECK(MustDecodeNode(json::parse(R"({"spec": {"sidecar": {"port": -2147483648}}})"))
              .spec()
              .sidecar()
              .port() == INT32_MIN);
  }
  SECTION("a fraction is not an integer; an integral float is") {
    CHECK(NodeError(json::parse(R"({"spec": {"sidecar": {"port": 7777.5}}})")) ==
          "spec.sidecar.port: expected an integer, got number 7777.5");
    CHECK(MustDecodeNode(json::parse(R"({"spec": {"sidecar": {"port": 7777.0}}})"))
              .spec()
              .sidecar()
              .port() == 7777);
    CHECK(NodeError(json::parse(R"({"spec": {"fullNode": {"snapshot": {"s3":
            {"targetHeight": 1e17}}}}})"))
              .find("is not an exact integer") != std::string::npos);
    CHECK(NodeError(json::parse(R"({"spec": {"sidecar": {"port": true}}})")) ==
          "spec.sidecar.port: expected an integer, got boolean true");
  }
}

TEST_CASE("int_or_string fields accept numbers as their decimal text", "[json_codec]") {
  const v1alpha1::SeiNode node = MustDecodeNode(json::parse(R"({"spec": {"sidecar":
      {"resources": {"requests": {"cpu": 4, "memory": "256Mi", "big": 12345678901234567890,
                                  "half": 0.5, "whole": 2.0, "neg": -3}}}}})"));
  const auto& requests = node.spec().sidecar().resources().requests();
  CHECK(requests.at("cpu") == "4");
  CHECK(requests.at("memory") == "256Mi");
  CHECK(requests.at("big") == "12345678901234567890");
  CHECK(requests.at("half") == "0.5");
  CHECK(requests.at("whole") == "2");
  CHECK(requests.at("neg") == "-3");
  // Written back as strings (what the API server returns for quantities).
  CHECK(EncodeMessage(node)["spec"]["sidecar"]["resources"]["requests"]["cpu"] == "4");
  // Plain string fields do not take numbers.
  CHECK(NodeError(json::parse(R"({"spec": {"overrides": {"mempool.size": 5000}}})")) ==
        "spec.overrides[mempool.size]: expected a string, got number 5000 (YAML reads unquoted digits as a number: quote the value)");
}

TEST_CASE("Enums use their wire spelling", "[json_codec]") {
  v1alpha1::SeiNode node = MustDecodeNode(json::parse(
      R"({"status": {"phase": "Running", "plan": {"phase": "Active", "tasks": [],
          "targetPhase": "Running", "failedPhase": "Failed"}}})"));
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_ACTIVE);
  CHECK(node.status().plan().failed_phase() == v1alpha1::NODE_PHASE_FAILED);
  CHECK(EncodeMessage(node)["status"]["phase"] == "Running");

  CHECK(NodeError(json::parse(R"({"status": {"phase": "running"}})")) ==
        "status.phase: unsupported value \"running\"; supported values: \"Pending\", "
        "\"Initializing\", \"Running\", \"Failed\", \"Terminating\"");
  CHECK(NodeError(json::parse(R"({"status": {"phase": "NODE_PHASE_RUNNING"}})"))
            .find("unsupported value") != std::string::npos);
  CHECK(NodeError(json::parse(R"({"status": {"phase": 3}})")) ==
        "status.phase: expected a string, got number 3 (YAML reads unquoted digits as a number: quote the value)");
  // Go writes an unset required enum string as "", which means absent.
  node = MustDecodeNode(json::parse(R"({"status": {"plan": {"phase": "", "tasks": []}}})"));
  CHECK(node.status().plan().phase() == v1alpha1::PLAN_PHASE_UNSPECIFIED);
}

TEST_CASE("Timestamps are RFC 3339, normalised to UTC whole seconds", "[json_codec]") {
  const v1alpha1::SeiNode node = MustDecodeNode(json::parse(R"({
    "metadata": {"creationTimestamp": "2026-06-06T18:31:50.75+02:00"},
    "status": {"phaseTransitionTime": "2026-06-06T16:31:50Z"}})"));
  CHECK(node.metadata().creation_timestamp().seconds() == 1780763510);
  CHECK(node.metadata().creation_timestamp().nanos() == 750000000);
  const ordered_json out = EncodeMessage(node);
  CHECK(out["metadata"]["creationTimestamp"] == "2026-06-06T16:31:50Z");
  CHECK(out["status"]["phaseTransitionTime"] == "2026-06-06T16:31:50Z");

  CHECK(NodeError(json::parse(R"({"metadata": {"creationTimestamp": "yesterday"}})")) ==
        "metadata.creationTimestamp: expected an RFC 3339 timestamp such as "
        "\"2026-06-06T16:31:50Z\", got string \"yesterday\" (the date must be written "
        "YYYY-MM-DD)");
  CHECK(NodeError(json::parse(R"({"metadata": {"creationTimestamp": 1780763510}})"))
            .find("expected an RFC 3339 timestamp") != std::string::npos);
  // null means absent.
  CHECK_FALSE(MustDecodeNode(json::parse(R"({"metadata": {"deletionTimestamp": null}})"))
                  .metadata()
                  .has_deletion_timestamp());
}

TEST_CASE("params holds arbitrary JSON and round-trips", "[json_codec]") {
  const json params = json::parse(R"({
    "TargetHeight": 198740000,
    "nodeName": "n",
    "nested": {"list": [1, -2, 2.5, "x", true, false, null, {"deep": [[]]}], "empty": {}},
    "emptyList": [],
    "nothing": null,
    "max": 9007199254740992,
    "min": -9007199254740992,
    "fraction": 0.1
  })");
  json in = {{"status", {{"plan", {{"phase", "Active"}, {"tasks", json::array()}}}}}};
  in["status"]["plan"]["tasks"].push_back(
      {{"type", "snapshot-restore"}, {"id", "i"}, {"status", "Pending"}, {"params", params}});
  const v1alpha1::SeiNode node = MustDecodeNode(in);
  const ordered_json out = EncodeMessage(node)["status"]["plan"]["tasks"][0]["params"];
  CHECK(Unordered(out) == params);
  // Integral numbers print as integers, keys sorted.
  CHECK(out.dump().rfind(R"({"TargetHeight":198740000,"emptyList":[],"fraction":0.1,)", 0) == 0);

  SECTION("a scalar params value is fine too") {
    json scalar = in;
    scalar["status"]["plan"]["tasks"][0]["params"] = "just text";
    CHECK(EncodeMessage(MustDecodeNode(scalar))["status"]["plan"]["tasks"][0]["params"] ==
          "just text");
  }
  SECTION("params: null means no params") {
    json none = in;
    none["status"]["plan"]["tasks"][0]["params"] = nullptr;
    const v1alpha1::SeiNode n = MustDecodeNode(none);
    CHECK_FALSE(n.status().plan().tasks(0).has_params());
    CHECK_FALSE(EncodeMessage(n)["status"]["plan"]["tasks"][0].contains("params"));
  }
  SECTION("integers beyond 2^53 are refused, not rounded") {
    json big = in;
    big["status"]["plan"]["tasks"][0]["params"] = {{"h", {{"big", 9007199254740993LL}}}};
    CHECK(NodeError(big) ==
          "status.plan.tasks[0].params.h.big: integer 9007199254740993 is beyond ±2^53 and "
          "cannot be stored exactly in a free-form JSON value");
    big["status"]["plan"]["tasks"][0]["params"] = {{"l", {1, -9007199254740993LL}}};
    CHECK(NodeError(big).rfind("status.plan.tasks[0].params.l[1]: integer", 0) == 0);
    big["status"]["plan"]["tasks"][0]["params"] = {{"u", 18446744073709551615ULL}};
    CHECK(NodeError(big).rfind("status.plan.tasks[0].params.u: integer", 0) == 0);
  }
}

TEST_CASE("managedFields keeps arbitrary JSON", "[json_codec]") {
  const json managed = json::parse(R"([{"manager": "kubectl", "operation": "Apply",
      "fieldsV1": {"f:spec": {".": {}, "f:chainId": {}}}, "time": "2026-06-06T16:31:50Z"},
      null])");
  const v1alpha1::SeiNode node = MustDecodeNode(json{{"metadata", {{"managedFields", managed}}}});
  CHECK(node.metadata().managed_fields_size() == 2);
  CHECK(Unordered(EncodeMessage(node)["metadata"]["managedFields"]) == managed);
}

TEST_CASE("JSON null for a field means absent", "[json_codec]") {
  const v1alpha1::SeiNode node = MustDecodeNode(json::parse(R"({
    "metadata": {"labels": null, "finalizers": null, "generation": null},
    "spec": {"chainId": null, "fullNode": null, "archive": {"snapshotGeneration": null},
             "peers": null, "paused": null}})"));
  CHECK_FALSE(node.spec().has_full_node());
  CHECK(node.spec().has_archive());
  CHECK_FALSE(node.spec().archive().has_snapshot_generation());
  CHECK(node.metadata().labels().empty());
  CHECK(EncodeMessage(node).dump() ==
        R"({"metadata":{},"spec":{"chainId":"","image":"","archive":{}}})");
}

TEST_CASE("Decode replaces the previous content of the output", "[json_codec]") {
  v1alpha1::SeiNode node = MustDecodeNode(kFullNode);
  REQUIRE(Decode(json::parse(R"({"spec": {"archive": {}}})"), &node).ok());
  CHECK_FALSE(node.spec().has_full_node());
  CHECK(node.spec().peers().empty());
  CHECK_FALSE(node.has_metadata());
}

TEST_CASE("DecodeMessageAt prefixes every path", "[json_codec]") {
  v1alpha1::SeiNode node;
  std::vector<DecodeIssue> warnings;
  REQUIRE(
      DecodeMessageAt("items[2]", json::parse(R"({"spec": {"x": 1}})"), &node, {}, &warnings).ok());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].path == "items[2].spec.x");
  absl::Status status =
      DecodeMessageAt("items[2]", json::parse(R"({"spec": {"chainId": 1}})"), &node, {}, nullptr);
  CHECK(status.message() == "items[2].spec.chainId: expected a string, got number 1 (YAML reads unquoted digits as a number: quote the value)");
  status = DecodeMessageAt("items[2]", json::parse("7"), &node, {}, nullptr);
  CHECK(status.message() == "items[2]: expected an object, got number 7");
}

// ---- Encoding ----

TEST_CASE("Encode writes fields in declaration order", "[json_codec]") {
  json in = kFullNode;
  in["status"] = {{"phase", "Running"}};
  const ordered_json out = EncodeMessage(MustDecodeNode(in));
  CHECK(Keys(out) == std::vector<std::string>{"apiVersion", "kind", "metadata", "spec", "status"});
  CHECK(Keys(out["spec"]) == std::vector<std::string>{"chainId", "image", "peers", "fullNode"});
  CHECK(Keys(out["spec"]["fullNode"]["snapshot"]) == std::vector<std::string>{"s3", "trustPeriod"});
  // Map keys are sorted.
  CHECK(Keys(out["metadata"]["labels"]) == std::vector<std::string>{"app", "tier"});
}

TEST_CASE("Encode follows omitempty, presence and emit_empty", "[json_codec]") {
  SECTION("empty messages that are present are written as {}") {
    const v1alpha1::SeiNode node = MustDecodeNode(json::parse(
        R"({"spec": {"chainId": "c", "image": "i", "archive": {}, "validator":
            {"snapshot": {"stateSync": {}}}}})"));
    const ordered_json out = EncodeMessage(node);
    CHECK(out["spec"]["archive"] == ordered_json::object());
    CHECK(out["spec"]["validator"]["snapshot"].dump() == R"({"stateSync":{}})");
  }
  SECTION("zero scalars are omitted unless emit_empty") {
    v1alpha1::SeiNode node;
    node.mutable_spec()->set_paused(false);
    node.mutable_spec()->mutable_sidecar()->set_port(0);
    node.mutable_spec()->mutable_full_node()->mutable_snapshot()->mutable_s3();
    node.mutable_status()->add_conditions()->set_type("Ready");
    const ordered_json out = EncodeMessage(node);
    CHECK(out.dump() ==
          R"({"spec":{"chainId":"","image":"","sidecar":{},"fullNode":{"snapshot":{"s3":)"
          R"({"targetHeight":0}}}},"status":{"conditions":[{"type":"Ready","status":"",)"
          R"("reason":"","message":""}]}})");
  }
  SECTION("an empty plan still writes tasks: [] and drops the unset enum") {
    v1alpha1::SeiNode node;
    node.mutable_status()->mutable_plan();
    CHECK(EncodeMessage(node)["status"].dump() == R"({"plan":{"tasks":[]}})");
    node.mutable_status()->mutable_plan()->set_phase(v1alpha1::PLAN_PHASE_COMPLETE);
    CHECK(EncodeMessage(node)["status"].dump() == R"({"plan":{"phase":"Complete","tasks":[]}})");
  }
  SECTION("failedTaskDetail writes all five fields, zeros included") {
    v1alpha1::TaskPlan plan;
    plan.mutable_failed_task_detail()->set_type("replace-pod");
    CHECK(EncodeMessage(plan).dump() ==
          R"({"tasks":[],"failedTaskDetail":{"type":"replace-pod","id":"","error":"",)"
          R"("retryCount":0,"maxRetries":0}})");
  }
  SECTION("failedTaskIndex is written when set, even to 0") {
    v1alpha1::TaskPlan plan;
    CHECK_FALSE(EncodeMessage(plan).contains("failedTaskIndex"));
    plan.set_failed_task_index(0);
    CHECK(EncodeMessage(plan)["failedTaskIndex"] == 0);
    v1alpha1::TaskPlan decoded;
    REQUIRE(Decode(json::parse(R"({"failedTaskIndex": 0, "tasks": []})"), &decoded).ok());
    CHECK(decoded.has_failed_task_index());
    CHECK(EncodeMessage(decoded).dump() == R"({"tasks":[],"failedTaskIndex":0})");
  }
  SECTION("planned tasks always write type, id and status") {
    v1alpha1::PlannedTask task;
    task.set_status(v1alpha1::TASK_STATUS_PENDING);
    task.set_retry_count(0);
    CHECK(EncodeMessage(task).dump() == R"({"type":"","id":"","status":"Pending"})");
  }
  SECTION("optional bools are written when present") {
    v1alpha1::OwnerReference ref;
    ref.set_controller(false);
    CHECK(EncodeMessage(ref).dump() ==
          R"({"apiVersion":"","kind":"","name":"","uid":"","controller":false})");
  }
}

TEST_CASE("Encode is the inverse of decode for a status-rich object", "[json_codec]") {
  const json in = json::parse(R"({
    "apiVersion": "sei.io/v1alpha1", "kind": "SeiNodeTask",
    "metadata": {"name": "t", "namespace": "devnet", "generation": 3,
                 "ownerReferences": [{"apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
                   "name": "n", "uid": "u", "controller": true, "blockOwnerDeletion": true}]},
    "spec": {"kind": "GovSoftwareUpgrade", "target": {"nodeRef": {"name": "n"},
             "requirePhase": "Running", "requirePhaseTimeout": "5m"}, "timeoutSeconds": 600,
             "govSoftwareUpgrade": {"chainId": "c", "title": "t", "description": "d",
               "upgradeName": "v2", "upgradeHeight": 250000, "initialDeposit": "1usei",
               "fees": "1usei", "gas": 400000}},
    "status": {"observedGeneration": 3, "phase": "Complete",
               "task": {"id": "x", "status": "Complete", "submittedAt": "2026-06-06T10:00:00Z"},
               "outputs": {"govSoftwareUpgrade": {"txHash": "AB", "height": 12,
                           "proposalId": 7}},
               "conditions": [{"type": "Ready", "status": "True", "observedGeneration": 3,
                 "lastTransitionTime": "2026-06-06T10:03:41Z", "reason": "TaskComplete",
                 "message": ""}]}})");
  v1alpha1::SeiNodeTask task;
  REQUIRE(Decode(in, &task).ok());
  CHECK(Unordered(EncodeMessage(task)) == in);
}

// ---- Robustness ----

TEST_CASE("Malformed shapes give an error Status, never a crash", "[json_codec]") {
  std::string deep_array(100000, '[');
  deep_array += std::string(100000, ']');
  const std::vector<std::string> inputs = {
      "[]",
      "null",
      "7",
      "\"text\"",
      "true",
      R"({"metadata": []})",
      R"({"metadata": {"labels": []}})",
      R"({"metadata": {"labels": {"a": {"b": "c"}}}})",
      R"({"metadata": {"generation": "1"}})",
      R"({"metadata": {"generation": 1e300}})",
      R"({"metadata": {"managedFields": {}}})",
      R"({"spec": {"peers": [{"ec2Tags": []}]}})",
      R"({"spec": {"peers": [{"ec2Tags": {"tags": [["a"]]}}]}})",
      R"({"spec": {"peers": [{"static": {"addresses": [null]}}]}})",
      R"({"spec": {"peers": [[[[null]]]]}})",
      R"({"spec": "fullNode"})",
      R"({"spec": {"fullNode": {"snapshot": {"s3": {"targetHeight": [1]}}}}})",
      R"({"spec": {"fullNode": {"snapshot": {"s3": {"targetHeight": {}}}}}})",
      R"({"spec": {"sidecar": {"port": 1e30}}})",
      R"({"spec": {"sidecar": {"port": -1e30}}})",
      R"({"spec": {"sidecar": {"resources": {"claims": {}}}}})",
      R"({"status": {"phase": ["Running"]}})",
      R"({"status": {"plan": {"tasks": [7]}}})",
      R"({"status": {"plan": {"tasks": [{"params": {"x": 18446744073709551615}}]}}})",
      R"({"status": {"plan": {"tasks": [{"submittedAt": {}}]}}})",
      R"({"status": {"plan": {"failedTaskIndex": 2147483648}}})",
      R"({"status": {"conditions": [{"lastTransitionTime": "2026-99-99T00:00:00Z"}]}})",
      R"({"status": {"plan": {"tasks": [{"params": )" + deep_array + "}]}}}",
  };
  for (const std::string& text : inputs) {
    INFO(text.substr(0, 120));
    const json in = json::parse(text);
    v1alpha1::SeiNode node;
    absl::Status status;
    REQUIRE_NOTHROW(status = Decode(in, &node));
    CHECK_FALSE(status.ok());
    CHECK(status.code() == absl::StatusCode::kInvalidArgument);
    CHECK(status.message().find('\n') == absl::string_view::npos);
  }
  SECTION("invalid UTF-8 smuggled into a json value is rejected") {
    json in = {{"spec", {{"chainId", std::string("bad\xFF")}}}};
    v1alpha1::SeiNode node;
    CHECK(Decode(in, &node).message() == "spec.chainId: string is not valid UTF-8");
    in = {{"metadata", {{"labels", {{std::string("k\xC3"), "v"}}}}}};
    CHECK_FALSE(Decode(in, &node).ok());
  }
  SECTION("a null output is an error") {
    CHECK_FALSE(DecodeMessage(json::object(), nullptr, {}, nullptr).ok());
  }
}

// Replaces every subtree of a valid manifest, one at a time, with values of
// every JSON type: decoding must return (ok or not) without throwing, and
// whatever decodes must encode.
TEST_CASE("Decoding survives every single-node mutation of a manifest", "[json_codec]") {
  json base = kFullNode;
  base["spec"]["sidecar"] = {{"port", 7777}, {"resources", {{"limits", {{"cpu", "1"}}}}}};
  base["status"] = json::parse(R"({"phase": "Running", "plan": {"phase": "Active", "tasks":
      [{"type": "t", "id": "i", "status": "Pending", "params": {"a": [1]},
        "submittedAt": "2026-06-06T16:31:50Z"}], "failedTaskIndex": 0},
      "conditions": [{"type": "Ready", "status": "True"}]})");
  const std::vector<json> replacements = {nullptr,
                                          true,
                                          0,
                                          -1,
                                          18446744073709551615ULL,
                                          INT64_MIN,
                                          1.5,
                                          1e300,
                                          "",
                                          "x",
                                          json::array(),
                                          json::object(),
                                          json::parse("[[null]]"),
                                          json::parse(R"({"a": {"b": []}})")};
  const json flat = base.flatten();
  std::vector<std::string> pointers;
  for (const auto& [pointer, unused] : flat.items()) {
    // Every leaf and every ancestor of it.
    std::string p = pointer;
    while (!p.empty()) {
      pointers.push_back(p);
      p = p.substr(0, p.rfind('/'));
    }
  }
  int decoded_ok = 0;
  int rejected = 0;
  for (const std::string& pointer : pointers) {
    for (const json& replacement : replacements) {
      json mutated = base;
      mutated[json::json_pointer(pointer)] = replacement;
      v1alpha1::SeiNode node;
      absl::Status status;
      REQUIRE_NOTHROW(status = Decode(mutated, &node));
      if (status.ok()) {
        ++decoded_ok;
        REQUIRE_NOTHROW(EncodeMessage(node).dump());
      } else {
        ++rejected;
      }
    }
  }
  CHECK(decoded_ok > 0);
  CHECK(rejected > 0);
}

}  // namespace
}  // namespace sei::api
