// The local control plane (which validates structural schemas the way
// kube-apiserver does) accepts the shipped CRDs, serves them as the spec
// names them, admits the example manifests and rejects invalid ones with 422
// naming the field. CEL rules are not evaluated there (the operator
// re-checks them itself, lib/planner/validation).
#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/tests/yaml_file.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/memory_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"

namespace sei::config {
namespace {

namespace cp = ::sei::controlplane;
using Json = nlohmann::json;

template <typename T>
T Must(absl::StatusOr<T> result) {
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return *std::move(result);
}

std::vector<std::string> YamlFilesUnder(const std::string& dir) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

struct ControlPlane {
  ControlPlane() {
    registry = cp::NewRegistryWithBuiltins();
    cp::StoreOptions options;
    options.clock = &clock;
    options.random_seed = 7;
    options.tick_interval = absl::ZeroDuration();
    store = cp::NewObjectStore(registry.get(), options);
  }

  cp::ResourceKey Builtin(const std::string& group, const std::string& resource) {
    cp::ResourceKey key;
    key.type = registry->Find(group, "v1", resource);
    REQUIRE(key.type != nullptr);
    return key;
  }

  Json InstallCrd(const std::string& path) {
    return Must(store->Create(Builtin("apiextensions.k8s.io", "customresourcedefinitions"),
                              Must(ReadSingleYamlDocument(path)), {}));
  }

  void InstallBothCrds() {
    InstallCrd("config/crd/sei.io_seinodes.yaml");
    InstallCrd("config/crd/sei.io_seinodetasks.yaml");
  }

  cp::ResourceKey Custom(const std::string& resource, const std::string& ns) {
    cp::ResourceKey key;
    key.type = registry->Find("sei.io", "v1alpha1", resource);
    REQUIRE(key.type != nullptr);
    key.ns = ns;
    EnsureNamespace(ns);
    return key;
  }

  void EnsureNamespace(const std::string& ns) {
    if (namespaces.insert(ns).second && ns != "default") {
      Json object = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}};
      store->Create(Builtin("", "namespaces"), object, {}).IgnoreError();
    }
  }

  // Creates a SeiNode or SeiNodeTask manifest as kubectl would send it.
  absl::StatusOr<Json> Create(const Json& manifest) {
    const std::string kind = manifest.value("kind", "");
    const std::string ns = manifest["metadata"].value("namespace", "default");
    return store->Create(Custom(kind == "SeiNode" ? "seinodes" : "seinodetasks", ns), manifest, {});
  }

  cp::FakeClock clock;
  std::unique_ptr<cp::ResourceRegistry> registry;
  std::unique_ptr<cp::MemoryStore> store;
  std::set<std::string> namespaces = {"default"};
};

// The 422 message of a rejected create.
std::string InvalidMessage(const absl::StatusOr<Json>& result) {
  REQUIRE_FALSE(result.ok());
  CHECK(cp::HttpCode(result.status()) == 422);
  CHECK(cp::Reason(result.status()) == "Invalid");
  return std::string(result.status().message());
}

Json MinimalNode(const std::string& name) {
  Json node = Json::parse(R"({"apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
    "metadata": {"namespace": "default"},
    "spec": {"chainId": "pacific-1", "image": "ghcr.io/sei-protocol/sei:v6.3.0", "archive": {}}})");
  node["metadata"]["name"] = name;
  return node;
}

Json MinimalTask(const std::string& name) {
  Json task = Json::parse(R"({"apiVersion": "sei.io/v1alpha1", "kind": "SeiNodeTask",
    "metadata": {"namespace": "default"},
    "spec": {"kind": "DiscoverPeers", "target": {"nodeRef": {"name": "node-0"}},
             "discoverPeers": {}}})");
  task["metadata"]["name"] = name;
  return task;
}

