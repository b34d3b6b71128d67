// End to end on a hand-trimmed SeiNode CRD schema (api.md §3, §4, §9, §11,
// §14): what a real cluster does to SeiNode manifests, status writes
// included.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/controlplane/schema/admission.h"
#include "lib/controlplane/schema/test_util.h"

namespace sei::controlplane {
namespace {

using nlohmann::json;
using testing::J;
using testing::Lines;
using testing::MustCompile;

// The DNS-label and quantity patterns appear in JSON, so backslashes double.
const char* const kSeiNodeSchema = R"json({
  "type": "object",
  "properties": {
    "apiVersion": {"type": "string"},
    "kind": {"type": "string"},
    "metadata": {"type": "object"},
    "spec": {
      "type": "object",
      "required": ["chainId", "image"],
      "x-kubernetes-validations": [
        {"rule": "[has(self.fullNode), has(self.archive), has(self.replayer), has(self.validator)].filter(x, x).size() == 1",
         "message": "exactly one of fullNode, archive, replayer, validator must be set"}],
      "properties": {
        "chainId": {"type": "string", "minLength": 1, "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},
        "image": {"type": "string", "minLength": 1, "maxLength": 512},
        "peers": {
          "type": "array",
          "items": {
            "type": "object",
            "x-kubernetes-validations": [{"rule": "[has(self.ec2Tags), has(self.static), has(self.label)].filter(x, x).size() == 1",
                                          "message": "exactly one of ec2Tags, static, label must be set"}],
            "properties": {
              "ec2Tags": {"type": "object", "required": ["region", "tags"], "properties": {
                "region": {"type": "string", "minLength": 1},
                "tags": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}}}},
              "static": {"type": "object", "required": ["addresses"], "properties": {
                "addresses": {"type": "array", "minItems": 1, "items": {"type": "string"}}}},
              "label": {"type": "object", "required": ["selector"], "properties": {
                "selector": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}},
                "namespace": {"type": "string"}}}}}},
        "overrides": {"type": "object", "additionalProperties": {"type": "string"}},
        "sidecar": {
          "type": "object",
          "properties": {
            "image": {"type": "string"},
            "port": {"type": "integer", "format": "int32", "default": 7777},
            "resources": {"type": "object", "properties": {
              "claims": {"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                         "items": {"type": "object", "required": ["name"], "properties": {
                           "name": {"type": "string"}, "request": {"type": "string"}}}},
              "limits": {"type": "object", "additionalProperties": {
                "x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}],
                "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"}},
              "requests": {"type": "object", "additionalProperties": {
                "x-kubernetes-int-or-string": true, "anyOf": [{"type": "integer"}, {"type": "string"}],
                "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"}}}}}},
        "fullNode": {"type": "object", "properties": {
          "snapshot": {"type": "object", "properties": {
            "s3": {"type": "object", "required": ["targetHeight"], "properties": {
              "targetHeight": {"type": "integer", "format": "int64", "minimum": 1}}},
            "stateSync": {"type": "object"},
            "trustPeriod": {"type": "string"},
            "backfillBlocks": {"type": "integer", "format": "int64"}}}}},
        "archive": {"type": "object"},
        "paused": {"type": "boolean"}}},
    "status": {
      "type": "object",
      "properties": {
        "phase": {"type": "string", "enum": ["Pending", "Initializing", "Running", "Failed", "Terminating"]},
        "conditions": {
          "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
          "items": {"type": "object", "required": ["type", "status", "lastTransitionTime", "reason", "message"],
            "properties": {
              "type": {"type": "string", "maxLength": 316,
                       "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"},
              "status": {"type": "string", "enum": ["True", "False", "Unknown"]},
              "observedGeneration": {"type": "integer", "format": "int64", "minimum": 0},
              "lastTransitionTime": {"type": "string", "format": "date-time"},
              "reason": {"type": "string", "minLength": 1, "maxLength": 1024,
                         "pattern": "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"},
              "message": {"type": "string", "maxLength": 32768}}}},
        "plan": {"type": "object", "required": ["phase", "tasks"], "properties": {
          "id": {"type": "string"},
          "phase": {"type": "string", "enum": ["Active", "Complete", "Failed"]},
          "tasks": {"type": "array", "items": {"type": "object", "required": ["type", "id", "status"],
            "properties": {
              "type": {"type": "string"},
              "id": {"type": "string"},
              "status": {"type": "string", "enum": ["Pending", "Complete", "Failed"]},
              "params": {"x-kubernetes-preserve-unknown-fields": true},
              "submittedAt": {"type": "string", "format": "date-time"},
              "error": {"type": "string"},
              "maxRetries": {"type": "integer", "minimum": 0},
              "retryCount": {"type": "integer"}}}}}}}}}
})json";

