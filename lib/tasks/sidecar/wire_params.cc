#include "lib/tasks/sidecar/wire_params.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/plan/peer_sources.h"
#include "lib/tasks/sidecar/param_reader.h"

namespace sei::tasks {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;
namespace task_type = planner::task_type;

// Propagates a failed StatusOr read into `target`.
#define SEI_ASSIGN_OR_RETURN(target, expr)            \
  auto target##_or = (expr);                          \
  if (!target##_or.ok()) return target##_or.status(); \
  auto target = *std::move(target##_or)

// Fills a wire Struct, leaving out what the wire omits.
class WireWriter {
 public:
  explicit WireWriter(Struct* out) : out_(out) {}

  WireWriter& Str(absl::string_view key, const std::string& value) {
    Field(key).set_string_value(value);
    return *this;
  }
  WireWriter& StrIfSet(absl::string_view key, const std::string& value) {
    return value.empty() ? *this : Str(key, value);
  }
  // Heights, versions and block counts stay far below 2^53.
  WireWriter& Int(absl::string_view key, int64_t value) {
    Field(key).set_number_value(static_cast<double>(value));
    return *this;
  }
  WireWriter& Bool(absl::string_view key, bool value) {
    Field(key).set_bool_value(value);
    return *this;
  }
  WireWriter& Strings(absl::string_view key, const std::vector<std::string>& items) {
    auto* list = Field(key).mutable_list_value();
    for (const std::string& item : items) list->add_values()->set_string_value(item);
    return *this;
  }
  WireWriter& StringMap(absl::string_view key, const std::map<std::string, std::string>& entries) {
    auto* fields = Field(key).mutable_struct_value()->mutable_fields();
    for (const auto& [entry_key, value] : entries) (*fields)[entry_key].set_string_value(value);
    return *this;
  }
  WireWriter& Object(absl::string_view key, Struct value) {
    *Field(key).mutable_struct_value() = std::move(value);
    return *this;
  }
  // The (empty) list under `key`, to fill.
  google::protobuf::ListValue* List(absl::string_view key) {
    return Field(key).mutable_list_value();
  }

 private:
  Value& Field(absl::string_view key) { return (*out_->mutable_fields())[std::string(key)]; }
  Struct* out_;
};

// {"targetHeight":N} only when N > 0.
absl::StatusOr<Struct> SnapshotRestore(const ParamReader& in) {
  SEI_ASSIGN_OR_RETURN(height, in.Int64("TargetHeight"));
  Struct out;
  if (height > 0) WireWriter(&out).Int("targetHeight", height);
  return out;
}

// The flat intent with all four fields; overrides only when non-empty.
absl::StatusOr<Struct> ConfigApply(const ParamReader& in) {
  SEI_ASSIGN_OR_RETURN(mode, in.String("mode"));
  SEI_ASSIGN_OR_RETURN(incremental, in.Bool("incremental"));
  SEI_ASSIGN_OR_RETURN(target_version, in.Int64("targetVersion"));
  SEI_ASSIGN_OR_RETURN(overrides, in.StringMap("overrides"));
  Struct out;
  WireWriter writer(&out);
  writer.Str("mode", mode).Bool("incremental", incremental).Int("targetVersion", target_version);
  if (!overrides.empty()) writer.StringMap("overrides", overrides);
  return out;
}

// {"files":{<file>:{…nested…}}}: each file a TOML document as JSON.
absl::StatusOr<Struct> ConfigPatch(const ParamReader& in) {
  SEI_ASSIGN_OR_RETURN(files, in.Object("files"));
  for (const auto& [file, patch] : files.fields()) {
    if (!patch.has_struct_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "decoding ", task_type::kConfigPatch, " params: files.", file, " must be an object"));
    }
  }
  Struct out;
  WireWriter(&out).Object("files", std::move(files));
  return out;
}

// D9: the sources of the live node, never the frozen ones.
absl::StatusOr<Struct> DiscoverPeers(const v1alpha1::SeiNode& node) {
  absl::StatusOr<std::vector<planner::PeerSourceParam>> sources =
      planner::DiscoverPeerSources(node.spec(), node.status().resolved_peers());
  if (!sources.ok()) return sources.status();
  Struct out;
  google::protobuf::ListValue* list = WireWriter(&out).List("sources");
  for (const planner::PeerSourceParam& source : *sources) {
    planner::WritePeerSource(source, list->add_values());
  }
  return out;
}

// Any subset; false, empty and zero are left out.
absl::StatusOr<Struct> ConfigureStateSync(const ParamReader& in) {
  SEI_ASSIGN_OR_RETURN(use_local_snapshot, in.Bool("UseLocalSnapshot"));
  SEI_ASSIGN_OR_RETURN(trust_period, in.String("TrustPeriod"));
  SEI_ASSIGN_OR_RETURN(backfill_blocks, in.Int64("BackfillBlocks"));
  SEI_ASSIGN_OR_RETURN(rpc_servers, in.StringList("RpcServers"));
  Struct out;
  WireWriter writer(&out);
  if (use_local_snapshot) writer.Bool("useLocalSnapshot", true);
  writer.StrIfSet("trustPeriod", trust_period);
  if (backfill_blocks != 0) writer.Int("backfillBlocks", backfill_blocks);
  if (!rpc_servers.empty()) writer.Strings("rpcServers", rpc_servers);
  return out;
}

// Types whose payload is a few strings: persisted key → wire key. Keys
// match ignoring case, so both the reference's capitalised fields
// ({"ChainID"}) and camelCase read.
struct StringField {
  const char* persisted;
  const char* wire;
};

absl::StatusOr<Struct> Strings(const ParamReader& in, std::initializer_list<StringField> fields) {
  Struct out;
  WireWriter writer(&out);
  for (const StringField& field : fields) {
    SEI_ASSIGN_OR_RETURN(value, in.String(field.persisted));
    writer.Str(field.wire, value);
  }
  return out;
}

// {"accountBalance","namespace","nodes":[{"name"}],"accounts"?,"overrides"?}.
absl::StatusOr<Struct> AssembleAndUploadGenesis(const ParamReader& in) {
  SEI_ASSIGN_OR_RETURN(account_balance, in.String("accountBalance"));
  SEI_ASSIGN_OR_RETURN(ns, in.String("namespace"));
  SEI_ASSIGN_OR_RETURN(nodes, in.ObjectList("nodes"));
  SEI_ASSIGN_OR_RETURN(accounts, in.ObjectList("accounts"));
  SEI_ASSIGN_OR_RETURN(overrides, in.Object("overrides"));
  Struct out;
  WireWriter writer(&out);
  writer.Str("accountBalance", account_balance).Str("namespace", ns);
  google::protobuf::ListValue* node_list = writer.List("nodes");
  for (const ParamReader& node : nodes) {
    SEI_ASSIGN_OR_RETURN(name, node.String("name"));
    WireWriter(node_list->add_values()->mutable_struct_value()).Str("name", name);
  }
  if (!accounts.empty()) {
    google::protobuf::ListValue* account_list = writer.List("accounts");
    for (const ParamReader& account : accounts) {
      SEI_ASSIGN_OR_RETURN(address, account.String("address"));
      SEI_ASSIGN_OR_RETURN(balance, account.String("balance"));
      WireWriter(account_list->add_values()->mutable_struct_value())
          .Str("address", address)
          .Str("balance", balance);
    }
  }
  if (!overrides.fields().empty()) writer.Object("overrides", std::move(overrides));
  return out;
}

#undef SEI_ASSIGN_OR_RETURN

}  // namespace

