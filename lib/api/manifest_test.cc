#include "lib/api/manifest.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "google/protobuf/util/message_differencer.h"
#include "lib/api/test_util.h"
#include "lib/api/yaml_documents.h"

namespace sei::api {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using nlohmann::json;
using ::sei::api::testing::ReadTestFile;
using ::sei::api::testing::Unordered;
using ::sei::api::testing::YamlFilesIn;

constexpr char kExamples[] = "testdata/manifests/examples";
constexpr char kSpecExamples[] = "testdata/manifests/spec";

std::vector<Manifest> MustRead(const std::string& text, bool strict = false) {
  DecodeOptions options;
  options.strict = strict;
  absl::StatusOr<std::vector<Manifest>> manifests = ReadManifests(text, options);
  INFO(manifests.status().ToString());
  REQUIRE(manifests.ok());
  return *std::move(manifests);
}

std::string ReadError(const std::string& text, bool strict = false) {
  DecodeOptions options;
  options.strict = strict;
  absl::StatusOr<std::vector<Manifest>> manifests = ReadManifests(text, options);
  INFO(text);
  REQUIRE_FALSE(manifests.ok());
  CHECK(manifests.status().code() == absl::StatusCode::kInvalidArgument);
  const std::string message(manifests.status().message());
  CHECK(message.find('\n') == std::string::npos);
  return message;
}

bool SameObject(const Manifest& a, const Manifest& b) {
  if (a.object.index() != b.object.index()) return false;
  if (const auto* node = std::get_if<v1alpha1::SeiNode>(&a.object)) {
    return MessageDifferencer::Equals(*node, std::get<v1alpha1::SeiNode>(b.object));
  }
  return MessageDifferencer::Equals(std::get<v1alpha1::SeiNodeTask>(a.object),
                                    std::get<v1alpha1::SeiNodeTask>(b.object));
}

// Drops the fields reported as unknown (dotted paths only), as the API
// server prunes them, so the rest can be compared with what the codec writes.
json Pruned(json doc, const std::vector<DecodeIssue>& unknown) {
  for (const DecodeIssue& issue : unknown) {
    const size_t dot = issue.path.rfind('.');
    REQUIRE(dot != std::string::npos);
    REQUIRE(issue.path.find('[') == std::string::npos);
    const std::string parent = "/" + absl::StrReplaceAll(issue.path.substr(0, dot), {{".", "/"}});
    REQUIRE(doc[json::json_pointer(parent)].erase(issue.path.substr(dot + 1)) == 1);
  }
  return doc;
}

std::vector<std::string> AllManifestFiles() {
  std::vector<std::string> files = YamlFilesIn(kExamples);
  for (const std::string& file : YamlFilesIn(kSpecExamples)) files.push_back(file);
  return files;
}

TEST_CASE("The published examples read as SeiNodes", "[manifest]") {
  const std::vector<std::string> files = YamlFilesIn(kExamples);
  REQUIRE(files.size() == 4);
  for (const std::string& file : files) {
    INFO(file);
    const std::vector<Manifest> manifests = MustRead(ReadTestFile(file));
    REQUIRE(manifests.size() == 1);
    const auto* node = std::get_if<v1alpha1::SeiNode>(&manifests[0].object);
    REQUIRE(node != nullptr);
    CHECK(manifests[0].document_index == 0);
    // The document starts at `apiVersion`, after each file's comment header.
    const int expected_line = file.find("shadow-replayer") != std::string::npos ? 7
                              : file.find("state-syncer") != std::string::npos  ? 5
                                                                                : 6;
    CHECK(manifests[0].line == expected_line);
    CHECK(node->kind() == "SeiNode");
    CHECK(node->spec().chain_id() == "pacific-1");
    CHECK(node->metadata().namespace_() == "default");
    CHECK(node->spec().peers(0).ec2_tags().tags().at("ChainIdentifier") == "pacific-1");
  }
  const std::string dir = kExamples;

  const Manifest full = MustRead(ReadTestFile(dir + "/pacific-1-full-node.yaml"))[0];
  const auto& full_spec = std::get<v1alpha1::SeiNode>(full.object).spec();
  CHECK(full_spec.full_node().snapshot().s3().target_height() == 198740000);
  CHECK(full_spec.full_node().snapshot().trust_period() == "9999h0m0s");
  CHECK(full.warnings.empty());

  const Manifest replayer = MustRead(ReadTestFile(dir + "/pacific-1-shadow-replayer.yaml"))[0];
  const auto& replayer_spec = std::get<v1alpha1::SeiNode>(replayer.object).spec();
  CHECK(replayer_spec.overrides().at("giga_executor.enabled") == "true");
  CHECK(replayer_spec.overrides().at("mempool.size") == "0");
  CHECK(replayer_spec.replayer().result_export().shadow_result().canonical_rpc() ==
        "http://rpc.pacific-1.prod.platform.sei.io:26657");
  CHECK(replayer_spec.replayer().snapshot().bootstrap_image() == "ghcr.io/sei-protocol/sei:v6.3.0");

  const Manifest snapshotter = MustRead(ReadTestFile(dir + "/pacific-1-snapshotter.yaml"))[0];
  const auto& archive = std::get<v1alpha1::SeiNode>(snapshotter.object).spec().archive();
  CHECK(archive.snapshot_generation().tendermint().keep_recent() == 5);
  CHECK(archive.snapshot_generation().tendermint().has_publish());
}

TEST_CASE("Undefined fields in the state-syncer example are reported, not fatal", "[manifest]") {
  const std::string text = ReadTestFile(std::string(kExamples) + "/pacific-1-state-syncer.yaml");
  const std::vector<Manifest> manifests = MustRead(text);
  REQUIRE(manifests.size() == 1);
  std::vector<std::string> paths;
  for (const DecodeIssue& w : manifests[0].warnings) paths.push_back(w.path);
  CHECK(paths == std::vector<std::string>{"spec.genesis", "spec.storage"});
  CHECK(manifests[0].warnings[0].message == "unknown field \"spec.genesis\"");
  const auto& spec = std::get<v1alpha1::SeiNode>(manifests[0].object).spec();
  CHECK(spec.full_node().snapshot().has_state_sync());
  CHECK(spec.full_node().snapshot_generation().tendermint().keep_recent() == 5);

  CHECK(ReadError(text, /*strict=*/true) ==
        "document 1 (line 5): unknown field \"spec.genesis\", unknown field \"spec.storage\"");
}

TEST_CASE("Decode then encode reproduces every manifest exactly", "[manifest]") {
  const std::vector<std::string> files = AllManifestFiles();
  REQUIRE(files.size() > 4);
  for (const std::string& file : files) {
    INFO(file);
    const std::string text = ReadTestFile(file);
    const absl::StatusOr<std::vector<Document>> docs = ParseYamlDocuments(text);
    REQUIRE(docs.ok());
    const std::vector<Manifest> manifests = MustRead(text);
    REQUIRE(manifests.size() == docs->size());
    for (size_t i = 0; i < manifests.size(); ++i) {
      INFO("document " << i);
      CHECK(manifests[i].document_index == static_cast<int>(i));
      CHECK(manifests[i].line == (*docs)[i].line);
      CHECK(Unordered(ManifestToJson(manifests[i])) ==
            Pruned((*docs)[i].json, manifests[i].warnings));
    }
  }
}

TEST_CASE("WriteManifestsYaml output reads back to the same objects", "[manifest]") {
  std::string all;
  for (const std::string& file : AllManifestFiles()) all += ReadTestFile(file) + "\n---\n";
  const std::vector<Manifest> manifests = MustRead(all);
  REQUIRE(manifests.size() >= 9);
  const std::string yaml = WriteManifestsYaml(manifests);
  const std::vector<Manifest> again = MustRead(yaml, /*strict=*/true);
  REQUIRE(again.size() == manifests.size());
  for (size_t i = 0; i < manifests.size(); ++i) {
    INFO("object " << i);
    CHECK(SameObject(manifests[i], again[i]));
    CHECK(again[i].document_index == static_cast<int>(i));
    CHECK(again[i].warnings.empty());
  }
  // Writing is deterministic.
  CHECK(WriteManifestsYaml(again) == yaml);
}

TEST_CASE("The written YAML looks like a hand-written manifest", "[manifest]") {
  const std::vector<Manifest> manifests =
      MustRead(ReadTestFile(std::string(kExamples) + "/pacific-1-snapshotter.yaml"));
  CHECK(WriteManifestsYaml(manifests) ==
        "apiVersion: sei.io/v1alpha1\n"
        "kind: SeiNode\n"
        "metadata:\n"
        "  name: pacific-1-snapshotter\n"
        "  namespace: default\n"
        "spec:\n"
        "  chainId: pacific-1\n"
        "  image: ghcr.io/sei-protocol/sei:v6.3.0\n"
        "  peers:\n"
        "    - ec2Tags:\n"
        "        region: eu-central-1\n"
        "        tags:\n"
        "          ChainIdentifier: pacific-1\n"
        "          Component: state-syncer\n"
        "  sidecar:\n"
        "    image: ghcr.io/sei-protocol/seictl@sha256:"
        "2cb320dd583000765520293d4e28ecc79fed4432c76760923d3aaa47803a4dbf\n"
        "  archive:\n"
        "    snapshotGeneration:\n"
        "      tendermint:\n"
        "        keepRecent: 5\n"
        "        publish: {}\n");
}

TEST_CASE("YAML values keep their meaning through read and write", "[manifest]") {
  const std::string text = R"(apiVersion: sei.io/v1alpha1
kind: SeiNode
metadata:
  name: node-a
  labels: {"on": "yes", count: "3"}
spec:
  chainId: pacific-1
  image: img
  sidecar:
    port: 7777
    resources:
      requests: {cpu: 4, memory: 256Mi}
      limits: {cpu: 0.5, memory: "1Gi"}
  overrides:
    giga_executor.enabled: "true"
  fullNode:
    snapshot:
      s3:
        targetHeight: 9007199254740993
      backfillBlocks: 0x10
status:
  plan:
    phase: Active
    tasks:
      - type: snapshot-restore
        id: x
        status: Pending
        params: {TargetHeight: 198740000, Flag: yes, Text: "yes", Missing: ~}
)";
  const std::vector<Manifest> manifests = MustRead(text, /*strict=*/true);
  REQUIRE(manifests.size() == 1);
  const auto& node = std::get<v1alpha1::SeiNode>(manifests[0].object);
  CHECK(node.metadata().labels().at("on") == "yes");
  CHECK(node.spec().sidecar().resources().requests().at("cpu") == "4");
  CHECK(node.spec().sidecar().resources().limits().at("cpu") == "0.5");
  CHECK(node.spec().overrides().at("giga_executor.enabled") == "true");
  CHECK(node.spec().full_node().snapshot().s3().target_height() == 9007199254740993LL);
  CHECK(node.spec().full_node().snapshot().backfill_blocks() == 16);

