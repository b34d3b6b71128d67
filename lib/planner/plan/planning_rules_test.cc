#include "lib/planner/plan/planning_rules.h"

#include <catch2/catch.hpp>

#include "lib/planner/plan/test_support.h"

namespace sei::planner {
namespace {

using testing::BareNode;
using testing::FullNode;

FieldViolation V(std::string path, std::string message) {
  return FieldViolation{std::move(path), std::move(message)};
}

// A validator with distinct signing/node-key Secrets.
v1alpha1::SeiNode KeyedValidator() {
  v1alpha1::SeiNode node = BareNode();
  auto* v = node.mutable_spec()->mutable_validator();
  v->mutable_signing_key()->mutable_secret()->set_secret_name("sign");
  v->mutable_node_key()->mutable_secret()->set_secret_name("nodekey");
  return node;
}

void SetKeyring(v1alpha1::SeiNode* node, std::string keyring, std::string passphrase) {
  auto* ring = node->mutable_spec()->mutable_validator()->mutable_operator_keyring()
                   ->mutable_secret();
  ring->set_secret_name(keyring);
  ring->mutable_passphrase_secret_ref()->set_secret_name(passphrase);
  ring->mutable_passphrase_secret_ref()->set_key("passphrase");
}

TEST_CASE("Valid specs pass", "[rules]") {
  CHECK(PlanningViolations(FullNode()).empty());
  CHECK(ValidateForPlanning(FullNode()).ok());
  v1alpha1::SeiNode archive = BareNode();
  archive.mutable_spec()->mutable_archive();
  CHECK(ValidateForPlanning(archive).ok());
  v1alpha1::SeiNode validator = KeyedValidator();
  SetKeyring(&validator, "ring", "ring-pass");
  CHECK(ValidateForPlanning(validator).ok());
}

TEST_CASE("No mode sub-spec", "[rules]") {
  v1alpha1::SeiNode node = BareNode();
  CHECK(PlanningViolations(node) ==
        FieldViolations{V("spec", "no mode sub-spec set on SeiNode sei/node-a")});
  CHECK(ValidateForPlanning(node).message() == "no mode sub-spec set on SeiNode sei/node-a");
  CHECK(ValidateForPlanning(node).code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("Sub-spec nil rules, for an explicitly chosen mode", "[rules]") {
  v1alpha1::SeiNode node = BareNode();
  CHECK(PlanningViolationsForMode(node, NodeMode::kFull) ==
        FieldViolations{V("spec.fullNode", "fullNode sub-spec is nil")});
  CHECK(PlanningViolationsForMode(node, NodeMode::kArchive) ==
        FieldViolations{V("spec.archive", "archive sub-spec is nil")});
  CHECK(PlanningViolationsForMode(node, NodeMode::kReplayer) ==
        FieldViolations{V("spec.replayer", "replayer sub-spec is nil")});
  CHECK(PlanningViolationsForMode(node, NodeMode::kValidator) ==
        FieldViolations{V("spec.validator", "validator sub-spec is nil")});
}

TEST_CASE("fullNode bootstrapImage requires s3 with targetHeight > 0", "[rules]") {
  const FieldViolations expected{V("spec.fullNode.snapshot.bootstrapImage",
                                   "fullNode: bootstrapImage requires s3 with targetHeight > 0")};
  v1alpha1::SeiNode node = FullNode();
  auto* snapshot = node.mutable_spec()->mutable_full_node()->mutable_snapshot();
  snapshot->set_bootstrap_image("seid:bootstrap");
  snapshot->mutable_state_sync();
  CHECK(PlanningViolations(node) == expected);
  snapshot->clear_state_sync();
  testing::AddS3Snapshot(snapshot, 0);
  CHECK(PlanningViolations(node) == expected);
  snapshot->mutable_s3()->set_target_height(5);
  CHECK(PlanningViolations(node).empty());
}

TEST_CASE("snapshotGeneration rules carry the mode prefix", "[rules]") {
  v1alpha1::SeiNode full = FullNode();
  auto* generation = full.mutable_spec()->mutable_full_node()->mutable_snapshot_generation();
  CHECK(PlanningViolations(full) ==
        FieldViolations{V("spec.fullNode.snapshotGeneration.tendermint",
                          "fullNode: snapshotGeneration is set but has no sub-struct (e.g., "
                          "tendermint); omit it to disable snapshot generation")});
  testing::EnablePublish(generation, 1);
  CHECK(PlanningViolations(full) ==
        FieldViolations{V("spec.fullNode.snapshotGeneration.tendermint.keepRecent",
                          "fullNode: snapshotGeneration.tendermint.keepRecent must be >= 2 when "
                          "publish is set (upload algorithm requires the second-to-latest "
                          "snapshot)")});
  generation->mutable_tendermint()->set_keep_recent(2);
  CHECK(PlanningViolations(full).empty());
  // keepRecent 1 without publish is fine.
  generation->mutable_tendermint()->clear_publish();
  generation->mutable_tendermint()->set_keep_recent(1);
  CHECK(PlanningViolations(full).empty());

  v1alpha1::SeiNode archive = BareNode();
  auto* archive_generation =
      archive.mutable_spec()->mutable_archive()->mutable_snapshot_generation();
  CHECK(ValidateForPlanning(archive).message() ==
        "archive: snapshotGeneration is set but has no sub-struct (e.g., tendermint); omit it "
        "to disable snapshot generation");
  testing::EnablePublish(archive_generation, 1);
  CHECK(PlanningViolations(archive) ==
        FieldViolations{V("spec.archive.snapshotGeneration.tendermint.keepRecent",
                          "archive: snapshotGeneration.tendermint.keepRecent must be >= 2 when "
                          "publish is set (upload algorithm requires the second-to-latest "
                          "snapshot)")});
}

TEST_CASE("Replayer rules", "[rules]") {
  v1alpha1::SeiNode node = BareNode();
  auto* replayer = node.mutable_spec()->mutable_replayer();
  replayer->mutable_result_export();
  CHECK(PlanningViolations(node) ==
        FieldViolations{
            V("spec.replayer.snapshot.s3", "replayer requires an S3 snapshot source"),
            V("spec.peers", "replayer requires at least one peer source for block sync"),
            V("spec.replayer.resultExport",
              "replayer: resultExport is set but has no sub-struct (e.g., shadowResult); omit "
              "it to disable result export"),
        });
  CHECK(ValidateForPlanning(node).message() == "replayer requires an S3 snapshot source");

  replayer->mutable_snapshot()->mutable_state_sync();
  CHECK(PlanningViolations(node).front() ==
        V("spec.replayer.snapshot.s3", "replayer requires an S3 snapshot source"));

  replayer->mutable_snapshot()->clear_state_sync();
  testing::AddS3Snapshot(replayer->mutable_snapshot(), 0);
  CHECK(PlanningViolations(node).front() ==
        V("spec.replayer.snapshot.s3.targetHeight", "replayer: s3.targetHeight must be > 0"));

  replayer->mutable_snapshot()->mutable_s3()->set_target_height(10);
  testing::AddStaticPeer(&node, {"id@h:26656"});
  replayer->mutable_result_export()->mutable_shadow_result()->set_canonical_rpc("http://x");
  CHECK(PlanningViolations(node).empty());
}

TEST_CASE("Validator key rules", "[rules]") {
  SECTION("signingKey with genesisCeremony") {
    v1alpha1::SeiNode node = KeyedValidator();
    auto* ceremony = node.mutable_spec()->mutable_validator()->mutable_genesis_ceremony();
    ceremony->set_chain_id("c");
    ceremony->set_staking_amount("1usei");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V("spec.validator.signingKey",
                            "validator: signingKey is mutually exclusive with genesisCeremony")});
  }
  SECTION("signingKey secret name required") {
    v1alpha1::SeiNode node = KeyedValidator();
    node.mutable_spec()->mutable_validator()->mutable_signing_key()->clear_secret();
    CHECK(PlanningViolations(node) ==
          FieldViolations{V("spec.validator.signingKey.secret.secretName",
                            "validator: signingKey.secret.secretName is required")});
  }
  SECTION("nodeKey required with signingKey") {
    v1alpha1::SeiNode node = KeyedValidator();
    node.mutable_spec()->mutable_validator()->clear_node_key();
    CHECK(PlanningViolations(node) ==
          FieldViolations{V("spec.validator.nodeKey",
                            "validator: nodeKey is required when signingKey is set")});
  }
  SECTION("nodeKey secret name required") {
    v1alpha1::SeiNode node = KeyedValidator();
    node.mutable_spec()->mutable_validator()->mutable_node_key()->mutable_secret()
        ->set_secret_name("");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V("spec.validator.nodeKey.secret.secretName",
                            "validator: nodeKey.secret.secretName is required")});
  }
  SECTION("distinct Secrets") {
    v1alpha1::SeiNode node = KeyedValidator();
    node.mutable_spec()->mutable_validator()->mutable_node_key()->mutable_secret()
        ->set_secret_name("sign");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V("spec.validator.nodeKey.secret.secretName",
                            "validator: signingKey and nodeKey must reference distinct Secrets")});
  }
  SECTION("nodeKey requires signingKey") {
    v1alpha1::SeiNode node = KeyedValidator();
    node.mutable_spec()->mutable_validator()->clear_signing_key();
    CHECK(PlanningViolations(node) ==
          FieldViolations{V("spec.validator.nodeKey",
                            "validator: nodeKey requires signingKey to be set")});
  }
}

