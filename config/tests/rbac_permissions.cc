#include "config/tests/rbac_permissions.h"

#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::config {
namespace {

using Json = nlohmann::json;

absl::StatusOr<std::vector<std::string>> StringList(const Json& rule, const char* key, int index) {
  const auto it = rule.find(key);
  if (it == rule.end() || !it->is_array() || it->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("rules[", index, "].", key, ": must be a non-empty list"));
  }
  std::vector<std::string> out;
  for (const Json& value : *it) {
    if (!value.is_string()) {
      return absl::InvalidArgumentError(
          absl::StrCat("rules[", index, "].", key, ": entries must be strings"));
    }
    if (value.get<std::string>() == "*") {
      return absl::InvalidArgumentError(
          absl::StrCat("rules[", index, "].", key, ": wildcards are not least privilege"));
    }
    out.push_back(value.get<std::string>());
  }
  return out;
}

}  // namespace

std::string Permission::ToString() const {
  return absl::StrCat(group.empty() ? "core" : group, " ", resource, " ", verb);
}

absl::StatusOr<Permissions> PermissionsOf(const Json& role) {
  const std::string kind = role.value("kind", "");
  if (kind != "Role" && kind != "ClusterRole") {
    return absl::InvalidArgumentError(
        absl::StrCat("expected a Role or ClusterRole, got \"", kind, "\""));
  }
  Permissions out;
  const Json rules = role.value("rules", Json::array());
  for (int i = 0; i < static_cast<int>(rules.size()); ++i) {
    const Json& rule = rules[i];
    for (const char* unsupported : {"resourceNames", "nonResourceURLs"}) {
      if (rule.contains(unsupported)) {
        return absl::InvalidArgumentError(
            absl::StrCat("rules[", i, "].", unsupported, ": not supported"));
      }
    }
    absl::StatusOr<std::vector<std::string>> groups = StringList(rule, "apiGroups", i);
    if (!groups.ok()) return groups.status();
    absl::StatusOr<std::vector<std::string>> resources = StringList(rule, "resources", i);
    if (!resources.ok()) return resources.status();
    absl::StatusOr<std::vector<std::string>> verbs = StringList(rule, "verbs", i);
    if (!verbs.ok()) return verbs.status();
    for (const std::string& group : *groups) {
      for (const std::string& resource : *resources) {
        for (const std::string& verb : *verbs) out.insert({group, resource, verb});
      }
    }
  }
  return out;
}

}  // namespace sei::config