  const std::string written = WriteManifestsYaml(manifests);
  CHECK(written.find("      targetHeight: 9007199254740993\n") != std::string::npos);
  CHECK(written.find("        cpu: \"4\"\n") != std::string::npos);
  CHECK(written.find("    \"on\": \"yes\"\n") != std::string::npos);
  CHECK(written.find("    giga_executor.enabled: \"true\"\n") != std::string::npos);
  CHECK(written.find("        params:\n"
                     "          Flag: true\n"
                     "          Missing: null\n"
                     "          TargetHeight: 198740000\n"
                     "          Text: \"yes\"\n") != std::string::npos);
  const std::vector<Manifest> again = MustRead(written, /*strict=*/true);
  CHECK(SameObject(manifests[0], again[0]));

  // A bare yes (or y, n, on, off) where a string is required is a boolean,
  // exactly as kubectl would send it.
  CHECK(ReadError("apiVersion: sei.io/v1alpha1\nkind: SeiNode\nspec:\n  overrides:\n"
                  "    giga_executor.enabled: yes\n") ==
        "document 1 (line 1): spec.overrides[giga_executor.enabled]: expected a string, got "
        "boolean true (YAML reads unquoted yes/no/on/off/y/n/true/false as booleans: quote the value)");
}

TEST_CASE("Streams mix SeiNodes and SeiNodeTasks", "[manifest]") {
  const std::vector<Manifest> manifests =
      MustRead(ReadTestFile(std::string(kSpecExamples) + "/seinodetask-refresh-peers.yaml") +
               "---\n" + ReadTestFile(std::string(kSpecExamples) + "/seinode-validator.yaml"));
  REQUIRE(manifests.size() == 3);
  const auto* discover = std::get_if<v1alpha1::SeiNodeTask>(&manifests[0].object);
  REQUIRE(discover != nullptr);
  CHECK(discover->spec().kind() == "DiscoverPeers");
  CHECK(discover->spec().has_discover_peers());
  const auto* restart = std::get_if<v1alpha1::SeiNodeTask>(&manifests[1].object);
  REQUIRE(restart != nullptr);
  CHECK(manifests[1].document_index == 1);
  CHECK(manifests[1].line == 16);
  CHECK(restart->spec().timeout_seconds() == 900);
  CHECK(restart->spec().restart_pod().pod_uid() == "4e0c9a7b-1d2f-4a6b-8c3e-5f7a9b1c2d3e");
  const auto* validator = std::get_if<v1alpha1::SeiNode>(&manifests[2].object);
  REQUIRE(validator != nullptr);
  CHECK(manifests[2].document_index == 2);
  CHECK(validator->spec().validator().operator_keyring().secret().passphrase_secret_ref().key() ==
        "passphrase");
}

