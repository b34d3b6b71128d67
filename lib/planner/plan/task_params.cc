#include "lib/planner/plan/task_params.h"

#include <cmath>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"

namespace sei::planner {
namespace {

using google::protobuf::Value;

// Fills the keys of one params object in place: every Value is built where
// the plan stores it, with no temporaries to copy or swap.
class ParamsWriter {
 public:
  // Makes `out` an object (possibly left empty: `{}`).
  explicit ParamsWriter(Value* out) : fields_(out->mutable_struct_value()->mutable_fields()) {}

  ParamsWriter& Str(absl::string_view key, absl::string_view value) {
    Field(key).mutable_string_value()->assign(value.data(), value.size());
    return *this;
  }
  ParamsWriter& Str(absl::string_view key, std::string&& value) {
    *Field(key).mutable_string_value() = std::move(value);
    return *this;
  }
  ParamsWriter& Num(absl::string_view key, int64_t value) {
    // Heights and block counts stay far below 2^53, exact in a double.
    Field(key).set_number_value(static_cast<double>(value));
    return *this;
  }
  ParamsWriter& Bool(absl::string_view key, bool value) {
    Field(key).set_bool_value(value);
    return *this;
  }
  ParamsWriter& Null(absl::string_view key) {
    Field(key).set_null_value(google::protobuf::NULL_VALUE);
    return *this;
  }
  // The object under `key`, to fill in turn.
  ParamsWriter Object(absl::string_view key) { return ParamsWriter(&Field(key)); }
  // The (empty) list under `key`.
  google::protobuf::RepeatedPtrField<Value>* List(absl::string_view key) {
    return Field(key).mutable_list_value()->mutable_values();
  }