TEST_CASE("both CRDs are established and served as the spec names them", "[crd][admission]") {
  ControlPlane cluster;
  const Json nodes = cluster.InstallCrd("config/crd/sei.io_seinodes.yaml");
  const Json tasks = cluster.InstallCrd("config/crd/sei.io_seinodetasks.yaml");
  for (const Json* crd : {&nodes, &tasks}) {
    REQUIRE((*crd)["status"]["conditions"].size() == 2);
    CHECK((*crd)["status"]["conditions"][1]["type"] == "Established");
    CHECK((*crd)["status"]["conditions"][1]["status"] == "True");
    CHECK((*crd)["status"]["storedVersions"] == Json({"v1alpha1"}));
  }

  const cp::ResourceType* node = cluster.registry->Find("sei.io", "v1alpha1", "seinodes");
  REQUIRE(node != nullptr);
  CHECK(node->kind == "SeiNode");
  CHECK(node->list_kind == "SeiNodeList");
  CHECK(node->singular == "seinode");
  CHECK(node->short_names == std::vector<std::string>{"snode"});
  CHECK(node->namespaced);
  CHECK(node->has_status_subresource);
  REQUIRE(node->printer_columns.size() == 3);
  CHECK(node->printer_columns[0].name == "Phase");
  CHECK(node->printer_columns[0].json_path == ".status.phase");
  CHECK(node->printer_columns[1].name == "StatefulSet");
  CHECK(node->printer_columns[1].json_path == ".status.statefulSet.name");
  CHECK(node->printer_columns[1].priority == 1);
  CHECK(node->printer_columns[2].name == "Age");
  CHECK(node->printer_columns[2].type == "date");

  const cp::ResourceType* task = cluster.registry->Find("sei.io", "v1alpha1", "seinodetasks");
  REQUIRE(task != nullptr);
  CHECK(task->kind == "SeiNodeTask");
  CHECK(task->list_kind == "SeiNodeTaskList");
  CHECK(task->short_names == std::vector<std::string>{"snt"});
  CHECK(task->namespaced);
  CHECK(task->has_status_subresource);
  std::vector<std::string> columns;
  for (const cp::PrinterColumn& column : task->printer_columns) {
    columns.push_back(column.name + "=" + column.json_path);
  }
  CHECK(columns == std::vector<std::string>{"Kind=.spec.kind", "Target=.spec.target.nodeRef.name",
                                            "Phase=.status.phase",
                                            "Age=.metadata.creationTimestamp"});
}

const std::set<std::string> kAllowedAdmissionChanges = {
    "add /sidecar/port", "add /target/requirePhase", "add /target/requirePhaseTimeout",
    "remove /genesis",   "remove /storage",
};

TEST_CASE("every example manifest is admitted unchanged", "[crd][admission]") {
  std::vector<std::string> files = YamlFilesUnder("testdata/manifests");
  REQUIRE(files.size() >= 11);
  int created = 0;
  for (const std::string& file : files) {
    // One cluster per file: two examples are the same node at different times.
    ControlPlane cluster;
    cluster.InstallBothCrds();
    for (Json manifest : Must(ReadYamlFile(file))) {
      INFO(file << ": " << manifest["metadata"].value("name", ""));
      // Server-set metadata of the status example is not the client's to send.
      for (const char* key : {"uid", "resourceVersion", "generation", "creationTimestamp"}) {
        manifest["metadata"].erase(key);
      }
      const Json stored = Must(cluster.Create(manifest));
      // Unchanged but for the spec's defaults and the two undefined fields
      // of pacific-1-state-syncer.yaml, which a real API server prunes too.
      for (const Json& op : Json::diff(manifest["spec"], stored["spec"])) {
        const std::string change =
            op["op"].get<std::string>() + " " + op["path"].get<std::string>();
        INFO(change);
        CHECK(kAllowedAdmissionChanges.count(change) == 1);
      }
      ++created;
    }
  }
  CHECK(created >= 12);
}

TEST_CASE("the API server's defaults are the spec's", "[crd][admission]") {
  ControlPlane cluster;
  cluster.InstallBothCrds();

  Json node = MinimalNode("with-sidecar");
  node["spec"]["sidecar"] = {{"image", "ghcr.io/sei-protocol/seictl:v0.0.55"}};
  CHECK(Must(cluster.Create(node))["spec"]["sidecar"]["port"] == 7777);
  // No sidecar, no default: the default applies inside a present object only.
  CHECK_FALSE(Must(cluster.Create(MinimalNode("no-sidecar")))["spec"].contains("sidecar"));

  Json validator = MinimalNode("val");
  validator["spec"].erase("archive");
  validator["spec"]["validator"] = Json::parse(R"({"operatorKeyring": {"secret": {
      "secretName": "keyring", "passphraseSecretRef": {"secretName": "pass", "key": "p"}}}})");
  CHECK(Must(cluster.Create(
            validator))["spec"]["validator"]["operatorKeyring"]["secret"]["keyName"] ==
        "node_admin");

  const Json task = Must(cluster.Create(MinimalTask("t")));
  CHECK(task["spec"]["target"]["requirePhase"] == "Running");
  CHECK(task["spec"]["target"]["requirePhaseTimeout"] == "5m");
  CHECK_FALSE(task["spec"].contains("timeoutSeconds"));
}