StructuralSchema SeiNodeSchema() { return MustCompile(J(kSeiNodeSchema)); }

// api.md §13.1, plus a field no version of the API has.
json FullNodeManifest() {
  return J(R"({
    "apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
    "metadata": {"name": "pacific-1-rpc-0", "namespace": "sei", "labels": {"app": "rpc"}},
    "spec": {
      "chainId": "pacific-1",
      "image": "ghcr.io/sei-protocol/seid:v6.1.0",
      "peers": [{"ec2Tags": {"region": "eu-central-1", "tags": {"ChainIdentifier": "pacific-1"}}}],
      "overrides": {"evm.http_port": "8545"},
      "sidecar": {"resources": {"requests": {"cpu": "500m", "memory": "1Gi"}, "limits": {"cpu": 2}}},
      "fullNode": {"snapshot": {"s3": {"targetHeight": 198740000}, "trustPeriod": "9999h0m0s"}},
      "replicaCount": 3
    }})");
}

TEST_CASE("SeiNode: a valid manifest is defaulted and pruned", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = FullNodeManifest();
  std::vector<std::string> pruned;
  CHECK(PruneDefaultValidate(schema, &object, &pruned).empty());
  CHECK(pruned == std::vector<std::string>{"spec.replicaCount"});
  CHECK_FALSE(object["spec"].contains("replicaCount"));
  CHECK(object["spec"]["sidecar"]["port"] == 7777);  // default applied
  CHECK(object["spec"]["sidecar"]["resources"]["limits"]["cpu"] == 2);
  CHECK(object["metadata"]["labels"]["app"] == "rpc");  // metadata untouched
}

TEST_CASE("SeiNode: no sidecar, no sidecar default", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = J(R"({"spec": {"chainId": "arctic-1", "image": "seid", "archive": {}}})");
  CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
  CHECK_FALSE(object["spec"].contains("sidecar"));
  CHECK(object["spec"]["archive"] == json::object());
}

TEST_CASE("SeiNode: required fields are reported, with the 422", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = J(R"({"apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
                      "metadata": {"name": "bad"}, "spec": {"archive": {}}})");
  const std::vector<FieldError> errors = PruneDefaultValidate(schema, &object, nullptr);
  CHECK(Lines(errors) == std::vector<std::string>{"spec.chainId|FieldValueRequired|Required value",
                                                  "spec.image|FieldValueRequired|Required value"});
  const json status = InvalidStatus("SeiNode.sei.io", "bad", errors);
  CHECK(status["code"] == 422);
  CHECK(status["reason"] == "Invalid");
  CHECK(status["message"] ==
        "SeiNode.sei.io \"bad\" is invalid: [spec.chainId: Required value, spec.image: Required "
        "value]");
  CHECK(
      status["details"]["causes"][1] ==
      J(R"({"reason": "FieldValueRequired", "message": "Required value", "field": "spec.image"})"));
}

TEST_CASE("SeiNode: pattern, length and minimum errors", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = FullNodeManifest();
  object["spec"]["chainId"] = "Foo";
  object["spec"]["image"] = std::string(513, 'i');
  object["spec"]["fullNode"]["snapshot"]["s3"]["targetHeight"] = 0;
  object["spec"]["sidecar"]["resources"]["limits"]["memory"] = "lots";
  const std::vector<FieldError> errors = PruneDefaultValidate(schema, &object, nullptr);
  CHECK(
      Lines(errors) ==
      std::vector<std::string>{
          R"(spec.chainId|FieldValueInvalid|Invalid value: "Foo": spec.chainId in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')",
          "spec.fullNode.snapshot.s3.targetHeight|FieldValueInvalid|Invalid value: 0: "
          "spec.fullNode.snapshot.s3.targetHeight in body should be greater than or equal to 1",
          "spec.image|FieldValueTooLong|Too long: may not be more than 512 bytes",
          R"(spec.sidecar.resources.limits.memory|FieldValueInvalid|Invalid value: "lots": spec.sidecar.resources.limits.memory in body should match '^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$')"});
  CHECK(InvalidStatus("SeiNode.sei.io", "pacific-1-rpc-0", errors)["details"]["causes"].size() ==
        4);
}

