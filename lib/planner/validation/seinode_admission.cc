#include "lib/planner/validation/seinode_admission.h"

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "lib/planner/validation/quantity.h"
#include "lib/planner/validation/schema_checks.h"

namespace sei::planner {
namespace {

using schema::Add;
using schema::CheckConditions;
using schema::CheckMinimum;
using schema::CheckRequired;
using schema::CheckRule;
using schema::CheckString;
using schema::Child;
using schema::Index;
using schema::kDnsLabelName;
using schema::kRequiredString;
using schema::StringSchema;
using v1alpha1::ValidatorSpec;

constexpr StringSchema kChainId{true, 0, schema::kDnsLabelPattern, &schema::IsDnsLabel};
constexpr StringSchema kImage = schema::PlainString(true, 512);
constexpr StringSchema kKeyringKeyName{false, 64, schema::kKeyNamePattern, &schema::IsKeyName};
constexpr StringSchema kPassphraseKey = schema::PlainString(true, 253);

constexpr absl::string_view kNameLabelReason =
    "a SeiNode name is embedded in DNS labels: it names the node's headless Service and its "
    "pod hostname <name>-0";

// ---- The four Secret references of a validator (R-V2..R-V7, R-K1..R-K4) ----

enum class SecretRef { kSigningKey, kNodeKey, kOperatorKeyring, kPassphrase };

// A Secret name as a CEL rule sees it: either the name, or the key whose
// absence makes `self.<...>.secretName` fail to evaluate.
struct ResolvedSecret {
  const std::string* name = nullptr;
  absl::string_view missing_key;
};

ResolvedSecret FromName(const std::string& name) {
  // secretName is required with minLength 1, so "" can only mean omitted.
  if (name.empty()) return {nullptr, "secretName"};
  return {&name, {}};
}

// has(self.<top-level field>) of the rule's guard.
bool OwnerPresent(const ValidatorSpec& v, SecretRef ref) {
  switch (ref) {
    case SecretRef::kSigningKey:
      return v.has_signing_key();
    case SecretRef::kNodeKey:
      return v.has_node_key();
    case SecretRef::kOperatorKeyring:
    case SecretRef::kPassphrase:
      return v.has_operator_keyring();
  }
  return false;
}

// Dereferences the full path, in CEL's left-to-right order; call only when
// OwnerPresent.
ResolvedSecret Resolve(const ValidatorSpec& v, SecretRef ref) {
  switch (ref) {
    case SecretRef::kSigningKey:
      if (!v.signing_key().has_secret()) return {nullptr, "secret"};
      return FromName(v.signing_key().secret().secret_name());
    case SecretRef::kNodeKey:
      if (!v.node_key().has_secret()) return {nullptr, "secret"};
      return FromName(v.node_key().secret().secret_name());
    case SecretRef::kOperatorKeyring:
      if (!v.operator_keyring().has_secret()) return {nullptr, "secret"};
      return FromName(v.operator_keyring().secret().secret_name());
    case SecretRef::kPassphrase: {
      if (!v.operator_keyring().has_secret()) return {nullptr, "secret"};
      const auto& secret = v.operator_keyring().secret();
      if (!secret.has_passphrase_secret_ref()) return {nullptr, "passphraseSecretRef"};
      return FromName(secret.passphrase_secret_ref().secret_name());
    }
  }
  return {};
}

// R-V2..R-V7: `!has(lhs owner) || !has(rhs owner) || lhs != rhs`.
struct DistinctSecretsRule {
  SecretRef lhs;
  SecretRef rhs;
  absl::string_view rule;
  absl::string_view message;
};

constexpr DistinctSecretsRule kDistinctSecretsRules[] = {
    {SecretRef::kSigningKey, SecretRef::kNodeKey,
     "!has(self.signingKey) || !has(self.nodeKey) || self.signingKey.secret.secretName != "
     "self.nodeKey.secret.secretName",
     "signingKey and nodeKey must reference distinct Secrets — packing both keys in one Secret "
     "collapses the bootstrap-pod trust boundary"},
    {SecretRef::kOperatorKeyring, SecretRef::kSigningKey,
     "!has(self.operatorKeyring) || !has(self.signingKey) || "
     "self.operatorKeyring.secret.secretName != self.signingKey.secret.secretName",
     "operatorKeyring and signingKey must reference distinct Secrets — collapsing them into one "
     "Secret would force the sidecar/seid trust boundary to evaporate"},
    {SecretRef::kOperatorKeyring, SecretRef::kNodeKey,
     "!has(self.operatorKeyring) || !has(self.nodeKey) || "
     "self.operatorKeyring.secret.secretName != self.nodeKey.secret.secretName",
     "operatorKeyring and nodeKey must reference distinct Secrets"},
    {SecretRef::kOperatorKeyring, SecretRef::kPassphrase,
     "!has(self.operatorKeyring) || self.operatorKeyring.secret.secretName != "
     "self.operatorKeyring.secret.passphraseSecretRef.secretName",
     "operatorKeyring data Secret and passphrase Secret must be distinct"},
    {SecretRef::kPassphrase, SecretRef::kSigningKey,
     "!has(self.operatorKeyring) || !has(self.signingKey) || "
     "self.operatorKeyring.secret.passphraseSecretRef.secretName != "
     "self.signingKey.secret.secretName",
     "operatorKeyring passphrase Secret must not equal signingKey Secret"},
    {SecretRef::kPassphrase, SecretRef::kNodeKey,
     "!has(self.operatorKeyring) || !has(self.nodeKey) || "
     "self.operatorKeyring.secret.passphraseSecretRef.secretName != "
     "self.nodeKey.secret.secretName",
     "operatorKeyring passphrase Secret must not equal nodeKey Secret"},
};

void CheckDistinctSecrets(FieldViolations* out, const std::string& path, const ValidatorSpec& v,
                          const DistinctSecretsRule& rule) {
  if (!OwnerPresent(v, rule.lhs) || !OwnerPresent(v, rule.rhs)) return;
  for (SecretRef ref : {rule.lhs, rule.rhs}) {
    const ResolvedSecret resolved = Resolve(v, ref);
    if (resolved.name == nullptr) {
      // api.md §7: e.g. `operatorKeyring: {}` makes the rule fail to evaluate.
      schema::AddRuleEvaluationError(out, path, resolved.missing_key, rule.rule);
      return;
    }
  }
  CheckRule(out, path, *Resolve(v, rule.lhs).name != *Resolve(v, rule.rhs).name, rule.message);
}

// Schema of a secretName (minLength 1, maxLength 253, DNS label) and its
// immutability rule (R-K1..R-K4), which holds when the name exists in both
// the old and the new object.
void CheckSecretName(FieldViolations* out, const std::string& path, const ValidatorSpec& v,
                     const ValidatorSpec* old, SecretRef ref) {
  const ResolvedSecret now = Resolve(v, ref);
  CheckString(out, path, now.name == nullptr ? "" : *now.name, kDnsLabelName);
  if (old == nullptr || now.name == nullptr || !OwnerPresent(*old, ref)) return;
  const ResolvedSecret before = Resolve(*old, ref);
  if (before.name == nullptr) return;
  CheckRule(out, path, *now.name == *before.name,
            ref == SecretRef::kPassphrase ? "passphrase secretName is immutable"
                                          : "secretName is immutable");
}

// ---- Sub-structures, each checked at `path` ----

void CheckPeer(FieldViolations* out, const std::string& path, const v1alpha1::PeerSource& peer) {
  CheckRule(out, path, peer.has_ec2_tags() + peer.has_static_() + peer.has_label() == 1,
            "exactly one of ec2Tags, static, or label must be set");
  if (peer.has_ec2_tags()) {
    const std::string ec2 = Child(path, "ec2Tags");
    CheckString(out, Child(ec2, "region"), peer.ec2_tags().region(), kRequiredString);
    // required + minProperties 1; an empty map is indistinguishable from none.
    CheckRequired(out, Child(ec2, "tags"), !peer.ec2_tags().tags().empty());
  }
  if (peer.has_static_()) {
    // required + minItems 1.
    CheckRequired(out, Child(Child(path, "static"), "addresses"),
                  !peer.static_().addresses().empty());
  }
  if (peer.has_label()) {
    // required + minProperties 1.
    CheckRequired(out, Child(Child(path, "label"), "selector"), !peer.label().selector().empty());
  }
}

// limits/requests values: int-or-string with the quantity pattern. Keys are
// visited sorted, because proto maps have no stable order.
void CheckQuantities(FieldViolations* out, const std::string& path,
                     const google::protobuf::Map<std::string, std::string>& quantities) {
  const std::set<std::string> keys = [&] {
    std::set<std::string> k;
    for (const auto& entry : quantities) k.insert(entry.first);
    return k;
  }();
  for (const std::string& key : keys) {
    const std::string& value = quantities.at(key);
    if (!IsQuantity(value)) {
      Add(out, schema::Key(path, key),
          absl::StrCat("Invalid value: ", schema::QuoteValue(value), ": should match '",
                       kQuantityPattern, "'"));
    }
  }
}

void CheckSidecar(FieldViolations* out, const std::string& path,
                  const v1alpha1::SidecarConfig& sidecar) {
  if (!sidecar.has_resources()) return;
  const std::string resources = Child(path, "resources");
  const v1alpha1::ResourceRequirements& r = sidecar.resources();
  // claims: list-map keyed by name.
  std::set<std::string> claim_names;
  for (int i = 0; i < r.claims_size(); ++i) {
    const std::string item = Index(Child(resources, "claims"), i);
    const std::string& name = r.claims(i).name();
    if (!name.empty() && !claim_names.insert(name).second) {
      Add(out, item, absl::StrCat("Duplicate value: {\"name\":", schema::QuoteValue(name), "}"));
    }
    CheckString(out, Child(item, "name"), name, kRequiredString);
  }
  CheckQuantities(out, Child(resources, "limits"), r.limits());
  CheckQuantities(out, Child(resources, "requests"), r.requests());
}

void CheckDataVolume(FieldViolations* out, const std::string& path,
                     const v1alpha1::DataVolumeSpec& volume, const v1alpha1::DataVolumeSpec* old) {
  if (old != nullptr) {  // R-DV1 (transition, lives on dataVolume itself)
    CheckRule(out, path, !old->has_import_volume() || volume.has_import_volume(),
              "import cannot be unset once configured");
  }
  if (!volume.has_import_volume()) return;
  const std::string pvc = Child(Child(path, "import"), "pvcName");
  const std::string& name = volume.import_volume().pvc_name();
  CheckString(out, pvc, name, kDnsLabelName);
  if (old != nullptr && old->has_import_volume() && !name.empty() &&
      !old->import_volume().pvc_name().empty()) {  // R-DV2
    CheckRule(out, pvc, name == old->import_volume().pvc_name(), "pvcName is immutable");
  }
}

void CheckSnapshot(FieldViolations* out, const std::string& path,
                   const v1alpha1::SnapshotSource& snapshot) {
  CheckRule(out, path, snapshot.has_s3() + snapshot.has_state_sync() == 1,
            "exactly one of s3 or stateSync must be set");  // R-S1
  if (snapshot.has_s3()) {
    CheckMinimum(out, Child(Child(path, "s3"), "targetHeight"), snapshot.s3().target_height(), 1);
  }
}

void CheckSnapshotGeneration(FieldViolations* out, const std::string& path,
                             const v1alpha1::SnapshotGenerationConfig& generation) {
  if (generation.has_tendermint()) {
    CheckMinimum(out, Child(Child(path, "tendermint"), "keepRecent"),
                 generation.tendermint().keep_recent(), 1);
  }
}

void CheckValidator(FieldViolations* out, const std::string& path, const ValidatorSpec& v,
                    const ValidatorSpec* old) {
  CheckRule(out, path, v.has_signing_key() == v.has_node_key(),
            "signingKey and nodeKey must be set together (validators get both or neither)");
  for (const DistinctSecretsRule& rule : kDistinctSecretsRules) {
    CheckDistinctSecrets(out, path, v, rule);
  }
  if (v.has_snapshot()) CheckSnapshot(out, Child(path, "snapshot"), v.snapshot());
  if (v.has_genesis_ceremony()) {
    const std::string genesis = Child(path, "genesisCeremony");
    const v1alpha1::GenesisCeremonyNodeConfig& g = v.genesis_ceremony();
    CheckString(out, Child(genesis, "chainId"), g.chain_id(), kRequiredString);
    CheckString(out, Child(genesis, "stakingAmount"), g.staking_amount(), kRequiredString);
    CheckString(out, Child(genesis, "accountBalance"), g.account_balance(), kRequiredString);
    CheckMinimum(out, Child(genesis, "index"), g.index(), 0);
  }
  if (v.has_signing_key()) {
    const std::string key = Child(path, "signingKey");
    CheckRule(out, key, v.signing_key().has_secret(), "exactly one signing key source must be set");
    if (v.signing_key().has_secret()) {
      CheckSecretName(out, Child(Child(key, "secret"), "secretName"), v, old,
                      SecretRef::kSigningKey);
    }
  }
  if (v.has_node_key()) {
    const std::string key = Child(path, "nodeKey");
    CheckRule(out, key, v.node_key().has_secret(), "exactly one node key source must be set");
    if (v.node_key().has_secret()) {
      CheckSecretName(out, Child(Child(key, "secret"), "secretName"), v, old, SecretRef::kNodeKey);
    }
  }
  if (v.has_operator_keyring() && v.operator_keyring().has_secret()) {
    const std::string secret = Child(Child(path, "operatorKeyring"), "secret");
    const v1alpha1::SecretOperatorKeyringSource& s = v.operator_keyring().secret();
    CheckSecretName(out, Child(secret, "secretName"), v, old, SecretRef::kOperatorKeyring);
    CheckString(out, Child(secret, "keyName"), s.key_name(), kKeyringKeyName);
    const std::string ref = Child(secret, "passphraseSecretRef");
    CheckRequired(out, ref, s.has_passphrase_secret_ref());
    if (s.has_passphrase_secret_ref()) {
      CheckSecretName(out, Child(ref, "secretName"), v, old, SecretRef::kPassphrase);
      CheckString(out, Child(ref, "key"), s.passphrase_secret_ref().key(), kPassphraseKey);
    }
  }
}

void CheckSpec(FieldViolations* out, const v1alpha1::SeiNodeSpec& spec,
               const v1alpha1::SeiNodeSpec* old) {
  const std::string path = "spec";
  CheckRule(
      out, path,
      spec.has_full_node() + spec.has_archive() + spec.has_replayer() + spec.has_validator() == 1,
      "exactly one of fullNode, archive, replayer, or validator must be set");  // R-N1
  CheckRule(out, path, !spec.has_replayer() || spec.peers_size() > 0,
            "peers is required when replayer mode is set");  // R-N2

  CheckString(out, Child(path, "chainId"), spec.chain_id(), kChainId);
  CheckString(out, Child(path, "image"), spec.image(), kImage);
  for (int i = 0; i < spec.peers_size(); ++i) {
    CheckPeer(out, Index(Child(path, "peers"), i), spec.peers(i));
  }
  if (spec.has_sidecar()) CheckSidecar(out, Child(path, "sidecar"), spec.sidecar());
  if (spec.has_data_volume()) {
    CheckDataVolume(out, Child(path, "dataVolume"), spec.data_volume(),
                    old != nullptr && old->has_data_volume() ? &old->data_volume() : nullptr);
  }
  if (spec.has_full_node()) {
    const std::string full = Child(path, "fullNode");
    if (spec.full_node().has_snapshot()) {
      CheckSnapshot(out, Child(full, "snapshot"), spec.full_node().snapshot());
    }
    if (spec.full_node().has_snapshot_generation()) {
      CheckSnapshotGeneration(out, Child(full, "snapshotGeneration"),
                              spec.full_node().snapshot_generation());
    }
  }
  if (spec.has_archive() && spec.archive().has_snapshot_generation()) {
    CheckSnapshotGeneration(out, Child(Child(path, "archive"), "snapshotGeneration"),
                            spec.archive().snapshot_generation());
  }
  if (spec.has_replayer()) {
    const std::string replayer = Child(path, "replayer");
    CheckRequired(out, Child(replayer, "snapshot"), spec.replayer().has_snapshot());
    if (spec.replayer().has_snapshot()) {
      CheckSnapshot(out, Child(replayer, "snapshot"), spec.replayer().snapshot());
    }
    const v1alpha1::ResultExportConfig& result = spec.replayer().result_export();
    if (spec.replayer().has_result_export() && result.has_shadow_result()) {
      CheckString(out,
                  Child(Child(Child(replayer, "resultExport"), "shadowResult"), "canonicalRpc"),
                  result.shadow_result().canonical_rpc(), kRequiredString);
    }
  }
  if (spec.has_validator()) {
    CheckValidator(out, Child(path, "validator"), spec.validator(),
                   old != nullptr && old->has_validator() ? &old->validator() : nullptr);
  }
}

void CheckStatus(FieldViolations* out, const v1alpha1::SeiNodeStatus& status) {
  const std::string path = "status";
  CheckConditions(out, Child(path, "conditions"), status.conditions());
  if (status.has_plan()) {
    const std::string plan = Child(path, "plan");
    CheckRequired(out, Child(plan, "phase"),
                  status.plan().phase() != v1alpha1::PLAN_PHASE_UNSPECIFIED);
    for (int i = 0; i < status.plan().tasks_size(); ++i) {
      const std::string task = Index(Child(plan, "tasks"), i);
      const v1alpha1::PlannedTask& t = status.plan().tasks(i);
      CheckRequired(out, Child(task, "status"), t.status() != v1alpha1::TASK_STATUS_UNSPECIFIED);
      CheckMinimum(out, Child(task, "maxRetries"), t.max_retries(), 0);
    }
  }
}

}  // namespace

FieldViolations ValidateSeiNode(const v1alpha1::SeiNode& node, const v1alpha1::SeiNode* old_node) {
  FieldViolations out;
  schema::CheckObjectName(&out, node.metadata(), kNameLabelReason);
  if (node.has_spec()) {
    CheckSpec(&out, node.spec(),
              old_node != nullptr && old_node->has_spec() ? &old_node->spec() : nullptr);
  }
  if (node.has_status()) CheckStatus(&out, node.status());
  return out;
}

}  // namespace sei::planner