TEST_CASE("fields the schema does not define are pruned", "[crd][admission]") {
  ControlPlane cluster;
  cluster.InstallBothCrds();
  const Json manifest =
      Must(ReadSingleYamlDocument("testdata/manifests/examples/pacific-1-state-syncer.yaml"));
  const Json stored = Must(cluster.Create(manifest));
  CHECK_FALSE(stored["spec"].contains("genesis"));
  CHECK_FALSE(stored["spec"].contains("storage"));
  CHECK(stored["spec"]["fullNode"]["snapshot"]["stateSync"] == Json::object());
  CHECK(stored["spec"]["fullNode"]["snapshotGeneration"]["tendermint"]["publish"] ==
        Json::object());
}

TEST_CASE("status is written through /status and keeps opaque task params", "[crd][admission]") {
  ControlPlane cluster;
  cluster.InstallBothCrds();
  Json manifest =
      Must(ReadSingleYamlDocument("testdata/manifests/spec/seinode-status-mid-update.yaml"));
  const Json status = manifest["status"];
  for (const char* key : {"uid", "resourceVersion", "generation", "creationTimestamp"}) {
    manifest["metadata"].erase(key);
  }
  Json stored = Must(cluster.Create(manifest));
  CHECK_FALSE(stored.contains("status"));  // dropped on create: status subresource

  stored["status"] = status;
  const cp::ResourceKey key = cluster.Custom("seinodes", "sei-mainnet");
  const Json updated =
      Must(cluster.store->Update(key, "pacific-1-archive-0", stored, cp::Subresource::kStatus, {}));
  CHECK(updated["status"]["phase"] == "Running");
  CHECK(updated["status"]["plan"]["tasks"][1]["params"]["TargetHeight"] == 198740000);
  CHECK(updated["status"]["plan"]["tasks"][1]["params"]["Nested"]["list"][2] == "three");
  CHECK(updated["status"]["resolvedRPCWitnesses"].size() == 1);

  Json bad = updated;
  bad["status"]["phase"] = "Exploded";
  bad["status"]["plan"]["tasks"][0]["status"] = "Running";  // no Running task status exists
  const std::string message = InvalidMessage(
      cluster.store->Update(key, "pacific-1-archive-0", bad, cp::Subresource::kStatus, {}));
  CHECK_THAT(message, Catch::Contains("status.phase: Unsupported value: \"Exploded\""));
  CHECK_THAT(message,
             Catch::Contains("status.plan.tasks[0].status: Unsupported value: \"Running\""));
}

