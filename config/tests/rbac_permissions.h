// What a Role or ClusterRole grants, flattened to (API group, resource, verb)
// triples so that two permission sets can be compared exactly.
#ifndef SEI_CONFIG_TESTS_RBAC_PERMISSIONS_H_
#define SEI_CONFIG_TESTS_RBAC_PERMISSIONS_H_

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <tuple>

#include "absl/status/statusor.h"

namespace sei::config {

struct Permission {
  std::string group;     // "" is the core group
  std::string resource;  // may name a subresource: "seinodes/status"
  std::string verb;

  bool operator<(const Permission& other) const {
    return std::tie(group, resource, verb) < std::tie(other.group, other.resource, other.verb);
  }
  bool operator==(const Permission& other) const {
    return std::tie(group, resource, verb) == std::tie(other.group, other.resource, other.verb);
  }
  // "apps statefulsets get"; the core group prints as "core".
  std::string ToString() const;
};

using Permissions = std::set<Permission>;

// The cross product of every rule's apiGroups × resources × verbs. Rules
// this project never writes are refused rather than approximated, because
// they would defeat an exact comparison: `*` anywhere, resourceNames and
// nonResourceURLs give InvalidArgument, as does a rule missing one of the
// three lists. `role` must be kind Role or ClusterRole.
absl::StatusOr<Permissions> PermissionsOf(const nlohmann::json& role);

}  // namespace sei::config

#endif  // SEI_CONFIG_TESTS_RBAC_PERMISSIONS_H_