TEST_CASE("SeiNode: peer sources", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = FullNodeManifest();
  object["spec"]["peers"] = J(R"([
      {"static": {"addresses": []}},
      {"ec2Tags": {"region": "", "tags": {}}},
      {"label": {"selector": {"sei.io/chain": "pacific-1"}, "namespace": "sei"}}])");
  CHECK(
      Lines(PruneDefaultValidate(schema, &object, nullptr)) ==
      std::vector<std::string>{
          "spec.peers[0].static.addresses|FieldValueInvalid|Invalid value: 0: "
          "spec.peers[0].static.addresses in body should have at least 1 items",
          R"(spec.peers[1].ec2Tags.region|FieldValueInvalid|Invalid value: "": spec.peers[1].ec2Tags.region in body should be at least 1 chars long)",
          "spec.peers[1].ec2Tags.tags|FieldValueInvalid|Invalid value: 0: "
          "spec.peers[1].ec2Tags.tags in body should have at least 1 properties"});
}

TEST_CASE("SeiNode: stateSync is an empty object; unknown members are pruned", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = FullNodeManifest();
  object["spec"]["fullNode"]["snapshot"] = J(R"({"stateSync": {"rpcServers": ["a"]}})");
  std::vector<std::string> pruned;
  CHECK(PruneDefaultValidate(schema, &object, &pruned).empty());
  CHECK(object["spec"]["fullNode"]["snapshot"] == J(R"({"stateSync": {}})"));
  CHECK(pruned == std::vector<std::string>{"spec.fullNode.snapshot.stateSync.rpcServers",
                                           "spec.replicaCount"});
}

TEST_CASE("SeiNode: a status write keeps task params, prunes the rest", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = FullNodeManifest();
  object["status"] = J(R"({
    "phase": "Initializing",
    "plan": {"id": "4a1f", "phase": "Active", "targetPhase": "Running", "tasks": [
      {"type": "snapshot-restore", "id": "t0", "status": "Pending",
       "params": {"TargetHeight": 198740000, "nested": {"list": [1, {"deep": null}]}},
       "note": "dropped"},
      {"type": "mark-ready", "id": "t1", "status": "Pending", "submittedAt": "2026-06-06T16:31:50Z"}]},
    "conditions": [
      {"type": "SidecarReady", "status": "True", "reason": "Ready", "message": "",
       "lastTransitionTime": "2026-06-06T16:31:50Z", "observedGeneration": 1}]})");
  std::vector<std::string> pruned;
  CHECK(PruneDefaultValidateProperty(schema, "status", &object, &pruned).empty());
  CHECK(pruned == std::vector<std::string>{"status.plan.targetPhase", "status.plan.tasks[0].note"});
  CHECK(object["status"]["plan"]["tasks"][0]["params"] ==
        J(R"({"TargetHeight": 198740000, "nested": {"list": [1, {"deep": null}]}})"));
  CHECK(object["spec"].contains("replicaCount"));  // the spec is not this write's business
}

TEST_CASE("SeiNode: invalid status values", "[seinode]") {
  const StructuralSchema schema = SeiNodeSchema();
  json object = FullNodeManifest();
  object["status"] = J(R"({
    "phase": "Bogus",
    "plan": {"phase": "Active", "tasks": [{"type": "mark-ready", "status": "Running"}]},
    "conditions": [
      {"type": "SidecarReady", "status": "True", "reason": "Ready", "message": "",
       "lastTransitionTime": "2026-06-06T16:31:50Z"},
      {"type": "SidecarReady", "status": "Maybe", "reason": "not a reason", "message": "",
       "lastTransitionTime": "yesterday"}]})");
  CHECK(
      Lines(PruneDefaultValidate(schema, &object, nullptr)) ==
      std::vector<std::string>{
          R"(status.conditions[1]|FieldValueDuplicate|Duplicate value: {"type":"SidecarReady"})",
          R"(status.conditions[1].lastTransitionTime|FieldValueTypeInvalid|Invalid value: "yesterday": status.conditions[1].lastTransitionTime in body must be of type date-time: "yesterday")",
          R"(status.conditions[1].reason|FieldValueInvalid|Invalid value: "not a reason": status.conditions[1].reason in body should match '^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$')",
          R"(status.conditions[1].status|FieldValueNotSupported|Unsupported value: "Maybe": supported values: "True", "False", "Unknown")",
          R"(status.phase|FieldValueNotSupported|Unsupported value: "Bogus": supported values: "Pending", "Initializing", "Running", "Failed", "Terminating")",
          "status.plan.tasks[0].id|FieldValueRequired|Required value",
          R"(status.plan.tasks[0].status|FieldValueNotSupported|Unsupported value: "Running": supported values: "Pending", "Complete", "Failed")"});
}

}  // namespace
}  // namespace sei::controlplane