TEST_CASE("Validator operatorKeyring distinctness", "[rules]") {
  const std::string keyring_path = "spec.validator.operatorKeyring.secret.secretName";
  const std::string passphrase_path =
      "spec.validator.operatorKeyring.secret.passphraseSecretRef.secretName";
  SECTION("data Secret equals its passphrase Secret") {
    v1alpha1::SeiNode node = KeyedValidator();
    SetKeyring(&node, "ring", "ring");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V(passphrase_path,
                            "validator: operatorKeyring data Secret \"ring\" must differ from its "
                            "passphrase Secret")});
  }
  SECTION("keyring equals signingKey") {
    v1alpha1::SeiNode node = KeyedValidator();
    SetKeyring(&node, "sign", "pass");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V(keyring_path,
                            "validator: operatorKeyring Secret \"sign\" must differ from "
                            "signingKey Secret")});
  }
  SECTION("passphrase equals signingKey") {
    v1alpha1::SeiNode node = KeyedValidator();
    SetKeyring(&node, "ring", "sign");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V(passphrase_path,
                            "validator: operatorKeyring passphrase Secret \"sign\" must differ "
                            "from signingKey Secret")});
  }
  SECTION("keyring equals nodeKey") {
    v1alpha1::SeiNode node = KeyedValidator();
    SetKeyring(&node, "nodekey", "pass");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V(keyring_path,
                            "validator: operatorKeyring Secret \"nodekey\" must differ from "
                            "nodeKey Secret")});
  }
  SECTION("passphrase equals nodeKey") {
    v1alpha1::SeiNode node = KeyedValidator();
    SetKeyring(&node, "ring", "nodekey");
    CHECK(PlanningViolations(node) ==
          FieldViolations{V(passphrase_path,
                            "validator: operatorKeyring passphrase Secret \"nodekey\" must differ "
                            "from nodeKey Secret")});
  }
  SECTION("keyring without key Secrets is fine") {
    v1alpha1::SeiNode node = BareNode();
    node.mutable_spec()->mutable_validator();
    SetKeyring(&node, "ring", "pass");
    CHECK(PlanningViolations(node).empty());
  }
}