TEST_CASE("A List is expanded into its items", "[manifest]") {
  const std::string text = R"(apiVersion: v1
kind: List
items:
  - apiVersion: sei.io/v1alpha1
    kind: SeiNode
    metadata: {name: a}
    spec: {chainId: c, image: i, archive: {}}
  - apiVersion: sei.io/v1alpha1
    kind: SeiNodeTask
    metadata: {name: t}
    spec: {kind: DiscoverPeers, target: {nodeRef: {name: a}}, discoverPeers: {}, extra: 1}
---
apiVersion: sei.io/v1alpha1
kind: SeiNodeList
items: []
)";
  const std::vector<Manifest> manifests = MustRead(text);
  REQUIRE(manifests.size() == 2);
  CHECK(std::get<v1alpha1::SeiNode>(manifests[0].object).metadata().name() == "a");
  CHECK(manifests[0].document_index == 0);
  CHECK(std::get<v1alpha1::SeiNodeTask>(manifests[1].object).metadata().name() == "t");
  CHECK(manifests[1].document_index == 0);
  REQUIRE(manifests[1].warnings.size() == 1);
  CHECK(manifests[1].warnings[0].path == "items[1].spec.extra");

  CHECK(ReadError(text, /*strict=*/true) ==
        "document 1 (line 1): unknown field \"items[1].spec.extra\"");
  CHECK(ReadError("kind: List\nitems:\n  - kind: Pod\n    apiVersion: v1\n") ==
        "document 1 (line 1): items[0]: unsupported apiVersion \"v1\" (kind \"Pod\"); expected "
        "\"sei.io/v1alpha1\" with kind SeiNode or SeiNodeTask");
  CHECK(ReadError("kind: List\nitems:\n  - apiVersion: sei.io/v1alpha1\n    kind: SeiNode\n"
                  "    spec: {chainId: 5}\n") ==
        "document 1 (line 1): items[0].spec.chainId: expected a string, got number 5 (YAML reads unquoted digits as a number: quote the value)");
  CHECK(ReadError("kind: List\nitems: {}\n") ==
        "document 1 (line 1): items: expected an array, got object");
  CHECK(ReadError("kind: List\nitems: [7]\n") ==
        "document 1 (line 1): items[0]: expected a mapping with apiVersion and kind, got number 7");
}

