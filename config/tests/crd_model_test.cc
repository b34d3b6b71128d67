// The shipped CRDs and the proto API model describe the same fields.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "config/tests/schema_model_diff.h"
#include "config/tests/yaml_file.h"
#include "proto/sei/v1alpha1/seinode.pb.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::config {
namespace {

using Json = nlohmann::json;

Json SchemaOf(const std::string& path) {
  absl::StatusOr<Json> crd = ReadSingleYamlDocument(path);
  INFO(crd.status().ToString());
  REQUIRE(crd.ok());
  REQUIRE((*crd)["spec"]["versions"].size() == 1);
  return (*crd)["spec"]["versions"][0]["schema"]["openAPIV3Schema"];
}

const char* const kSeiNodeCrd = "config/crd/sei.io_seinodes.yaml";
const char* const kSeiNodeTaskCrd = "config/crd/sei.io_seinodetasks.yaml";

TEST_CASE("the SeiNode CRD declares exactly the fields of the proto model", "[crd][model]") {
  const std::vector<std::string> problems =
      DiffModelAndSchema(*v1alpha1::SeiNode::descriptor(), SchemaOf(kSeiNodeCrd));
  INFO(absl::StrJoin(problems, "\n"));
  CHECK(problems.empty());
}

TEST_CASE("the SeiNodeTask CRD declares exactly the fields of the proto model", "[crd][model]") {
  const std::vector<std::string> problems =
      DiffModelAndSchema(*v1alpha1::SeiNodeTask::descriptor(), SchemaOf(kSeiNodeTaskCrd));
  INFO(absl::StrJoin(problems, "\n"));
  CHECK(problems.empty());
}

// The comparison itself must be able to fail, in both directions and on types.
TEST_CASE("a CRD that drifts from the model is reported field by field", "[crd][model]") {
  Json schema = SchemaOf(kSeiNodeCrd);
  Json& spec = schema["properties"]["spec"]["properties"];
  spec.erase("externalAddress");
  spec["replicas"] = {{"type", "integer"}};
  spec["sidecar"]["properties"]["port"]["type"] = "string";
  spec["podLabels"] = {{"type", "object"}, {"properties", Json::object()}};
  spec["fullNode"]["properties"]["snapshot"]["properties"]["backfillBlocks"]["format"] = "int32";
  spec["archive"]["properties"]["snapshotGeneration"]["properties"]["tendermint"]["properties"]
      ["publish"]["x-kubernetes-preserve-unknown-fields"] = true;
  Json& status = schema["properties"]["status"]["properties"];
  status["phase"]["enum"].erase(status["phase"]["enum"].begin());  // drop Pending
  status["phaseTransitionTime"].erase("format");
  status["plan"]["properties"]["tasks"]["items"]["properties"]["params"]["type"] = "object";
  status["resolvedPeers"] = {{"type", "string"}};
  status["currentImage"] = {{"type", "string"}, {"x-kubernetes-int-or-string", true}};

  const std::vector<std::string> expected = {
      "spec.archive.snapshotGeneration.tendermint.publish: CRD preserves unknown fields the "
      "proto model would drop",
      "spec.externalAddress: in the proto model, not in the CRD",
      "spec.fullNode.snapshot.backfillBlocks: proto int64 but CRD format \"int32\"",
      "spec.podLabels: proto map needs an object with additionalProperties and no properties",
      "spec.replicas: in the CRD, not in the proto model",
      "spec.sidecar.port: proto int32 but CRD type \"string\"",
      "status.currentImage: CRD accepts int-or-string but the proto model holds a plain string",
      "status.phase: proto enum values {Failed, Initializing, Pending, Running, Terminating} but "
      "CRD enum {Failed, Initializing, Running, Terminating}",
      "status.phaseTransitionTime: proto Timestamp needs format date-time",
      "status.plan.tasks[*].params: proto Value needs an untyped "
      "x-kubernetes-preserve-unknown-fields schema",
      "status.resolvedPeers: proto repeated field but CRD type \"string\"",
  };
  CHECK(DiffModelAndSchema(*v1alpha1::SeiNode::descriptor(), schema) == expected);
}

TEST_CASE("int-or-string quantities and map values are checked", "[crd][model]") {
  Json schema = SchemaOf(kSeiNodeCrd);
  Json& resources =
      schema["properties"]["spec"]["properties"]["sidecar"]["properties"]["resources"];
  resources["properties"]["limits"]["additionalProperties"] = {{"type", "string"}};
  schema["properties"]["spec"]["properties"]["overrides"]["additionalProperties"] = {
      {"type", "integer"}};
  CHECK(DiffModelAndSchema(*v1alpha1::SeiNode::descriptor(), schema) ==
        std::vector<std::string>{
            "spec.overrides[*]: proto string but CRD type \"integer\"",
            "spec.sidecar.resources.limits[*]: proto int_or_string but CRD lacks "
            "x-kubernetes-int-or-string",
        });
}

}  // namespace
}  // namespace sei::config