TEST_CASE("invalid SeiNodes are rejected with 422 naming the field", "[crd][admission]") {
  ControlPlane cluster;
  cluster.InstallBothCrds();

  SECTION("pattern: chainId must be a DNS label") {
    Json node = MinimalNode("bad-chain");
    node["spec"]["chainId"] = "Pacific_1";
    CHECK_THAT(InvalidMessage(cluster.Create(node)),
               Catch::Contains("spec.chainId: Invalid value: \"Pacific_1\": spec.chainId in body "
                               "should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'"));
  }
  SECTION("required: image") {
    Json node = MinimalNode("no-image");
    node["spec"].erase("image");
    CHECK_THAT(InvalidMessage(cluster.Create(node)), Catch::Contains("spec.image: Required value"));
  }
  SECTION("maxLength: image") {
    Json node = MinimalNode("long-image");
    node["spec"]["image"] = std::string(513, 'a');
    CHECK_THAT(InvalidMessage(cluster.Create(node)),
               Catch::Contains("spec.image: Too long: may not be"));
  }
  SECTION("minimum: s3.targetHeight") {
    Json node = MinimalNode("zero-height");
    node["spec"].erase("archive");
    node["spec"]["fullNode"] = {{"snapshot", {{"s3", {{"targetHeight", 0}}}}}};
    CHECK_THAT(InvalidMessage(cluster.Create(node)),
               Catch::Contains("spec.fullNode.snapshot.s3.targetHeight: Invalid value: 0"));
  }
  SECTION("required lists deep in the tree and minProperties") {
    Json node = MinimalNode("peers");
    node["spec"]["peers"] = Json::parse(R"([{"ec2Tags": {"tags": {}}}, {"static": {}}])");
    const std::string message = InvalidMessage(cluster.Create(node));
    CHECK_THAT(message, Catch::Contains("spec.peers[0].ec2Tags.region: Required value"));
    CHECK_THAT(message, Catch::Contains("spec.peers[0].ec2Tags.tags: Invalid value: 0"));
    CHECK_THAT(message, Catch::Contains("spec.peers[1].static.addresses: Required value"));
  }
  SECTION("pattern: a quantity that is not one") {
    Json node = MinimalNode("quantity");
    node["spec"]["sidecar"] = {{"resources", {{"requests", {{"cpu", "lots"}}}}}};
    CHECK_THAT(InvalidMessage(cluster.Create(node)),
               Catch::Contains("spec.sidecar.resources.requests.cpu: Invalid value: \"lots\""));
  }
  SECTION("type: a number where a string belongs") {
    Json node = MinimalNode("typed");
    node["spec"]["overrides"] = {{"mempool.size", 5000}};
    CHECK_THAT(InvalidMessage(cluster.Create(node)),
               Catch::Contains("spec.overrides.mempool.size: Invalid value: \"integer\""));
  }
}

TEST_CASE("invalid SeiNodeTasks are rejected with 422 naming the field", "[crd][admission]") {
  ControlPlane cluster;
  cluster.InstallBothCrds();

  SECTION("enum: kind") {
    Json task = MinimalTask("bad-kind");
    task["spec"]["kind"] = "Reboot";
    CHECK_THAT(InvalidMessage(cluster.Create(task)),
               Catch::Contains("spec.kind: Unsupported value: \"Reboot\""));
  }
  SECTION("enum: vote option and requirePhase") {
    Json task = MinimalTask("bad-vote");
    task["spec"]["kind"] = "GovVote";
    task["spec"].erase("discoverPeers");
    task["spec"]["target"]["requirePhase"] = "Ready";
    task["spec"]["govVote"] = Json::parse(
        R"({"chainId": "c", "proposalId": 1, "option": "maybe", "fees": "1usei", "gas": 1})");
    const std::string message = InvalidMessage(cluster.Create(task));
    CHECK_THAT(message, Catch::Contains("spec.govVote.option: Unsupported value: \"maybe\""));
    CHECK_THAT(message, Catch::Contains("spec.target.requirePhase: Unsupported value: \"Ready\""));
  }
  SECTION("required: target and the payload's fields") {
    Json task = MinimalTask("no-target");
    task["spec"].erase("target");
    task["spec"]["kind"] = "RestartPod";
    task["spec"].erase("discoverPeers");
    task["spec"]["restartPod"] = Json::object();
    const std::string message = InvalidMessage(cluster.Create(task));
    CHECK_THAT(message, Catch::Contains("spec.target: Required value"));
    CHECK_THAT(message, Catch::Contains("spec.restartPod.podUID: Required value"));
  }
  SECTION("pattern: nodeRef.name and keyName") {
    Json task = MinimalTask("bad-names");
    task["spec"]["target"]["nodeRef"]["name"] = "Node_0";
    CHECK_THAT(InvalidMessage(cluster.Create(task)),
               Catch::Contains("spec.target.nodeRef.name: Invalid value: \"Node_0\""));
  }
  SECTION("minimum: timeoutSeconds") {
    Json task = MinimalTask("negative-timeout");
    task["spec"]["timeoutSeconds"] = -1;
    CHECK_THAT(InvalidMessage(cluster.Create(task)),
               Catch::Contains("spec.timeoutSeconds: Invalid value: -1"));
  }
}

}  // namespace
}  // namespace sei::config
