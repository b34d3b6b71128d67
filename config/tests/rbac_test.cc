// The operator's RBAC grants exactly what the spec says it needs: tasks.md
// §6.4, the SeiNodeTask controller's table (nodetask.md §16.3, which governs
// SeiNodeTask where the two differ), and leader election's Lease access in
// its own namespace. And the bindings point at the account the Deployment
// runs as.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "config/tests/rbac_permissions.h"
#include "config/tests/yaml_file.h"

namespace sei::config {
namespace {

using Json = nlohmann::json;

constexpr char kNamespace[] = "sei-operator-system";
constexpr char kServiceAccount[] = "sei-operator";

Json Load(const std::string& file) {
  absl::StatusOr<Json> document = ReadSingleYamlDocument("config/" + file);
  INFO(document.status().ToString());
  REQUIRE(document.ok());
  return *document;
}

Permissions Grants(const Json& role) {
  absl::StatusOr<Permissions> permissions = PermissionsOf(role);
  INFO(permissions.status().ToString());
  REQUIRE(permissions.ok());
  return *permissions;
}

struct Row {
  const char* group;
  std::vector<const char*> resources;
  std::vector<const char*> verbs;
};

Permissions Expand(const std::vector<Row>& table) {
  Permissions out;
  for (const Row& row : table) {
    for (const char* resource : row.resources) {
      for (const char* verb : row.verbs) out.insert({row.group, resource, verb});
    }
  }
  return out;
}

const std::vector<const char*> kAllVerbs = {"get",    "list",  "watch", "create",
                                            "update", "patch", "delete"};

// tasks.md §6.4, row by row.
const std::vector<Row> kOperatorTable = {
    {"sei.io", {"seinodes"}, kAllVerbs},
    {"sei.io", {"seinodes/status"}, {"get", "update", "patch"}},
    {"sei.io", {"seinodes/finalizers"}, {"update"}},
    {"sei.io", {"seinodetasks"}, {"create", "get"}},
    {"apps", {"statefulsets"}, kAllVerbs},
    {"batch", {"jobs"}, kAllVerbs},
    {"", {"services", "persistentvolumeclaims", "configmaps"}, kAllVerbs},
    {"", {"persistentvolumes", "secrets"}, {"get", "list", "watch"}},
    {"", {"pods"}, {"get", "list", "watch", "delete"}},
    {"", {"events"}, {"create", "patch"}},
};

// nodetask.md §16.3, row by row.
const std::vector<Row> kTaskControllerTable = {
    {"sei.io", {"seinodetasks"}, kAllVerbs},
    {"sei.io", {"seinodetasks/status"}, {"get", "update", "patch"}},
    {"sei.io", {"seinodetasks/finalizers"}, {"update"}},
    {"sei.io", {"seinodes"}, {"get", "list", "watch", "patch"}},
    {"apps", {"statefulsets"}, {"get"}},
    {"", {"pods"}, {"get", "list", "watch", "delete"}},
    {"", {"events"}, {"create", "patch"}},
};

std::vector<std::string> Difference(const Permissions& a, const Permissions& b) {
  std::vector<std::string> out;
  for (const Permission& p : a) {
    if (b.count(p) == 0) out.push_back(p.ToString());
  }
  return out;
}

TEST_CASE("the ClusterRole grants exactly the spec's permissions", "[rbac]") {
  Permissions expected = Expand(kOperatorTable);
  const Permissions task_controller = Expand(kTaskControllerTable);
  expected.insert(task_controller.begin(), task_controller.end());

  const Permissions granted = Grants(Load("rbac/role.yaml"));
  const std::vector<std::string> extra = Difference(granted, expected);
  const std::vector<std::string> missing = Difference(expected, granted);
  INFO("granted but not in the spec: " << absl::StrJoin(extra, "; "));
  INFO("in the spec but not granted: " << absl::StrJoin(missing, "; "));
  CHECK(extra.empty());
  CHECK(missing.empty());
  // Nothing cluster-wide about leases: those live in the namespaced Role.
  CHECK(granted.count({"coordination.k8s.io", "leases", "get"}) == 0);
}

TEST_CASE("leader election may only get, create and update Leases in its namespace", "[rbac]") {
  const Json role = Load("rbac/leader_election_role.yaml");
  CHECK(role["metadata"]["namespace"] == kNamespace);
  CHECK(Grants(role) == Expand({{"coordination.k8s.io", {"leases"}, {"get", "create", "update"}}}));
}

TEST_CASE("the node pods' proxy role only reviews tokens and access", "[rbac]") {
  CHECK(Grants(Load("rbac/node_auth_proxy_role.yaml")) ==
        Expand({{"authentication.k8s.io", {"tokenreviews"}, {"create"}},
                {"authorization.k8s.io", {"subjectaccessreviews"}, {"create"}}}));
}

TEST_CASE("the bindings give the roles to the account the Deployment runs as", "[rbac]") {
  const Json account = Load("rbac/service_account.yaml");
  CHECK(account["kind"] == "ServiceAccount");
  CHECK(account["metadata"]["name"] == kServiceAccount);
  CHECK(account["metadata"]["namespace"] == kNamespace);

  const Json subject = {
      {"kind", "ServiceAccount"}, {"name", kServiceAccount}, {"namespace", kNamespace}};
  const Json cluster_binding = Load("rbac/role_binding.yaml");
  CHECK(cluster_binding["kind"] == "ClusterRoleBinding");
  CHECK(cluster_binding["roleRef"]["kind"] == "ClusterRole");
  CHECK(cluster_binding["roleRef"]["name"] == Load("rbac/role.yaml")["metadata"]["name"]);
  CHECK(cluster_binding["subjects"] == Json::array({subject}));

  const Json binding = Load("rbac/leader_election_role_binding.yaml");
  CHECK(binding["kind"] == "RoleBinding");
  CHECK(binding["metadata"]["namespace"] == kNamespace);
  CHECK(binding["roleRef"]["kind"] == "Role");
  CHECK(binding["roleRef"]["name"] == Load("rbac/leader_election_role.yaml")["metadata"]["name"]);
  CHECK(binding["subjects"] == Json::array({subject}));

  const Json deployment = Load("manager/manager.yaml");
  CHECK(deployment["metadata"]["namespace"] == kNamespace);
  CHECK(deployment["spec"]["template"]["spec"]["serviceAccountName"] == kServiceAccount);
}

// The flattening refuses what would make an exact comparison meaningless.
TEST_CASE("wildcards, resourceNames and incomplete rules are refused", "[rbac]") {
  const auto refused = [](const char* rule) {
    const Json role = {{"kind", "ClusterRole"}, {"rules", Json::array({Json::parse(rule)})}};
    const absl::StatusOr<Permissions> result = PermissionsOf(role);
    REQUIRE_FALSE(result.ok());
    return std::string(result.status().message());
  };
  CHECK(refused(R"({"apiGroups": ["*"], "resources": ["pods"], "verbs": ["get"]})") ==
        "rules[0].apiGroups: wildcards are not least privilege");
  CHECK(refused(R"({"apiGroups": [""], "resources": ["pods"], "verbs": ["*"]})") ==
        "rules[0].verbs: wildcards are not least privilege");
  CHECK(refused(R"({"apiGroups": [""], "resources": ["pods"], "verbs": ["get"],
                    "resourceNames": ["p"]})") == "rules[0].resourceNames: not supported");
  CHECK(refused(R"({"apiGroups": [""], "verbs": ["get"]})") ==
        "rules[0].resources: must be a non-empty list");
  CHECK_FALSE(PermissionsOf(Json{{"kind", "RoleBinding"}}).ok());
}

}  // namespace
}  // namespace sei::config
