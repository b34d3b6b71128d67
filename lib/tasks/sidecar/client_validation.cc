#include "lib/tasks/sidecar/client_validation.h"

#include <initializer_list>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/nodetask/task_params.h"
#include "lib/tasks/sidecar/bech32.h"

namespace sei::tasks {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;
namespace task_type = planner::task_type;

constexpr absl::string_view kAccountPrefix = "sei";

const Value* Field(const Struct& params, absl::string_view key) {
  auto it = params.fields().find(std::string(key));
  return it == params.fields().end() ? nullptr : &it->second;
}

std::string StringField(const Struct& params, absl::string_view key) {
  const Value* value = Field(params, key);
  return value != nullptr && value->has_string_value() ? value->string_value() : std::string();
}

std::optional<std::string> Invalid(absl::string_view type, absl::string_view reason) {
  return absl::StrCat("validating ", type, ": ", reason);
}

// `<key> is required` for the first empty one of `keys`.
std::optional<std::string> RequireStrings(absl::string_view type, const Struct& params,
                                          std::initializer_list<const char*> keys,
                                          absl::string_view where = "") {
  for (const char* key : keys) {
    if (StringField(params, key).empty()) {
      return Invalid(type, absl::StrCat(where, key, " is required"));
    }
  }
  return std::nullopt;
}

const google::protobuf::RepeatedPtrField<Value>* ListField(const Struct& params,
                                                           absl::string_view key) {
  const Value* value = Field(params, key);
  return value != nullptr && value->has_list_value() ? &value->list_value().values() : nullptr;
}

bool IsConfigKey(absl::string_view key) {
  std::vector<absl::string_view> segments = absl::StrSplit(key, '.');
  if (segments.size() < 2) return false;
  for (absl::string_view segment : segments) {
    if (segment.empty()) return false;
    for (char c : segment) {
      if (!absl::ascii_isalnum(c) && c != '_' && c != '-') return false;
    }
  }
  return true;
}

std::optional<std::string> ValidateConfigApply(const Struct& params) {
  const absl::string_view type = task_type::kConfigApply;
  const std::string mode = StringField(params, "mode");
  if (mode.empty()) return Invalid(type, "mode is required");
  if (mode != "validator" && mode != "full" && mode != "seed" && mode != "archive") {
    return Invalid(
        type, absl::StrCat("mode \"", mode, "\" is not one of validator, full, seed, archive"));
  }
  const Value* version = Field(params, "targetVersion");
  if (version != nullptr && version->number_value() != 0) {
    return Invalid(type, absl::StrCat("targetVersion ", version->number_value(),
                                      " is not supported (only 0, the sidecar's current schema)"));
  }
  if (const Value* overrides = Field(params, "overrides")) {
    for (const auto& [key, unused] : overrides->struct_value().fields()) {
      if (!IsConfigKey(key)) {
        return Invalid(type, absl::StrCat("override key \"", key,
                                          "\" is not a dotted sei-config key (section.key)"));
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> ValidateConfigPatch(const Struct& params) {
  const Value* files = Field(params, "files");
  if (files == nullptr || files->struct_value().fields().empty()) {
    return Invalid(task_type::kConfigPatch, "at least one file is required");
  }
  return std::nullopt;
}

std::optional<std::string> ValidateDiscoverPeers(const Struct& params) {
  planner::nodetask::TaskRequest request;
  request.type = std::string(task_type::kDiscoverPeers);
  request.params = params;
  return planner::nodetask::ValidateSidecarRequest(request);
}

std::optional<std::string> ValidateAssembleAndUploadGenesis(const Struct& params) {
  const absl::string_view type = task_type::kAssembleAndUploadGenesis;
  if (auto invalid = RequireStrings(type, params, {"accountBalance", "namespace"})) return invalid;
  const auto* nodes = ListField(params, "nodes");
  if (nodes == nullptr || nodes->empty()) return Invalid(type, "at least one node is required");
  const auto* accounts = ListField(params, "accounts");
  if (accounts == nullptr) return std::nullopt;
  int index = 0;
  for (const Value& item : *accounts) {
    const std::string where = absl::StrCat("accounts[", index++, "]: ");
    const Struct& account = item.struct_value();
    if (auto invalid = RequireStrings(type, account, {"address"}, where)) return invalid;
    const std::string address = StringField(account, "address");
    if (!IsBech32WithPrefix(address, kAccountPrefix)) {
      return Invalid(type, absl::StrCat(where, "address \"", address,
                                        "\" is not a bech32 address with prefix ", kAccountPrefix));
    }
    if (auto invalid = RequireStrings(type, account, {"balance"}, where)) return invalid;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ValidateWireParams(absl::string_view type, const Struct& params) {
  if (type == task_type::kConfigApply) return ValidateConfigApply(params);
  if (type == task_type::kConfigPatch) return ValidateConfigPatch(params);
  if (type == task_type::kDiscoverPeers) return ValidateDiscoverPeers(params);
  if (type == task_type::kGenerateIdentity) {
    return RequireStrings(type, params, {"chainId", "moniker"});
  }
  if (type == task_type::kGenerateGentx) {
    return RequireStrings(type, params, {"chainId", "stakingAmount", "accountBalance"});
  }
  if (type == task_type::kUploadGenesisArtifacts) {
    return RequireStrings(type, params, {"nodeName"});
  }
  if (type == task_type::kAssembleAndUploadGenesis) {
    return ValidateAssembleAndUploadGenesis(params);
  }
  return std::nullopt;
}

}  // namespace sei::tasks
