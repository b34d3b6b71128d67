#include "lib/planner/plan/planning_rules.h"

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace sei::planner {
namespace {

using v1alpha1::SeiNodeSpec;
using v1alpha1::SnapshotGenerationConfig;
using v1alpha1::SnapshotSource;

void Add(FieldViolations* out, std::string path, std::string message) {
  out->push_back(FieldViolation{std::move(path), std::move(message)});
}

// bootstrapImage only works with an S3 snapshot at a positive height: the
// bootstrap Job restores that snapshot and syncs to exactly that height.
void CheckBootstrapImage(const SnapshotSource* snapshot, absl::string_view mode_field,
                         FieldViolations* out) {
  if (snapshot == nullptr || snapshot->bootstrap_image().empty()) return;
  if (snapshot->has_s3() && snapshot->s3().target_height() > 0) return;
  Add(out, absl::StrCat("spec.", mode_field, ".snapshot.bootstrapImage"),
      absl::StrCat(mode_field, ": bootstrapImage requires s3 with targetHeight > 0"));
}

// snapshotGeneration rules (§6.2), reported with the mode prefix.
void CheckSnapshotGeneration(bool present, const SnapshotGenerationConfig& generation,
                             absl::string_view mode_field, FieldViolations* out) {
  if (!present) return;
  if (!generation.has_tendermint()) {
    Add(out, absl::StrCat("spec.", mode_field, ".snapshotGeneration.tendermint"),
        absl::StrCat(mode_field,
                     ": snapshotGeneration is set but has no sub-struct (e.g., tendermint); "
                     "omit it to disable snapshot generation"));
    return;
  }
  // The uploader publishes the second-to-latest snapshot, so two must be kept.
  if (generation.tendermint().has_publish() && generation.tendermint().keep_recent() < 2) {
    Add(out, absl::StrCat("spec.", mode_field, ".snapshotGeneration.tendermint.keepRecent"),
        absl::StrCat(mode_field,
                     ": snapshotGeneration.tendermint.keepRecent must be >= 2 when publish is "
                     "set (upload algorithm requires the second-to-latest snapshot)"));
  }
}

void CheckFullNode(const SeiNodeSpec& spec, FieldViolations* out) {
  if (!spec.has_full_node()) {
    Add(out, "spec.fullNode", "fullNode sub-spec is nil");
    return;
  }
  const auto& full = spec.full_node();
  CheckBootstrapImage(full.has_snapshot() ? &full.snapshot() : nullptr, "fullNode", out);
  CheckSnapshotGeneration(full.has_snapshot_generation(), full.snapshot_generation(), "fullNode",
                          out);
}

void CheckArchive(const SeiNodeSpec& spec, FieldViolations* out) {
  if (!spec.has_archive()) {
    Add(out, "spec.archive", "archive sub-spec is nil");
    return;
  }
  const auto& archive = spec.archive();
  CheckSnapshotGeneration(archive.has_snapshot_generation(), archive.snapshot_generation(),
                          "archive", out);
}

void CheckReplayer(const SeiNodeSpec& spec, FieldViolations* out) {
  if (!spec.has_replayer()) {
    Add(out, "spec.replayer", "replayer sub-spec is nil");
    return;
  }
  const auto& replayer = spec.replayer();
  // A replayer replays blocks on top of a restored S3 snapshot; state sync
  // would skip exactly the history it exists to replay.
  if (!replayer.has_snapshot() || !replayer.snapshot().has_s3()) {
    Add(out, "spec.replayer.snapshot.s3", "replayer requires an S3 snapshot source");
  } else if (replayer.snapshot().s3().target_height() <= 0) {
    Add(out, "spec.replayer.snapshot.s3.targetHeight", "replayer: s3.targetHeight must be > 0");
  }
  if (spec.peers().empty()) {
    Add(out, "spec.peers", "replayer requires at least one peer source for block sync");
  }
  if (replayer.has_result_export() && !replayer.result_export().has_shadow_result()) {
    Add(out, "spec.replayer.resultExport",
        "replayer: resultExport is set but has no sub-struct (e.g., shadowResult); omit it to "
        "disable result export");
  }
}

// One operatorKeyring Secret (`name`, at `path`) must not collide with a key
// Secret (`other`, named `other_field` in the message).
void CheckKeyringDistinct(absl::string_view name, absl::string_view path,
                          absl::string_view what, absl::string_view other,
                          absl::string_view other_field, FieldViolations* out) {
  if (name.empty() || other.empty() || name != other) return;
  Add(out, std::string(path),
      absl::StrCat("validator: operatorKeyring ", what, " \"", name, "\" must differ from ",
                   other_field, " Secret"));
}

void CheckValidator(const SeiNodeSpec& spec, FieldViolations* out) {
  if (!spec.has_validator()) {
    Add(out, "spec.validator", "validator sub-spec is nil");
    return;
  }
  const auto& v = spec.validator();
  // Views into the spec; an absent key reads as "" (the default instance's name).
  const absl::string_view signing_name = v.signing_key().secret().secret_name();
  const absl::string_view node_key_name = v.node_key().secret().secret_name();

  if (v.has_signing_key()) {
    // A ceremony validator generates its own consensus key (generate-identity).
    if (v.has_genesis_ceremony()) {
      Add(out, "spec.validator.signingKey",
          "validator: signingKey is mutually exclusive with genesisCeremony");
    }
    if (signing_name.empty()) {
      Add(out, "spec.validator.signingKey.secret.secretName",
          "validator: signingKey.secret.secretName is required");
    }
    if (!v.has_node_key()) {
      Add(out, "spec.validator.nodeKey", "validator: nodeKey is required when signingKey is set");
    } else if (node_key_name.empty()) {
      Add(out, "spec.validator.nodeKey.secret.secretName",
          "validator: nodeKey.secret.secretName is required");
    } else if (!signing_name.empty() && signing_name == node_key_name) {
      Add(out, "spec.validator.nodeKey.secret.secretName",
          "validator: signingKey and nodeKey must reference distinct Secrets");
    }
  } else if (v.has_node_key()) {
    Add(out, "spec.validator.nodeKey", "validator: nodeKey requires signingKey to be set");
  }

  if (v.has_operator_keyring() && v.operator_keyring().has_secret()) {
    const auto& ring = v.operator_keyring().secret();
    const std::string& keyring = ring.secret_name();
    const std::string& passphrase = ring.passphrase_secret_ref().secret_name();
    constexpr absl::string_view keyring_path = "spec.validator.operatorKeyring.secret.secretName";
    constexpr absl::string_view passphrase_path =
        "spec.validator.operatorKeyring.secret.passphraseSecretRef.secretName";
    if (!keyring.empty() && keyring == passphrase) {
      Add(out, std::string(passphrase_path),
          absl::StrCat("validator: operatorKeyring data Secret \"", keyring,
                       "\" must differ from its passphrase Secret"));
    }
    CheckKeyringDistinct(keyring, keyring_path, "Secret", signing_name, "signingKey", out);
    CheckKeyringDistinct(passphrase, passphrase_path, "passphrase Secret", signing_name,
                         "signingKey", out);
    CheckKeyringDistinct(keyring, keyring_path, "Secret", node_key_name, "nodeKey", out);
    CheckKeyringDistinct(passphrase, passphrase_path, "passphrase Secret", node_key_name,
                         "nodeKey", out);
  }

  if (v.has_genesis_ceremony()) {
    // Ceremony nodes never bootstrap, so the bootstrapImage rule is skipped.
    if (v.genesis_ceremony().chain_id().empty()) {
      Add(out, "spec.validator.genesisCeremony.chainId",
          "validator: genesisCeremony.chainId is required");
    }
    if (v.genesis_ceremony().staking_amount().empty()) {
      Add(out, "spec.validator.genesisCeremony.stakingAmount",
          "validator: genesisCeremony.stakingAmount is required");
    }
    return;
  }
  CheckBootstrapImage(v.has_snapshot() ? &v.snapshot() : nullptr, "validator", out);
}

}  // namespace

FieldViolations PlanningViolationsForMode(const v1alpha1::SeiNode& node, NodeMode mode) {
  FieldViolations out;
  switch (mode) {
    case NodeMode::kFull: CheckFullNode(node.spec(), &out); break;
    case NodeMode::kArchive: CheckArchive(node.spec(), &out); break;
    case NodeMode::kReplayer: CheckReplayer(node.spec(), &out); break;
    case NodeMode::kValidator: CheckValidator(node.spec(), &out); break;
  }
  return out;
}

FieldViolations PlanningViolations(const v1alpha1::SeiNode& node) {
  absl::StatusOr<NodeMode> mode = ModeOf(node);
  if (!mode.ok()) {
    return {FieldViolation{"spec", std::string(mode.status().message())}};
  }
  return PlanningViolationsForMode(node, *mode);
}

absl::Status ValidateForPlanning(const v1alpha1::SeiNode& node) {
  FieldViolations violations = PlanningViolations(node);
  if (violations.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(violations.front().message);
}

}  // namespace sei::planner