 private:
  Value& Field(absl::string_view key) {
    return (*fields_)[std::string_view(key.data(), key.size())];
  }
  google::protobuf::Map<std::string, Value>* fields_;
};

void WriteStringList(const ResolvedPeers& items, google::protobuf::RepeatedPtrField<Value>* list) {
  list->Reserve(items.size());
  for (const std::string& item : items) *list->Add()->mutable_string_value() = item;
}

const v1alpha1::GenesisCeremonyNodeConfig& Ceremony(const v1alpha1::SeiNode& node) {
  return node.spec().validator().genesis_ceremony();
}

void WriteNodeRef(const v1alpha1::SeiNode& node, Value* out) {
  ParamsWriter(out)
      .Str("nodeName", node.metadata().name())
      .Str("namespace", node.metadata().namespace_());
}

std::string BootstrapJobName(const v1alpha1::SeiNode& node) {
  return absl::StrCat(node.metadata().name(), "-bootstrap");
}

void WriteValidateOperatorKeyring(const v1alpha1::SeiNode& node, Value* out) {
  const auto& ring = node.spec().validator().operator_keyring().secret();
  // keyName's CRD default, for specs that never went through admission.
  const absl::string_view key_name =
      ring.key_name().empty() ? absl::string_view("node_admin") : ring.key_name();
  ParamsWriter(out)
      .Str("secretName", ring.secret_name())
      .Str("keyName", key_name)
      .Str("passphraseSecretName", ring.passphrase_secret_ref().secret_name())
      .Str("passphraseSecretKey", ring.passphrase_secret_ref().key())
      .Str("namespace", node.metadata().namespace_());
}

void WriteSnapshotRestore(const v1alpha1::SnapshotSource* snapshot, Value* out) {
  const int64_t height =
      snapshot != nullptr && snapshot->has_s3() ? snapshot->s3().target_height() : 0;
  ParamsWriter(out).Num("TargetHeight", height);
}

void WriteConfigApply(const ConfigIntent& intent, Value* out) {
  ParamsWriter writer(out);
  writer.Str("mode", intent.mode);
  ParamsWriter overrides = writer.Object("overrides");
  for (const auto& [key, value] : intent.overrides) overrides.Str(key, value);
}

void WriteConfigPatch(const v1alpha1::SeiNodeSpec& spec, Value* out) {
  ParamsWriter(out)
      .Object("files")
      .Object("config.toml")
      .Object("p2p")
      .Str("external-address", spec.external_address());
}

void WriteDiscoverPeers(const std::vector<PeerSourceParam>& sources, Value* out) {
  ParamsWriter writer(out);
  // A nil Go slice without omitempty persists as null.
  if (sources.empty()) {
    writer.Null("Sources");
    return;
  }
  google::protobuf::RepeatedPtrField<Value>* list = writer.List("Sources");
  list->Reserve(static_cast<int>(sources.size()));
  for (const PeerSourceParam& source : sources) WritePeerSource(source, list->Add());
}

void WriteConfigureStateSync(const v1alpha1::SnapshotSource* snapshot,
                             const ResolvedPeers& rpc_witnesses, Value* out) {
  ParamsWriter writer(out);
  writer.Bool("UseLocalSnapshot", snapshot != nullptr && snapshot->has_s3())
      .Str("TrustPeriod",
           snapshot != nullptr ? absl::string_view(snapshot->trust_period()) : "")
      .Num("BackfillBlocks", snapshot != nullptr ? snapshot->backfill_blocks() : 0);
  // Empty → null: the sidecar then derives witnesses from the persistent peers.
  if (rpc_witnesses.empty()) {
    writer.Null("RpcServers");
  } else {
    WriteStringList(rpc_witnesses, writer.List("RpcServers"));
  }
}

}  // namespace

Value EmptyTaskParams() {
  Value value;
  value.mutable_struct_value();
  return value;
}

Value NodeRefParams(const v1alpha1::SeiNode& node) {
  Value value;
  WriteNodeRef(node, &value);
  return value;
}

Value SnapshotRestoreParams(const v1alpha1::SnapshotSource* snapshot) {
  Value value;
  WriteSnapshotRestore(snapshot, &value);
  return value;
}

Value ConfigApplyParams(const ConfigIntent& intent) {
  Value value;
  WriteConfigApply(intent, &value);
  return value;
}

Value ConfigPatchParams(const v1alpha1::SeiNodeSpec& spec) {
  Value value;
  WriteConfigPatch(spec, &value);
  return value;
}

Value DiscoverPeersParams(const std::vector<PeerSourceParam>& sources) {
  Value value;
  WriteDiscoverPeers(sources, &value);
  return value;
}

Value ConfigureStateSyncParams(const v1alpha1::SnapshotSource* snapshot,
                               const ResolvedPeers& rpc_witnesses) {
  Value value;
  WriteConfigureStateSync(snapshot, rpc_witnesses, &value);
  return value;
}

absl::StatusOr<Value> BuildTaskParams(absl::string_view type, const TaskParamsInputs& in) {
  Value value;
  absl::Status status = WriteTaskParams(type, in, &value);
  if (!status.ok()) return status;
  return value;
}

absl::Status WriteTaskParams(absl::string_view type, const TaskParamsInputs& in, Value* out) {
  if (in.node == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat("params of ", type, ": no node given"));
  }
  const v1alpha1::SeiNode& node = *in.node;
  const std::string& name = node.metadata().name();
  const std::string& ns = node.metadata().namespace_();
  namespace tt = task_type;