TEST_CASE("Validator genesis ceremony and bootstrap rules", "[rules]") {
  v1alpha1::SeiNode node = BareNode();
  auto* v = node.mutable_spec()->mutable_validator();
  v->mutable_genesis_ceremony();
  // The bootstrap rule is skipped for ceremony nodes.
  v->mutable_snapshot()->set_bootstrap_image("seid:bootstrap");
  CHECK(PlanningViolations(node) ==
        FieldViolations{V("spec.validator.genesisCeremony.chainId",
                          "validator: genesisCeremony.chainId is required"),
                        V("spec.validator.genesisCeremony.stakingAmount",
                          "validator: genesisCeremony.stakingAmount is required")});
  CHECK(ValidateForPlanning(node).message() == "validator: genesisCeremony.chainId is required");
  v->mutable_genesis_ceremony()->set_chain_id("new-chain");
  CHECK(ValidateForPlanning(node).message() ==
        "validator: genesisCeremony.stakingAmount is required");
  v->mutable_genesis_ceremony()->set_staking_amount("10usei");
  CHECK(ValidateForPlanning(node).ok());

  v->clear_genesis_ceremony();
  CHECK(PlanningViolations(node) ==
        FieldViolations{V("spec.validator.snapshot.bootstrapImage",
                          "validator: bootstrapImage requires s3 with targetHeight > 0")});
}

TEST_CASE("ValidateForPlanning returns the first violation", "[rules]") {
  v1alpha1::SeiNode node = KeyedValidator();
  node.mutable_spec()->mutable_validator()->mutable_node_key()->mutable_secret()
      ->set_secret_name("sign");
  SetKeyring(&node, "sign", "sign");
  FieldViolations all = PlanningViolations(node);
  REQUIRE(all.size() == 6);
  absl::Status status = ValidateForPlanning(node);
  CHECK(status.code() == absl::StatusCode::kInvalidArgument);
  CHECK(status.message() == "validator: signingKey and nodeKey must reference distinct Secrets");
}

}  // namespace
}  // namespace sei::planner