absl::StatusOr<Struct> BuildWireParams(absl::string_view type, const Value& persisted,
                                       const v1alpha1::SeiNode& node) {
  // Parameterless on the wire, whatever was stored.
  if (type == task_type::kConfigureGenesis || type == task_type::kConfigValidate ||
      type == task_type::kMarkReady || type == task_type::kSnapshotUpload ||
      type == task_type::kSetGenesisPeers) {
    return Struct();
  }
  if (type == task_type::kDiscoverPeers) return DiscoverPeers(node);

  absl::StatusOr<ParamReader> in = ParamReader::Of(type, persisted);
  if (!in.ok()) return in.status();
  if (type == task_type::kSnapshotRestore) return SnapshotRestore(*in);
  if (type == task_type::kConfigApply) return ConfigApply(*in);
  if (type == task_type::kConfigPatch) return ConfigPatch(*in);
  if (type == task_type::kConfigureStateSync) return ConfigureStateSync(*in);
  if (type == task_type::kGenerateIdentity) {
    return Strings(*in, {{"ChainID", "chainId"}, {"Moniker", "moniker"}});
  }
  if (type == task_type::kGenerateGentx) {
    return Strings(*in, {{"ChainID", "chainId"},
                         {"StakingAmount", "stakingAmount"},
                         {"AccountBalance", "accountBalance"}});
  }
  if (type == task_type::kUploadGenesisArtifacts) return Strings(*in, {{"NodeName", "nodeName"}});
  if (type == task_type::kAssembleAndUploadGenesis) return AssembleAndUploadGenesis(*in);
  return absl::InvalidArgumentError(absl::StrCat(type, " is not a sidecar task of a node plan"));
}

}  // namespace sei::tasks
