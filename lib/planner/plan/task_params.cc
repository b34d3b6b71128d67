#include "lib/planner/plan/task_params.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"

namespace sei::planner {
namespace {

using google::protobuf::Value;

// Keys of one params object, filled in call order.
class ParamsWriter {
 public:
  ParamsWriter& Str(absl::string_view key, absl::string_view value) {
    Field(key).set_string_value(std::string(value));
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
  ParamsWriter& Set(absl::string_view key, Value value) {
    Field(key) = std::move(value);
    return *this;
  }
  Value Build() { return std::move(value_); }

 private:
  Value& Field(absl::string_view key) {
    return (*value_.mutable_struct_value()->mutable_fields())[std::string(key)];
  }
  Value value_ = EmptyTaskParams();
};

Value StringList(const ResolvedPeers& items) {
  Value value;
  auto* list = value.mutable_list_value();
  for (const std::string& item : items) list->add_values()->set_string_value(item);
  return value;
}

std::string BootstrapJobName(const v1alpha1::SeiNode& node) {
  return absl::StrCat(node.metadata().name(), "-bootstrap");
}

const v1alpha1::GenesisCeremonyNodeConfig& Ceremony(const v1alpha1::SeiNode& node) {
  return node.spec().validator().genesis_ceremony();
}

Value ValidateOperatorKeyringParams(const v1alpha1::SeiNode& node) {
  const auto& ring = node.spec().validator().operator_keyring().secret();
  // keyName's CRD default, for specs that never went through admission.
  const std::string key_name = ring.key_name().empty() ? "node_admin" : ring.key_name();
  return ParamsWriter()
      .Str("secretName", ring.secret_name())
      .Str("keyName", key_name)
      .Str("passphraseSecretName", ring.passphrase_secret_ref().secret_name())
      .Str("passphraseSecretKey", ring.passphrase_secret_ref().key())
      .Str("namespace", node.metadata().namespace_())
      .Build();
}

}  // namespace

Value EmptyTaskParams() {
  Value value;
  value.mutable_struct_value();
  return value;
}

Value NodeRefParams(const v1alpha1::SeiNode& node) {
  return ParamsWriter()
      .Str("nodeName", node.metadata().name())
      .Str("namespace", node.metadata().namespace_())
      .Build();
}

Value SnapshotRestoreParams(const v1alpha1::SnapshotSource* snapshot) {
  const int64_t height =
      snapshot != nullptr && snapshot->has_s3() ? snapshot->s3().target_height() : 0;
  return ParamsWriter().Num("TargetHeight", height).Build();
}

Value ConfigApplyParams(const ConfigIntent& intent) {
  Value overrides = EmptyTaskParams();
  auto* fields = overrides.mutable_struct_value()->mutable_fields();
  for (const auto& [key, value] : intent.overrides) (*fields)[key].set_string_value(value);
  return ParamsWriter().Str("mode", intent.mode).Set("overrides", std::move(overrides)).Build();
}

Value ConfigPatchParams(const v1alpha1::SeiNodeSpec& spec) {
  Value p2p = ParamsWriter().Str("external-address", spec.external_address()).Build();
  Value config_toml = ParamsWriter().Set("p2p", std::move(p2p)).Build();
  Value files = ParamsWriter().Set("config.toml", std::move(config_toml)).Build();
  return ParamsWriter().Set("files", std::move(files)).Build();
}

Value DiscoverPeersParams(const std::vector<PeerSourceParam>& sources) {
  // A nil Go slice without omitempty persists as null.
  if (sources.empty()) return ParamsWriter().Null("Sources").Build();
  Value list;
  for (const PeerSourceParam& source : sources) {
    *list.mutable_list_value()->add_values() = PeerSourceToValue(source);
  }
  return ParamsWriter().Set("Sources", std::move(list)).Build();
}

Value ConfigureStateSyncParams(const v1alpha1::SnapshotSource* snapshot,
                               const ResolvedPeers& rpc_witnesses) {
  ParamsWriter writer;
  writer.Bool("UseLocalSnapshot", snapshot != nullptr && snapshot->has_s3())
      .Str("TrustPeriod", snapshot != nullptr ? snapshot->trust_period() : "")
      .Num("BackfillBlocks", snapshot != nullptr ? snapshot->backfill_blocks() : 0);
  // Empty → null: the sidecar then derives witnesses from the persistent peers.
  if (rpc_witnesses.empty()) {
    writer.Null("RpcServers");
  } else {
    writer.Set("RpcServers", StringList(rpc_witnesses));
  }
  return writer.Build();
}

absl::StatusOr<Value> BuildTaskParams(absl::string_view type, const TaskParamsInputs& in) {
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
    return NodeRefParams(node);
  }
  if (type == tt::kValidateSigningKey) {
    return ParamsWriter()
        .Str("secretName", node.spec().validator().signing_key().secret().secret_name())
        .Str("namespace", ns)
        .Build();
  }
  if (type == tt::kValidateNodeKey) {
    return ParamsWriter()
        .Str("secretName", node.spec().validator().node_key().secret().secret_name())
        .Str("namespace", ns)
        .Build();
  }
  if (type == tt::kValidateOperatorKeyring) return ValidateOperatorKeyringParams(node);
  if (type == tt::kDeployBootstrapService) {
    return ParamsWriter().Str("serviceName", name).Str("namespace", ns).Build();
  }
  if (type == tt::kDeployBootstrapJob || type == tt::kAwaitBootstrapComplete) {
    return ParamsWriter().Str("jobName", BootstrapJobName(node)).Str("namespace", ns).Build();
  }
  if (type == tt::kTeardownBootstrap) {
    return ParamsWriter()
        .Str("jobName", BootstrapJobName(node))
        .Str("serviceName", name)
        .Str("namespace", ns)
        .Build();
  }
  if (type == tt::kSnapshotRestore) return SnapshotRestoreParams(in.snapshot);
  if (type == tt::kConfigureGenesis || type == tt::kConfigValidate || type == tt::kMarkReady ||
      type == tt::kSnapshotUpload || type == tt::kSetGenesisPeers) {
    return EmptyTaskParams();
  }
  if (type == tt::kConfigApply) {
    if (in.config_intent == nullptr) {
      return absl::InvalidArgumentError("params of config-apply: no config intent given");
    }
    return ConfigApplyParams(*in.config_intent);
  }
  if (type == tt::kConfigPatch) return ConfigPatchParams(node.spec());
  if (type == tt::kDiscoverPeers) {
    return DiscoverPeersParams(BuildTimePeerSources(node.spec(), node.status().resolved_peers()));
  }
  if (type == tt::kConfigureStateSync) {
    return ConfigureStateSyncParams(in.snapshot, node.status().resolved_rpc_witnesses());
  }
  if (type == tt::kGenerateIdentity) {
    return ParamsWriter().Str("ChainID", Ceremony(node).chain_id()).Str("Moniker", name).Build();
  }
  if (type == tt::kGenerateGentx) {
    return ParamsWriter()
        .Str("ChainID", Ceremony(node).chain_id())
        .Str("StakingAmount", Ceremony(node).staking_amount())
        .Str("AccountBalance", Ceremony(node).account_balance())
        .Build();
  }
  if (type == tt::kUploadGenesisArtifacts) {
    return ParamsWriter().Str("NodeName", name).Build();
  }
  return absl::InvalidArgumentError(
      absl::StrCat("no build-time params for task type \"", type, "\" in a node plan"));
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