TEST_CASE("Errors name the document, its line and the problem", "[manifest]") {
  const std::string good =
      "# first object\n"
      "apiVersion: sei.io/v1alpha1\n"
      "kind: SeiNode\n"
      "metadata:\n"
      "  name: ok\n"
      "spec:\n"
      "  chainId: pacific-1\n"
      "  image: img\n"
      "  archive: {}\n"
      "---\n"
      "# second object, starting on line 14\n"
      "\n"
      "\n";
  CHECK(ReadError(good + "apiVersion: sei.io/v1alpha1\nkind: SeiNode\nspec:\n  chainId: 5\n") ==
        "document 2 (line 14): spec.chainId: expected a string, got number 5 (YAML reads unquoted digits as a number: quote the value)");
  CHECK(ReadError(good + "kind: SeiNode\n") ==
        "document 2 (line 14): missing apiVersion; expected \"sei.io/v1alpha1\"");
  CHECK(ReadError(good + "apiVersion: apps/v1\nkind: Deployment\n") ==
        "document 2 (line 14): unsupported apiVersion \"apps/v1\" (kind \"Deployment\"); "
        "expected \"sei.io/v1alpha1\" with kind SeiNode or SeiNodeTask");
  CHECK(ReadError(good + "apiVersion: sei.io/v1alpha1\n") ==
        "document 2 (line 14): missing kind; expected SeiNode or SeiNodeTask");
  CHECK(ReadError(good + "apiVersion: sei.io/v1alpha1\nkind: SeiNodeDeployment\n") ==
        "document 2 (line 14): unsupported kind \"SeiNodeDeployment\"; expected SeiNode or "
        "SeiNodeTask");
  CHECK(ReadError(good + "apiVersion: sei.io/v1alpha1\nkind: 5\n") ==
        "document 2 (line 14): kind: expected a string, got number 5");
  CHECK(ReadError(good + "- a\n- b\n") ==
        "document 2 (line 14): expected a mapping with apiVersion and kind, got array");
  CHECK(ReadError(good + "just text\n") ==
        "document 2 (line 14): expected a mapping with apiVersion and kind, got string "
        "\"just text\"");
  CHECK(ReadError(good + "apiVersion: sei.io/v1alpha1\nkind: SeiNodeTask\nstatus:\n"
                         "  phase: Done\n") ==
        "document 2 (line 14): status.phase: unsupported value \"Done\"; supported values: "
        "\"Pending\", \"Running\", \"Complete\", \"Failed\"");
  // Syntax errors come from the YAML layer, with their own position.
  CHECK(ReadError(good + "a: [\n") ==
        "YAML parse error at line 15, column 1: end of sequence "
        "flow not found");
  // JSON works through the same entry point.
  const std::vector<Manifest> from_json = MustRead(
      R"({"apiVersion": "sei.io/v1alpha1", "kind": "SeiNode", "spec": {"chainId": "c",
          "image": "i", "fullNode": {"snapshot": {"s3": {"targetHeight": 9007199254740993}}}}})");
  REQUIRE(from_json.size() == 1);
  CHECK(std::get<v1alpha1::SeiNode>(from_json[0].object)
            .spec()
            .full_node()
            .snapshot()
            .s3()
            .target_height() == 9007199254740993LL);
  // Nothing to read is not an error.
  CHECK(MustRead("# nothing here\n").empty());
}

}  // namespace
}  // namespace sei::api
