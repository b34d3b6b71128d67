#include "lib/planner/validation/seinode_admission.h"

#include <catch2/catch.hpp>
#include <string>

#include "lib/planner/validation/test_matchers.h"

namespace sei::planner {
namespace {

using testing::HasViolation;
using v1alpha1::SeiNode;

constexpr char kDnsLabel[] = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

std::string ShouldMatch(const std::string& value, const std::string& pattern) {
  return "Invalid value: \"" + value + "\": should match '" + pattern + "'";
}

// api.md §13.1: pacific-1 full node, S3 snapshot + EC2 tag peers.
SeiNode FullNodeManifest() {
  SeiNode node;
  node.set_api_version("sei.io/v1alpha1");
  node.set_kind("SeiNode");
  node.mutable_metadata()->set_name("pacific-1-rpc-a");
  node.mutable_metadata()->set_namespace_("sei-mainnet");
  (*node.mutable_metadata()->mutable_labels())["tier"] = "rpc";
  auto* spec = node.mutable_spec();
  spec->set_chain_id("pacific-1");
  spec->set_image("ghcr.io/sei-protocol/sei:v6.3.0");
  auto* sidecar = spec->mutable_sidecar();
  sidecar->set_image("ghcr.io/sei-protocol/seictl:v0.0.55");
  (*sidecar->mutable_resources()->mutable_requests())["cpu"] = "250m";
  (*sidecar->mutable_resources()->mutable_requests())["memory"] = "256Mi";
  (*sidecar->mutable_resources()->mutable_limits())["memory"] = "512Mi";
  auto* ec2 = spec->add_peers()->mutable_ec2_tags();
  ec2->set_region("eu-central-1");
  (*ec2->mutable_tags())["ChainIdentifier"] = "pacific-1";
  (*ec2->mutable_tags())["Component"] = "rpc-seed";
  (*spec->mutable_overrides())["evm.http_port"] = "8545";
  (*spec->mutable_overrides())["mempool.size"] = "5000";
  (*spec->mutable_pod_labels())["team"] = "rpc-platform";
  auto* snapshot = spec->mutable_full_node()->mutable_snapshot();
  snapshot->mutable_s3()->set_target_height(199500000);
  snapshot->set_trust_period("9999h0m0s");
  snapshot->set_backfill_blocks(500);
  snapshot->set_bootstrap_image("ghcr.io/sei-protocol/sei:v6.3.0");
  return node;
}

// api.md §13.2: validator with BYO keys and static peers.
SeiNode ValidatorManifest() {
  SeiNode node;
  node.mutable_metadata()->set_name("atlantic-2-val-0");
  node.mutable_metadata()->set_namespace_("validators");
  auto* spec = node.mutable_spec();
  spec->set_chain_id("atlantic-2");
  spec->set_image("ghcr.io/sei-protocol/sei:v6.3.0");
  spec->set_external_address("val-0.atlantic-2.example.net:26656");
  auto* peers = spec->add_peers()->mutable_static_();
  peers->add_addresses(
      "5c2e8f0a91d34b7e6a1f0c9d8b7a6e5f4d3c2b1a@sentry-0.atlantic-2.example.net:26656");
  peers->add_addresses(
      "0f1e2d3c4b5a69788796a5b4c3d2e1f00a1b2c3d@sentry-1.atlantic-2.example.net:26656");
  auto* validator = spec->mutable_validator();
  validator->mutable_snapshot()->mutable_state_sync();
  validator->mutable_snapshot()->set_trust_period("168h0m0s");
  validator->mutable_signing_key()->mutable_secret()->set_secret_name("val-0-consensus-key");
  validator->mutable_node_key()->mutable_secret()->set_secret_name("val-0-p2p-key");
  auto* keyring = validator->mutable_operator_keyring()->mutable_secret();
  keyring->set_secret_name("val-0-operator-keyring");
  keyring->set_key_name("node_admin");
  keyring->mutable_passphrase_secret_ref()->set_secret_name("val-0-keyring-passphrase");
  keyring->mutable_passphrase_secret_ref()->set_key("passphrase");
  return node;
}

// api.md §13.3: archive node with label peers and an imported volume.
SeiNode ArchiveManifest() {
  SeiNode node;
  node.mutable_metadata()->set_name("pacific-1-archive-0");
  node.mutable_metadata()->set_namespace_("sei-mainnet");
  auto* spec = node.mutable_spec();
  spec->set_chain_id("pacific-1");
  spec->set_image("ghcr.io/sei-protocol/sei:v6.3.0");
  auto* first = spec->add_peers()->mutable_label();
  (*first->mutable_selector())["sei.io/chain"] = "pacific-1";
  (*first->mutable_selector())["sei.io/nodedeployment"] = "pacific-1-rpc";
  auto* second = spec->add_peers()->mutable_label();
  second->set_namespace_("sei-seeds");
  (*second->mutable_selector())["tier"] = "seed";
  spec->mutable_data_volume()->mutable_import_volume()->set_pvc_name("pacific-1-archive-data");
  auto* tendermint = spec->mutable_archive()->mutable_snapshot_generation()->mutable_tendermint();
  tendermint->set_keep_recent(3);
  tendermint->mutable_publish();
  return node;
}

// A replayer with everything the schema asks for.
SeiNode ReplayerManifest() {
  SeiNode node;
  node.mutable_metadata()->set_name("replay-0");
  node.mutable_spec()->set_chain_id("pacific-1");
  node.mutable_spec()->set_image("img");
  node.mutable_spec()->add_peers()->mutable_static_()->add_addresses("id@host:26656");
  auto* replayer = node.mutable_spec()->mutable_replayer();
  replayer->mutable_snapshot()->mutable_s3()->set_target_height(100);
  replayer->mutable_result_export()->mutable_shadow_result()->set_canonical_rpc("http://rpc:26657");
  return node;
}

FieldViolations Validate(const SeiNode& node) { return ValidateSeiNode(node, nullptr); }

TEST_CASE("The example manifests of api.md §13 are admitted", "[seinode]") {
  CHECK(Validate(FullNodeManifest()).empty());
  CHECK(Validate(ValidatorManifest()).empty());
  CHECK(Validate(ArchiveManifest()).empty());
  CHECK(Validate(ReplayerManifest()).empty());
  // Updates that change nothing immutable.
  SeiNode validator = ValidatorManifest();
  CHECK(ValidateSeiNode(validator, &validator).empty());
  SeiNode archive = ArchiveManifest();
  CHECK(ValidateSeiNode(archive, &archive).empty());
}

TEST_CASE("A SeiNode without spec passes: spec is not required", "[seinode]") {
  SeiNode node;
  node.mutable_metadata()->set_name("n");
  CHECK(Validate(node).empty());
}

TEST_CASE("metadata.name must be usable as a DNS label", "[seinode]") {
  SeiNode node = FullNodeManifest();
  node.mutable_metadata()->set_name("pacific-1.rpc");
  const FieldViolations got = Validate(node);
  REQUIRE(got.size() == 1);
  CHECK(got[0].path == "metadata.name");
  CHECK(got[0].message ==
        "Invalid value: \"pacific-1.rpc\": must be a DNS label (at most 63 characters, matching "
        "'^[a-z0-9]([-a-z0-9]*[a-z0-9])?$') because a SeiNode name is embedded in DNS labels: it "
        "names the node's headless Service and its pod hostname <name>-0");
  node.mutable_metadata()->set_name(std::string(64, 'a'));
  CHECK(Validate(node).size() == 1);
  node.mutable_metadata()->set_name(std::string(63, 'a'));
  CHECK(Validate(node).empty());
  node.mutable_metadata()->clear_name();
  CHECK(Validate(node) ==
        FieldViolations{{"metadata.name", "Required value: name or generateName is required"}});
  node.mutable_metadata()->set_generate_name("pacific-1-rpc-");
  CHECK(Validate(node).empty());
}

TEST_CASE("chainId and image", "[seinode]") {
  SeiNode node = FullNodeManifest();
  node.mutable_spec()->clear_chain_id();
  node.mutable_spec()->clear_image();
  CHECK(Validate(node) ==
        FieldViolations{{"spec.chainId", "Required value"}, {"spec.image", "Required value"}});
  node.mutable_spec()->set_chain_id("Pacific_1");
  node.mutable_spec()->set_image(std::string(513, 'i'));
  CHECK(Validate(node) ==
        FieldViolations{{"spec.chainId", ShouldMatch("Pacific_1", kDnsLabel)},
                        {"spec.image", "Too long: may not be more than 512 bytes"}});
  node.mutable_spec()->set_chain_id(std::string(100, 'c'));  // no maxLength on chainId
  node.mutable_spec()->set_image(std::string(512, 'i'));
  CHECK(Validate(node).empty());
}

TEST_CASE("R-N1: exactly one mode", "[seinode]") {
  const std::string kMessage =
      "exactly one of fullNode, archive, replayer, or validator must be set";
  SeiNode node = FullNodeManifest();
  node.mutable_spec()->clear_full_node();
  CHECK(Validate(node) == FieldViolations{{"spec", kMessage}});
  node.mutable_spec()->mutable_archive();  // `archive: {}` counts
  CHECK(Validate(node).empty());
  node.mutable_spec()->mutable_validator();
  CHECK(Validate(node) == FieldViolations{{"spec", kMessage}});
}

TEST_CASE("R-N2: a replayer needs peers", "[seinode]") {
  SeiNode node = ReplayerManifest();
  node.mutable_spec()->clear_peers();
  CHECK(Validate(node) == FieldViolations{{"spec", "peers is required when replayer mode is set"}});
  // Other modes may go without peers.
  SeiNode full = FullNodeManifest();
  full.mutable_spec()->clear_peers();
  CHECK(Validate(full).empty());
}

TEST_CASE("R-P1 and the peer source schemas", "[seinode]") {
  const std::string kMessage = "exactly one of ec2Tags, static, or label must be set";
  SeiNode node = FullNodeManifest();
  node.mutable_spec()->add_peers();  // peers[1]: nothing set
  auto* both = node.mutable_spec()->add_peers();
  both->mutable_static_()->add_addresses("a@b:1");
  (*both->mutable_label()->mutable_selector())["k"] = "v";
  CHECK(Validate(node) ==
        FieldViolations{{"spec.peers[1]", kMessage}, {"spec.peers[2]", kMessage}});

  node = FullNodeManifest();
  node.mutable_spec()->mutable_peers(0)->mutable_ec2_tags()->clear_region();
  node.mutable_spec()->mutable_peers(0)->mutable_ec2_tags()->clear_tags();
  node.mutable_spec()->add_peers()->mutable_static_();
  node.mutable_spec()->add_peers()->mutable_label()->set_namespace_("ns");
  CHECK(Validate(node) == FieldViolations{
                              {"spec.peers[0].ec2Tags.region", "Required value"},
                              {"spec.peers[0].ec2Tags.tags", "Required value"},
                              {"spec.peers[1].static.addresses", "Required value"},
                              {"spec.peers[2].label.selector", "Required value"},
                          });
}

TEST_CASE("Sidecar resources: quantities and claims", "[seinode]") {
  SeiNode node = FullNodeManifest();
  auto* resources = node.mutable_spec()->mutable_sidecar()->mutable_resources();
  (*resources->mutable_limits())["memory"] = "1GiB";
  (*resources->mutable_limits())["cpu"] = "1.5.5";
  (*resources->mutable_requests())["cpu"] = "";
  (*resources->mutable_requests())["ephemeral-storage"] = "1e3";
  resources->add_claims()->set_name("gpu");
  resources->add_claims()->set_name("gpu");
  resources->add_claims();
  const std::string kPattern =
      "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|"
      "([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$";
  CHECK(Validate(node) ==
        FieldViolations{
            {"spec.sidecar.resources.claims[1]", "Duplicate value: {\"name\":\"gpu\"}"},
            {"spec.sidecar.resources.claims[2].name", "Required value"},
            // Map keys in sorted order.
            {"spec.sidecar.resources.limits[cpu]", ShouldMatch("1.5.5", kPattern)},
            {"spec.sidecar.resources.limits[memory]", ShouldMatch("1GiB", kPattern)},
            {"spec.sidecar.resources.requests[cpu]", ShouldMatch("", kPattern)},
        });
}

TEST_CASE("dataVolume: pvcName schema, R-DV1 and R-DV2", "[seinode]") {
  SeiNode node = ArchiveManifest();
  auto* import = node.mutable_spec()->mutable_data_volume()->mutable_import_volume();
  import->clear_pvc_name();
  CHECK(Validate(node) == FieldViolations{{"spec.dataVolume.import.pvcName", "Required value"}});
  import->set_pvc_name("Data_PVC");
  CHECK(Validate(node) ==
        FieldViolations{{"spec.dataVolume.import.pvcName", ShouldMatch("Data_PVC", kDnsLabel)}});
  import->set_pvc_name(std::string(254, 'p'));
  CHECK(Validate(node) == FieldViolations{{"spec.dataVolume.import.pvcName",
                                           "Too long: may not be more than 253 bytes"}});

  const SeiNode old = ArchiveManifest();
  SeiNode renamed = ArchiveManifest();
  renamed.mutable_spec()->mutable_data_volume()->mutable_import_volume()->set_pvc_name("other");
  CHECK(Validate(renamed).empty());  // transition rules need the old object
  CHECK(ValidateSeiNode(renamed, &old) ==
        FieldViolations{{"spec.dataVolume.import.pvcName", "pvcName is immutable"}});

  SeiNode unset = ArchiveManifest();
  unset.mutable_spec()->mutable_data_volume()->clear_import_volume();
  CHECK(Validate(unset).empty());
  CHECK(ValidateSeiNode(unset, &old) ==
        FieldViolations{{"spec.dataVolume", "import cannot be unset once configured"}});

  // api.md §7: dropping dataVolume as a whole is not caught by R-DV1.
  SeiNode dropped = ArchiveManifest();
  dropped.mutable_spec()->clear_data_volume();
  CHECK(ValidateSeiNode(dropped, &old).empty());
  // Adding an import later is fine.
  CHECK(ValidateSeiNode(old, &unset).empty());
}

TEST_CASE("R-S1 on every snapshot source, s3.targetHeight minimum", "[seinode]") {
  const std::string kMessage = "exactly one of s3 or stateSync must be set";
  SeiNode full = FullNodeManifest();
  full.mutable_spec()->mutable_full_node()->mutable_snapshot()->mutable_state_sync();
  CHECK(Validate(full) == FieldViolations{{"spec.fullNode.snapshot", kMessage}});
  full.mutable_spec()->mutable_full_node()->mutable_snapshot()->clear_state_sync();
  full.mutable_spec()->mutable_full_node()->mutable_snapshot()->mutable_s3()->set_target_height(0);
  CHECK(Validate(full) ==
        FieldViolations{{"spec.fullNode.snapshot.s3.targetHeight",
                         "Invalid value: 0: should be greater than or equal to 1"}});

  SeiNode validator = ValidatorManifest();
  validator.mutable_spec()->mutable_validator()->mutable_snapshot()->clear_state_sync();
  CHECK(Validate(validator) == FieldViolations{{"spec.validator.snapshot", kMessage}});

  SeiNode replayer = ReplayerManifest();
  replayer.mutable_spec()->mutable_replayer()->mutable_snapshot()->mutable_state_sync();
  CHECK(Validate(replayer) == FieldViolations{{"spec.replayer.snapshot", kMessage}});
}

TEST_CASE("snapshotGeneration keepRecent minimum", "[seinode]") {
  const std::string kMessage = "Invalid value: 0: should be greater than or equal to 1";
  SeiNode archive = ArchiveManifest();
  archive.mutable_spec()
      ->mutable_archive()
      ->mutable_snapshot_generation()
      ->mutable_tendermint()
      ->set_keep_recent(0);
  CHECK(Validate(archive) ==
        FieldViolations{{"spec.archive.snapshotGeneration.tendermint.keepRecent", kMessage}});
  SeiNode full = FullNodeManifest();
  full.mutable_spec()->mutable_full_node()->mutable_snapshot_generation()->mutable_tendermint();
  CHECK(Validate(full) ==
        FieldViolations{{"spec.fullNode.snapshotGeneration.tendermint.keepRecent", kMessage}});
  // An empty snapshotGeneration is a controller-side check (api.md §8), not admission.
  full.mutable_spec()->mutable_full_node()->mutable_snapshot_generation()->clear_tendermint();
  CHECK(Validate(full).empty());
}

TEST_CASE("Replayer: snapshot required, canonicalRpc required", "[seinode]") {
  SeiNode node = ReplayerManifest();
  node.mutable_spec()->mutable_replayer()->clear_snapshot();
  node.mutable_spec()
      ->mutable_replayer()
      ->mutable_result_export()
      ->mutable_shadow_result()
      ->clear_canonical_rpc();
  CHECK(Validate(node) == FieldViolations{{"spec.replayer.snapshot", "Required value"},
                                          {"spec.replayer.resultExport.shadowResult.canonicalRpc",
                                           "Required value"}});
}

TEST_CASE("genesisCeremony: all four fields required, index >= 0", "[seinode]") {
  SeiNode node = ValidatorManifest();
  auto* validator = node.mutable_spec()->mutable_validator();
  validator->clear_signing_key();
  validator->clear_node_key();
  validator->clear_operator_keyring();
  auto* genesis = validator->mutable_genesis_ceremony();
  genesis->set_index(-1);
  CHECK(Validate(node) == FieldViolations{
                              {"spec.validator.genesisCeremony.chainId", "Required value"},
                              {"spec.validator.genesisCeremony.stakingAmount", "Required value"},
                              {"spec.validator.genesisCeremony.accountBalance", "Required value"},
                              {"spec.validator.genesisCeremony.index",
                               "Invalid value: -1: should be greater than or equal to 0"},
                          });
  genesis->set_chain_id("sei-devnet-7");
  genesis->set_staking_amount("10000000usei");
  genesis->set_account_balance("100000000usei");
  genesis->set_index(0);
  CHECK(Validate(node).empty());
}

TEST_CASE("R-V1: signingKey and nodeKey together", "[seinode]") {
  const std::string kMessage =
      "signingKey and nodeKey must be set together (validators get both or neither)";
  SeiNode node = ValidatorManifest();
  node.mutable_spec()->mutable_validator()->clear_node_key();
  CHECK(Validate(node) == FieldViolations{{"spec.validator", kMessage}});
  node = ValidatorManifest();
  node.mutable_spec()->mutable_validator()->clear_signing_key();
  CHECK(Validate(node) == FieldViolations{{"spec.validator", kMessage}});
  node.mutable_spec()->mutable_validator()->clear_node_key();
  CHECK(Validate(node).empty());
}

// Which Secret name to overwrite so that exactly one of R-V2..R-V7 fails.
struct DistinctCase {
  std::string rule;
  std::string message;
  void (*collide)(v1alpha1::ValidatorSpec*);
};

TEST_CASE("R-V2..R-V7: the four Secrets are pairwise distinct", "[seinode]") {
  const DistinctCase cases[] = {
      {"R-V2",
       "signingKey and nodeKey must reference distinct Secrets — packing both keys in one Secret "
       "collapses the bootstrap-pod trust boundary",
       [](v1alpha1::ValidatorSpec* v) {
         v->mutable_node_key()->mutable_secret()->set_secret_name("val-0-consensus-key");
       }},
      {"R-V3",
       "operatorKeyring and signingKey must reference distinct Secrets — collapsing them into one "
       "Secret would force the sidecar/seid trust boundary to evaporate",
       [](v1alpha1::ValidatorSpec* v) {
         v->mutable_operator_keyring()->mutable_secret()->set_secret_name("val-0-consensus-key");
       }},
      {"R-V4", "operatorKeyring and nodeKey must reference distinct Secrets",
       [](v1alpha1::ValidatorSpec* v) {
         v->mutable_operator_keyring()->mutable_secret()->set_secret_name("val-0-p2p-key");
       }},
      {"R-V5", "operatorKeyring data Secret and passphrase Secret must be distinct",
       [](v1alpha1::ValidatorSpec* v) {
         v->mutable_operator_keyring()->mutable_secret()->set_secret_name(
             "val-0-keyring-passphrase");
       }},
      {"R-V6", "operatorKeyring passphrase Secret must not equal signingKey Secret",
       [](v1alpha1::ValidatorSpec* v) {
         v->mutable_operator_keyring()
             ->mutable_secret()
             ->mutable_passphrase_secret_ref()
             ->set_secret_name("val-0-consensus-key");
       }},
      {"R-V7", "operatorKeyring passphrase Secret must not equal nodeKey Secret",
       [](v1alpha1::ValidatorSpec* v) {
         v->mutable_operator_keyring()
             ->mutable_secret()
             ->mutable_passphrase_secret_ref()
             ->set_secret_name("val-0-p2p-key");
       }},
  };
  for (const DistinctCase& c : cases) {
    INFO(c.rule);
    SeiNode node = ValidatorManifest();
    c.collide(node.mutable_spec()->mutable_validator());
    CHECK(Validate(node) == FieldViolations{{"spec.validator", c.message}});
  }
  // One Secret for everything breaks all six, reported in rule order.
  SeiNode node = ValidatorManifest();
  node.mutable_spec()->mutable_validator()->mutable_node_key()->mutable_secret()->set_secret_name(
      "shared");
  node.mutable_spec()
      ->mutable_validator()
      ->mutable_signing_key()
      ->mutable_secret()
      ->set_secret_name("shared");
  auto* keyring =
      node.mutable_spec()->mutable_validator()->mutable_operator_keyring()->mutable_secret();
  keyring->set_secret_name("shared");
  keyring->mutable_passphrase_secret_ref()->set_secret_name("shared");
  FieldViolations want;
  for (const DistinctCase& c : cases) want.push_back({"spec.validator", c.message});
  CHECK(Validate(node) == want);
}

TEST_CASE("R-V8, R-V9: a key source must be set", "[seinode]") {
  SeiNode node = ValidatorManifest();
  node.mutable_spec()->mutable_validator()->mutable_signing_key()->clear_secret();
  node.mutable_spec()->mutable_validator()->mutable_node_key()->clear_secret();
  const FieldViolations got = Validate(node);
  // R-V2 and R-V3 dereference the missing `secret` and fail to evaluate.
  CHECK(got ==
        FieldViolations{
            {"spec.validator",
             "Invalid value: \"object\": no such key: secret evaluating rule: "
             "!has(self.signingKey) || !has(self.nodeKey) || self.signingKey.secret.secretName "
             "!= self.nodeKey.secret.secretName"},
            {"spec.validator",
             "Invalid value: \"object\": no such key: secret evaluating rule: "
             "!has(self.operatorKeyring) || !has(self.signingKey) || "
             "self.operatorKeyring.secret.secretName != self.signingKey.secret.secretName"},
            {"spec.validator",
             "Invalid value: \"object\": no such key: secret evaluating rule: "
             "!has(self.operatorKeyring) || !has(self.nodeKey) || "
             "self.operatorKeyring.secret.secretName != self.nodeKey.secret.secretName"},
            {"spec.validator",
             "Invalid value: \"object\": no such key: secret evaluating rule: "
             "!has(self.operatorKeyring) || !has(self.signingKey) || "
             "self.operatorKeyring.secret.passphraseSecretRef.secretName != "
             "self.signingKey.secret.secretName"},
            {"spec.validator",
             "Invalid value: \"object\": no such key: secret evaluating rule: "
             "!has(self.operatorKeyring) || !has(self.nodeKey) || "
             "self.operatorKeyring.secret.passphraseSecretRef.secretName != "
             "self.nodeKey.secret.secretName"},
            {"spec.validator.signingKey", "exactly one signing key source must be set"},
            {"spec.validator.nodeKey", "exactly one node key source must be set"},
        });
}

TEST_CASE("operatorKeyring: {} fails CEL evaluation (api.md §7)", "[seinode]") {
  SeiNode node = ValidatorManifest();
  node.mutable_spec()->mutable_validator()->mutable_operator_keyring()->clear_secret();
  const FieldViolations got = Validate(node);
  // R-V3..R-V7 each dereference operatorKeyring.secret.
  REQUIRE(got.size() == 5);
  for (const FieldViolation& v : got) {
    CHECK(v.path == "spec.validator");
    CHECK(v.message.rfind("Invalid value: \"object\": no such key: secret evaluating rule: "
                          "!has(self.operatorKeyring) ||",
                          0) == 0);
  }
  // Without signingKey/nodeKey only R-V5 reaches the dereference.
  node.mutable_spec()->mutable_validator()->clear_signing_key();
  node.mutable_spec()->mutable_validator()->clear_node_key();
  CHECK(Validate(node) ==
        FieldViolations{{"spec.validator",
                         "Invalid value: \"object\": no such key: secret evaluating rule: "
                         "!has(self.operatorKeyring) || self.operatorKeyring.secret.secretName "
                         "!= self.operatorKeyring.secret.passphraseSecretRef.secretName"}});
}

TEST_CASE("Secret name schema is the same at all four places", "[seinode]") {
  const char* const kPaths[] = {
      "spec.validator.signingKey.secret.secretName",
      "spec.validator.nodeKey.secret.secretName",
      "spec.validator.operatorKeyring.secret.secretName",
      "spec.validator.operatorKeyring.secret.passphraseSecretRef.secretName",
  };
  SeiNode node = ValidatorManifest();
  auto* v = node.mutable_spec()->mutable_validator();
  v->mutable_signing_key()->mutable_secret()->set_secret_name("Upper");
  v->mutable_node_key()->mutable_secret()->set_secret_name("under_score");
  v->mutable_operator_keyring()->mutable_secret()->set_secret_name("-dash");
  v->mutable_operator_keyring()->mutable_secret()->mutable_passphrase_secret_ref()->set_secret_name(
      "dot.ted");
  CHECK(Validate(node) == FieldViolations{
                              {kPaths[0], ShouldMatch("Upper", kDnsLabel)},
                              {kPaths[1], ShouldMatch("under_score", kDnsLabel)},
                              {kPaths[2], ShouldMatch("-dash", kDnsLabel)},
                              {kPaths[3], ShouldMatch("dot.ted", kDnsLabel)},
                          });
  const std::string long_name(254, 'x');
  v->mutable_signing_key()->mutable_secret()->set_secret_name(long_name + "1");
  v->mutable_node_key()->mutable_secret()->set_secret_name(long_name + "2");
  v->mutable_operator_keyring()->mutable_secret()->set_secret_name(long_name + "3");
  v->mutable_operator_keyring()->mutable_secret()->mutable_passphrase_secret_ref()->set_secret_name(
      long_name + "4");
  for (const char* path : kPaths) {
    INFO(path);
    CHECK(HasViolation(Validate(node), path, "Too long: may not be more than 253 bytes"));
  }
}

TEST_CASE("An omitted secretName is required, not an equal name", "[seinode]") {
  SeiNode node = ValidatorManifest();
  node.mutable_spec()
      ->mutable_validator()
      ->mutable_signing_key()
      ->mutable_secret()
      ->clear_secret_name();
  const FieldViolations got = Validate(node);
  CHECK(HasViolation(got, "spec.validator.signingKey.secret.secretName", "Required value"));
  CHECK(HasViolation(got, "spec.validator",
                     "Invalid value: \"object\": no such key: secretName evaluating rule: "
                     "!has(self.signingKey) || !has(self.nodeKey) || "
                     "self.signingKey.secret.secretName != self.nodeKey.secret.secretName"));
}

TEST_CASE("operatorKeyring.secret: keyName, passphraseSecretRef", "[seinode]") {
  SeiNode node = ValidatorManifest();
  auto* keyring =
      node.mutable_spec()->mutable_validator()->mutable_operator_keyring()->mutable_secret();
  keyring->set_key_name("node admin");
  keyring->mutable_passphrase_secret_ref()->set_key(std::string(254, 'k'));
  CHECK(Validate(node) == FieldViolations{
                              {"spec.validator.operatorKeyring.secret.keyName",
                               ShouldMatch("node admin", "^[a-zA-Z0-9_-]+$")},
                              {"spec.validator.operatorKeyring.secret.passphraseSecretRef.key",
                               "Too long: may not be more than 253 bytes"},
                          });
  keyring->set_key_name(std::string(65, 'k'));
  keyring->mutable_passphrase_secret_ref()->clear_key();
  CHECK(Validate(node) ==
        FieldViolations{
            {"spec.validator.operatorKeyring.secret.keyName",
             "Too long: may not be more than 64 bytes"},
            {"spec.validator.operatorKeyring.secret.passphraseSecretRef.key", "Required value"},
        });
  keyring->clear_key_name();  // defaulted to node_admin by the apiserver
  keyring->mutable_passphrase_secret_ref()->set_key("passphrase");
  CHECK(Validate(node).empty());
  keyring->clear_passphrase_secret_ref();
  const FieldViolations got = Validate(node);
  CHECK(HasViolation(got, "spec.validator.operatorKeyring.secret.passphraseSecretRef",
                     "Required value"));
  // R-V5..R-V7 dereference the missing reference.
  CHECK(HasViolation(got, "spec.validator",
                     "Invalid value: \"object\": no such key: passphraseSecretRef evaluating "
                     "rule: !has(self.operatorKeyring) || self.operatorKeyring.secret.secretName "
                     "!= self.operatorKeyring.secret.passphraseSecretRef.secretName"));
}

TEST_CASE("R-K1..R-K4: Secret names are immutable, checked only on update", "[seinode]") {
  const SeiNode old = ValidatorManifest();
  SeiNode node = ValidatorManifest();
  auto* v = node.mutable_spec()->mutable_validator();
  v->mutable_signing_key()->mutable_secret()->set_secret_name("new-consensus-key");
  v->mutable_node_key()->mutable_secret()->set_secret_name("new-p2p-key");
  v->mutable_operator_keyring()->mutable_secret()->set_secret_name("new-keyring");
  v->mutable_operator_keyring()->mutable_secret()->mutable_passphrase_secret_ref()->set_secret_name(
      "new-passphrase");
  v->mutable_operator_keyring()->mutable_secret()->set_key_name("other_key");  // mutable
  CHECK(Validate(node).empty());
  CHECK(ValidateSeiNode(node, &old) ==
        FieldViolations{
            {"spec.validator.signingKey.secret.secretName", "secretName is immutable"},
            {"spec.validator.nodeKey.secret.secretName", "secretName is immutable"},
            {"spec.validator.operatorKeyring.secret.secretName", "secretName is immutable"},
            {"spec.validator.operatorKeyring.secret.passphraseSecretRef.secretName",
             "passphrase secretName is immutable"},
        });
  // Fields that did not exist before may be set.
  SeiNode observer = ValidatorManifest();
  observer.mutable_spec()->mutable_validator()->clear_signing_key();
  observer.mutable_spec()->mutable_validator()->clear_node_key();
  observer.mutable_spec()->mutable_validator()->clear_operator_keyring();
  CHECK(ValidateSeiNode(node, &observer).empty());
  // A non-validator old object has none of these fields.
  const SeiNode full = FullNodeManifest();
  CHECK(ValidateSeiNode(node, &full).empty());
}

TEST_CASE("Status: conditions and plan schema", "[seinode]") {
  SeiNode node = ArchiveManifest();
  auto* status = node.mutable_status();
  status->set_phase(v1alpha1::NODE_PHASE_RUNNING);
  auto* paused = status->add_conditions();
  paused->set_type("Paused");
  paused->set_status("False");
  paused->set_reason("NotPaused");
  paused->set_message("spec.paused is unset or false");
  paused->set_observed_generation(4);
  paused->mutable_last_transition_time()->set_seconds(1780304402);
  auto* plan = status->mutable_plan();
  plan->set_id("9a1c6f2e-55d1-4c1b-8f0e-3b2a1d4c5e6f");
  plan->set_phase(v1alpha1::PLAN_PHASE_ACTIVE);
  plan->set_target_phase(v1alpha1::NODE_PHASE_RUNNING);
  auto* task = plan->add_tasks();
  task->set_type("apply-statefulset");
  task->set_id("id");
  task->set_status(v1alpha1::TASK_STATUS_COMPLETE);
  auto* replace = plan->add_tasks();
  replace->set_type("replace-pod");
  replace->set_id("id2");
  replace->set_status(v1alpha1::TASK_STATUS_PENDING);
  replace->set_max_retries(3);
  status->mutable_stateful_set()->set_name("pacific-1-archive-0");
  CHECK(Validate(node).empty());

  plan->clear_phase();
  replace->clear_status();
  replace->set_max_retries(-1);
  paused->set_reason("");
  CHECK(Validate(node) == FieldViolations{
                              {"status.conditions[0].reason", "Required value"},
                              {"status.plan.phase", "Required value"},
                              {"status.plan.tasks[1].status", "Required value"},
                              {"status.plan.tasks[1].maxRetries",
                               "Invalid value: -1: should be greater than or equal to 0"},
                          });
}

TEST_CASE("All violations are reported, in document order", "[seinode]") {
  SeiNode node;
  node.mutable_metadata()->set_name("Bad_Name");
  auto* spec = node.mutable_spec();
  spec->set_chain_id("Chain");
  spec->add_peers();
  spec->mutable_replayer();
  spec->mutable_validator()->mutable_signing_key();
  const FieldViolations got = Validate(node);
  CHECK(got ==
        FieldViolations{
            {"metadata.name",
             "Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower "
             "case alphanumeric characters, '-' or '.', and must start and end with an "
             "alphanumeric character (e.g. 'example.com', regex used for validation is "
             "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
            {"spec", "exactly one of fullNode, archive, replayer, or validator must be set"},
            {"spec.chainId", ShouldMatch("Chain", kDnsLabel)},
            {"spec.image", "Required value"},
            {"spec.peers[0]", "exactly one of ec2Tags, static, or label must be set"},
            {"spec.replayer.snapshot", "Required value"},
            {"spec.validator",
             "signingKey and nodeKey must be set together (validators get both or neither)"},
            {"spec.validator.signingKey", "exactly one signing key source must be set"},
        });
  // Deterministic: the same input gives the same list.
  CHECK(Validate(node) == got);
}

}  // namespace
}  // namespace sei::planner