  if (type == tt::kEnsureDataPvc || type == tt::kApplyStatefulSet || type == tt::kApplyService ||
      type == tt::kApplyRbacProxyConfig || type == tt::kReplacePod ||
      type == tt::kObserveImage) {
    WriteNodeRef(node, out);
  } else if (type == tt::kValidateSigningKey) {
    ParamsWriter(out)
        .Str("secretName", node.spec().validator().signing_key().secret().secret_name())
        .Str("namespace", ns);
  } else if (type == tt::kValidateNodeKey) {
    ParamsWriter(out)
        .Str("secretName", node.spec().validator().node_key().secret().secret_name())
        .Str("namespace", ns);
  } else if (type == tt::kValidateOperatorKeyring) {
    WriteValidateOperatorKeyring(node, out);
  } else if (type == tt::kDeployBootstrapService) {
    ParamsWriter(out).Str("serviceName", name).Str("namespace", ns);
  } else if (type == tt::kDeployBootstrapJob || type == tt::kAwaitBootstrapComplete) {
    ParamsWriter(out).Str("jobName", BootstrapJobName(node)).Str("namespace", ns);
  } else if (type == tt::kTeardownBootstrap) {
    ParamsWriter(out)
        .Str("jobName", BootstrapJobName(node))
        .Str("serviceName", name)
        .Str("namespace", ns);
  } else if (type == tt::kSnapshotRestore) {
    WriteSnapshotRestore(in.snapshot, out);
  } else if (type == tt::kConfigureGenesis || type == tt::kConfigValidate ||
             type == tt::kMarkReady || type == tt::kSnapshotUpload ||
             type == tt::kSetGenesisPeers) {
    out->mutable_struct_value();  // {}
  } else if (type == tt::kConfigApply) {
    if (in.config_intent == nullptr) {
      return absl::InvalidArgumentError("params of config-apply: no config intent given");
    }
    WriteConfigApply(*in.config_intent, out);
  } else if (type == tt::kConfigPatch) {
    WriteConfigPatch(node.spec(), out);
  } else if (type == tt::kDiscoverPeers) {
    WriteDiscoverPeers(BuildTimePeerSources(node.spec(), node.status().resolved_peers()), out);
  } else if (type == tt::kConfigureStateSync) {
    WriteConfigureStateSync(in.snapshot, node.status().resolved_rpc_witnesses(), out);
  } else if (type == tt::kGenerateIdentity) {
    ParamsWriter(out).Str("ChainID", Ceremony(node).chain_id()).Str("Moniker", name);
  } else if (type == tt::kGenerateGentx) {
    ParamsWriter(out)
        .Str("ChainID", Ceremony(node).chain_id())
        .Str("StakingAmount", Ceremony(node).staking_amount())
        .Str("AccountBalance", Ceremony(node).account_balance());
  } else if (type == tt::kUploadGenesisArtifacts) {
    ParamsWriter(out).Str("NodeName", name);
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("no build-time params for task type \"", type, "\" in a node plan"));
  }
  return absl::OkStatus();
}

const Value* FindParamField(const Value& params, absl::string_view key) {
  if (!params.has_struct_value()) return nullptr;
  const auto& fields = params.struct_value().fields();
  auto exact = fields.find(std::string(key));
  if (exact != fields.end()) return &exact->second;
  const std::string* best_key = nullptr;
  const Value* best = nullptr;
  for (const auto& [field_key, value] : fields) {
    if (!absl::EqualsIgnoreCase(field_key, key)) continue;
    if (best_key == nullptr || field_key < *best_key) {
      best_key = &field_key;
      best = &value;
    }
  }
  return best;
}

std::optional<std::string> ParamString(const Value& params, absl::string_view key) {
  const Value* value = FindParamField(params, key);
  if (value == nullptr || !value->has_string_value()) return std::nullopt;
  return value->string_value();
}

std::optional<int64_t> ParamInt64(const Value& params, absl::string_view key) {
  const Value* value = FindParamField(params, key);
  if (value == nullptr || !value->has_number_value()) return std::nullopt;
  const double number = value->number_value();
  if (!std::isfinite(number) || std::trunc(number) != number ||
      std::fabs(number) > 9007199254740992.0) {  // 2^53: beyond it doubles skip integers
    return std::nullopt;
  }
  return static_cast<int64_t>(number);
}

std::optional<bool> ParamBool(const Value& params, absl::string_view key) {
  const Value* value = FindParamField(params, key);
  if (value == nullptr || !value->has_bool_value()) return std::nullopt;
  return value->bool_value();
}

}  // namespace sei::planner
