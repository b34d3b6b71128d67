// The CEL rules (x-kubernetes-validations) of the shipped CRDs are exactly
// the spec's, where the spec attaches them, in its order, with its messages:
// api.md §7 (R-*) and nodetask.md §7 (T1..T11). Neither the local control
// plane nor any other test evaluates CEL, so the strings themselves are what
// a real API server will run.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "config/tests/yaml_file.h"

namespace sei::config {
namespace {

using Json = nlohmann::json;

struct Rule {
  std::string path;  // "spec.peers[*]": where the rule is attached
  std::string rule;
  std::string message;

  bool operator==(const Rule& other) const {
    return path == other.path && rule == other.rule && message == other.message;
  }
};

std::string ToString(const Rule& r) {
  return absl::StrCat(r.path, " | ", r.rule, " | ", r.message);
}

// Every rule, nodes visited by sorted path (nlohmann::json keeps object keys
// sorted); within one node in the CRD's order, which is the order that
// matters (the API server reports failures in it).
void Collect(const std::string& path, const Json& schema, std::vector<Rule>* out) {
  for (const Json& validation : schema.value("x-kubernetes-validations", Json::array())) {
    out->push_back({path, validation.value("rule", ""), validation.value("message", "")});
  }
  const Json properties = schema.value("properties", Json::object());
  for (const auto& property : properties.items()) {
    Collect(path.empty() ? property.key() : absl::StrCat(path, ".", property.key()),
            property.value(), out);
  }
  if (schema.contains("items")) Collect(path + "[*]", schema["items"], out);
  if (schema.contains("additionalProperties") && schema["additionalProperties"].is_object()) {
    Collect(path + "[*]", schema["additionalProperties"], out);
  }
}

Json SchemaOf(const std::string& crd_path) {
  absl::StatusOr<Json> crd = ReadSingleYamlDocument(crd_path);
  INFO(crd.status().ToString());
  REQUIRE(crd.ok());
  return (*crd)["spec"]["versions"][0]["schema"]["openAPIV3Schema"];
}

std::vector<Rule> RulesOf(const Json& schema) {
  std::vector<Rule> rules;
  Collect("", schema, &rules);
  return rules;
}

std::vector<Rule> RulesInCrd(const std::string& crd_path) { return RulesOf(SchemaOf(crd_path)); }

void CheckSameRules(const std::vector<Rule>& actual, const std::vector<Rule>& expected) {
  std::vector<std::string> a, e;
  for (const Rule& r : actual) a.push_back(ToString(r));
  for (const Rule& r : expected) e.push_back(ToString(r));
  INFO("CRD:\n" << absl::StrJoin(a, "\n") << "\nspec:\n" << absl::StrJoin(e, "\n"));
  CHECK(a == e);
}

const char kSnapshotRule[] = "(has(self.s3) ? 1 : 0) + (has(self.stateSync) ? 1 : 0) == 1";
const char kSnapshotMessage[] = "exactly one of s3 or stateSync must be set";

TEST_CASE("SeiNode carries every CEL rule of api.md §7 and no other", "[crd][cel]") {
  // Sorted by path, as Collect visits them; within a path, in the spec's order.
  const std::vector<Rule> expected = {
      {"spec",
       "(has(self.fullNode) ? 1 : 0) + (has(self.archive) ? 1 : 0) + (has(self.replayer) ? 1 : 0) "
       "+ (has(self.validator) ? 1 : 0) == 1",
       "exactly one of fullNode, archive, replayer, or validator must be set"},  // R-N1
      {"spec", "!has(self.replayer) || (has(self.peers) && size(self.peers) > 0)",
       "peers is required when replayer mode is set"},  // R-N2
      {"spec.dataVolume", "(!has(oldSelf.import) || has(self.import))",
       "import cannot be unset once configured"},                                     // R-DV1
      {"spec.dataVolume.import.pvcName", "self == oldSelf", "pvcName is immutable"},  // R-DV2
      {"spec.fullNode.snapshot", kSnapshotRule, kSnapshotMessage},                    // R-S1
      {"spec.peers[*]",
       "(has(self.ec2Tags) ? 1 : 0) + (has(self.static) ? 1 : 0) + (has(self.label) ? 1 : 0) == 1",
       "exactly one of ec2Tags, static, or label must be set"},     // R-P1
      {"spec.replayer.snapshot", kSnapshotRule, kSnapshotMessage},  // R-S1
      {"spec.validator", "has(self.signingKey) == has(self.nodeKey)",
       "signingKey and nodeKey must be set together (validators get both or neither)"},  // R-V1
      {"spec.validator",
       "!has(self.signingKey) || !has(self.nodeKey) || self.signingKey.secret.secretName != "
       "self.nodeKey.secret.secretName",
       "signingKey and nodeKey must reference distinct Secrets — packing both keys in one Secret "
       "collapses the bootstrap-pod trust boundary"},  // R-V2
      {"spec.validator",
       "!has(self.operatorKeyring) || !has(self.signingKey) || "
       "self.operatorKeyring.secret.secretName != self.signingKey.secret.secretName",
       "operatorKeyring and signingKey must reference distinct Secrets — collapsing them into one "
       "Secret would force the sidecar/seid trust boundary to evaporate"},  // R-V3
      {"spec.validator",
       "!has(self.operatorKeyring) || !has(self.nodeKey) || "
       "self.operatorKeyring.secret.secretName != self.nodeKey.secret.secretName",
       "operatorKeyring and nodeKey must reference distinct Secrets"},  // R-V4
      {"spec.validator",
       "!has(self.operatorKeyring) || self.operatorKeyring.secret.secretName != "
       "self.operatorKeyring.secret.passphraseSecretRef.secretName",
       "operatorKeyring data Secret and passphrase Secret must be distinct"},  // R-V5
      {"spec.validator",
       "!has(self.operatorKeyring) || !has(self.signingKey) || "
       "self.operatorKeyring.secret.passphraseSecretRef.secretName != "
       "self.signingKey.secret.secretName",
       "operatorKeyring passphrase Secret must not equal signingKey Secret"},  // R-V6
      {"spec.validator",
       "!has(self.operatorKeyring) || !has(self.nodeKey) || "
       "self.operatorKeyring.secret.passphraseSecretRef.secretName != "
       "self.nodeKey.secret.secretName",
       "operatorKeyring passphrase Secret must not equal nodeKey Secret"},  // R-V7
      {"spec.validator.nodeKey", "(has(self.secret) ? 1 : 0) == 1",
       "exactly one node key source must be set"},  // R-V9
      {"spec.validator.nodeKey.secret.secretName", "self == oldSelf",
       "secretName is immutable"},  // R-K2
      {"spec.validator.operatorKeyring.secret.passphraseSecretRef.secretName", "self == oldSelf",
       "passphrase secretName is immutable"},  // R-K4
      {"spec.validator.operatorKeyring.secret.secretName", "self == oldSelf",
       "secretName is immutable"},  // R-K3
      {"spec.validator.signingKey", "(has(self.secret) ? 1 : 0) == 1",
       "exactly one signing key source must be set"},  // R-V8
      {"spec.validator.signingKey.secret.secretName", "self == oldSelf",
       "secretName is immutable"},                                   // R-K1
      {"spec.validator.snapshot", kSnapshotRule, kSnapshotMessage},  // R-S1
  };
  CheckSameRules(RulesInCrd("config/crd/sei.io_seinodes.yaml"), expected);
}

TEST_CASE("SeiNodeTask carries T1..T11 of nodetask.md §7 and no other", "[crd][cel]") {
  std::vector<Rule> expected = {
      {"spec",
       "(has(self.govSoftwareUpgrade) ? 1 : 0) + (has(self.govVote) ? 1 : 0) + "
       "(has(self.awaitCondition) ? 1 : 0) + (has(self.updateNodeImage) ? 1 : 0) + "
       "(has(self.awaitNodesAtHeight) ? 1 : 0) + (has(self.discoverPeers) ? 1 : 0) + "
       "(has(self.restartPod) ? 1 : 0) == 1",
       "exactly one of govSoftwareUpgrade, govVote, awaitCondition, updateNodeImage, "
       "awaitNodesAtHeight, discoverPeers, or restartPod must be set"},  // T1
  };
  for (const char* kind : {"GovSoftwareUpgrade", "GovVote", "AwaitCondition", "UpdateNodeImage",
                           "AwaitNodesAtHeight", "DiscoverPeers", "RestartPod"}) {  // T2..T8
    std::string payload = kind;
    payload[0] = static_cast<char>(payload[0] - 'A' + 'a');
    expected.push_back({"spec",
                        absl::StrCat("self.kind != '", kind, "' || has(self.", payload, ")"),
                        absl::StrCat("spec.", payload, " is required when kind=", kind)});
  }
  expected.push_back(
      {"spec",
       "self.kind != 'RestartPod' || (has(self.restartPod) && size(self.restartPod.podUID) > 0)",
       "spec.restartPod.podUID is required when kind=RestartPod"});                     // T9
  expected.push_back({"spec", "self.kind == oldSelf.kind", "spec.kind is immutable"});  // T10
  expected.push_back({"spec.awaitCondition", "(has(self.height) ? 1 : 0) == 1",
                      "exactly one condition must be set (currently: height)"});  // T11
  CheckSameRules(RulesInCrd("config/crd/sei.io_seinodetasks.yaml"), expected);
}

TEST_CASE("a changed message, a moved rule and a missing rule are all seen", "[crd][cel]") {
  Json schema = SchemaOf("config/crd/sei.io_seinodes.yaml");
  const std::vector<Rule> original = RulesOf(schema);
  Json& spec = schema["properties"]["spec"];
  Json& archive = spec["properties"]["archive"];

  Json reworded = schema;
  reworded["properties"]["spec"]["x-kubernetes-validations"][1]["message"] = "peers are required";
  CHECK_FALSE(RulesOf(reworded) == original);

  archive["x-kubernetes-validations"] = Json::array({spec["x-kubernetes-validations"][0]});
  spec["x-kubernetes-validations"].erase(0);
  const std::vector<Rule> moved = RulesOf(schema);
  CHECK(moved.size() == original.size());
  CHECK_FALSE(moved == original);

  schema["properties"]["spec"]["properties"]["archive"].erase("x-kubernetes-validations");
  CHECK(RulesOf(schema).size() == original.size() - 1);
}

}  // namespace
}  // namespace sei::config
