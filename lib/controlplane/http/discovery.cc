#include "lib/controlplane/http/discovery.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

// Built-in groups in kube-apiserver's discovery order; custom groups follow
// alphabetically.
constexpr const char* kBuiltinGroupOrder[] = {
    "apiregistration.k8s.io",
    "apps",
    "events.k8s.io",
    "authentication.k8s.io",
    "authorization.k8s.io",
    "autoscaling",
    "batch",
    "certificates.k8s.io",
    "networking.k8s.io",
    "policy",
    "rbac.authorization.k8s.io",
    "storage.k8s.io",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
    "scheduling.k8s.io",
    "coordination.k8s.io",
    "node.k8s.io",
    "discovery.k8s.io",
    "flowcontrol.apiserver.k8s.io",
};

int GroupRank(absl::string_view group) {
  int rank = 0;
  for (const char* known : kBuiltinGroupOrder) {
    if (group == known) return rank;
    ++rank;
  }
  return rank;
}

// Parsed "v<major>[alpha|beta<minor>]": level 2 GA, 1 beta, 0 alpha.
struct KubeVersion {
  bool valid = false;
  int level = 0;
  int64_t major = 0;
  int64_t minor = 0;
};

KubeVersion ParseKubeVersion(absl::string_view v) {
  KubeVersion parsed;
  if (v.size() < 2 || v[0] != 'v' || !absl::ascii_isdigit(static_cast<unsigned char>(v[1]))) {
    return parsed;
  }
  size_t i = 1;
  while (i < v.size() && absl::ascii_isdigit(static_cast<unsigned char>(v[i]))) ++i;
  if (!absl::SimpleAtoi(v.substr(1, i - 1), &parsed.major)) return parsed;
  absl::string_view rest = v.substr(i);
  if (rest.empty()) {
    parsed.level = 2;
    parsed.valid = true;
    return parsed;
  }
  absl::string_view number;
  if (rest.substr(0, 4) == "beta") {
    parsed.level = 1;
    number = rest.substr(4);
  } else if (rest.substr(0, 5) == "alpha") {
    parsed.level = 0;
    number = rest.substr(5);
  } else {
    return parsed;
  }
  if (number.empty() || !absl::SimpleAtoi(number, &parsed.minor)) return parsed;
  for (char c : number) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(c))) return parsed;
  }
  parsed.valid = true;
  return parsed;
}

// The types of one group, by version (in priority order).
std::vector<std::pair<std::string, ResourceTypes>> VersionsOf(const ResourceTypes& types,
                                                              absl::string_view group) {
  std::map<std::string, ResourceTypes> by_version;
  for (const ResourceType* type : types) {
    if (type->group == group) by_version[type->version].push_back(type);
  }
  std::vector<std::pair<std::string, ResourceTypes>> versions(by_version.begin(), by_version.end());
  std::sort(versions.begin(), versions.end(),
            [](const auto& a, const auto& b) { return VersionHigherPriority(a.first, b.first); });
  for (auto& [version, list] : versions) {
    std::sort(list.begin(), list.end(), [](const ResourceType* a, const ResourceType* b) {
      return a->resource < b->resource;
    });
  }
  return versions;
}

std::vector<std::string> NonCoreGroups(const ResourceTypes& types) {
  std::set<std::string> groups;
  for (const ResourceType* type : types) {
    if (!type->group.empty()) groups.insert(type->group);
  }
  std::vector<std::string> ordered(groups.begin(), groups.end());
  std::stable_sort(ordered.begin(), ordered.end(), [](const std::string& a, const std::string& b) {
    return std::make_tuple(GroupRank(a), a) < std::make_tuple(GroupRank(b), b);
  });
  return ordered;
}

Json GroupVersionEntry(absl::string_view group, absl::string_view version) {
  return {{"groupVersion", absl::StrCat(group, "/", version)}, {"version", std::string(version)}};
}

Json GroupEntry(const ResourceTypes& types, const std::string& group) {
  Json versions = Json::array();
  auto ordered = VersionsOf(types, group);
  for (const auto& [version, list] : ordered) versions.push_back(GroupVersionEntry(group, version));
  return {{"name", group},
          {"versions", versions},
          {"preferredVersion", GroupVersionEntry(group, ordered.front().first)}};
}

const std::vector<std::string>& StatusVerbs() {
  static const std::vector<std::string> kVerbs = {"get", "patch", "update"};
  return kVerbs;
}

Json LegacyResource(const ResourceType& type) {
  Json resource = {{"name", type.resource},
                   {"singularName", type.singular},
                   {"namespaced", type.namespaced},
                   {"kind", type.kind},
                   {"verbs", type.verbs}};
  if (!type.short_names.empty()) resource["shortNames"] = type.short_names;
  if (!type.categories.empty()) resource["categories"] = type.categories;
  return resource;
}

Json LegacyStatusResource(const ResourceType& type) {
  return {{"name", type.resource + "/status"},
          {"singularName", ""},
          {"namespaced", type.namespaced},
          {"kind", type.kind},
          {"verbs", StatusVerbs()}};
}

Json ResponseKind(const ResourceType& type) {
  return {{"group", type.group}, {"version", type.version}, {"kind", type.kind}};
}

Json AggregatedResource(const ResourceType& type) {
  Json resource = {{"resource", type.resource},
                   {"responseKind", ResponseKind(type)},
                   {"scope", type.namespaced ? "Namespaced" : "Cluster"},
                   {"singularResource", type.singular},
                   {"verbs", type.verbs}};
  if (!type.short_names.empty()) resource["shortNames"] = type.short_names;
  if (!type.categories.empty()) resource["categories"] = type.categories;
  if (type.has_status_subresource) {
    resource["subresources"] = Json::array({{{"subresource", "status"},
                                             {"responseKind", ResponseKind(type)},
                                             {"verbs", StatusVerbs()}}});
  }
  return resource;
}

Json AggregatedGroup(const ResourceTypes& types, const std::string& group) {
  Json versions = Json::array();
  for (const auto& [version, list] : VersionsOf(types, group)) {
    Json resources = Json::array();
    for (const ResourceType* type : list) resources.push_back(AggregatedResource(*type));
    versions.push_back({{"version", version}, {"resources", resources}, {"freshness", "Current"}});
  }
  Json metadata = {{"creationTimestamp", nullptr}};
  if (!group.empty()) metadata["name"] = group;
  return {{"metadata", metadata}, {"versions", versions}};
}

}  // namespace

bool VersionHigherPriority(absl::string_view a, absl::string_view b) {
  const KubeVersion va = ParseKubeVersion(a);
  const KubeVersion vb = ParseKubeVersion(b);
  if (va.valid != vb.valid) return va.valid;
  if (!va.valid) return a < b;
  if (va.level != vb.level) return va.level > vb.level;
  if (va.major != vb.major) return va.major > vb.major;
  return va.minor > vb.minor;
}

Json VersionInfoDocument() {
  return {{"major", "1"},
          {"minor", "32"},
          {"gitVersion", "v1.32.0-sei-local"},
          {"gitCommit", "0000000000000000000000000000000000000000"},
          {"gitTreeState", "clean"},
          {"buildDate", "2025-01-01T00:00:00Z"},
          {"goVersion", "go1.23.4"},
          {"compiler", "gc"},
          {"platform", "linux/amd64"}};
}

Json RootPathsDocument(const ResourceTypes& types) {
  std::set<std::string> paths = {"/api",   "/api/v1", "/apis",   "/healthz",
                                 "/livez", "/readyz", "/version"};
  for (const ResourceType* type : types) {
    if (type->group.empty()) continue;
    paths.insert("/apis/" + type->group);
    paths.insert("/apis/" + type->group + "/" + type->version);
  }
  return {{"paths", std::vector<std::string>(paths.begin(), paths.end())}};
}

Json CoreVersionsDocument(absl::string_view server_address) {
  return {{"kind", "APIVersions"},
          {"versions", {"v1"}},
          {"serverAddressByClientCIDRs",
           {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", std::string(server_address)}}}}};
}

Json GroupListDocument(const ResourceTypes& types) {
  Json groups = Json::array();
  for (const std::string& group : NonCoreGroups(types)) groups.push_back(GroupEntry(types, group));
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<Json> GroupDocument(const ResourceTypes& types, absl::string_view group) {
  if (group.empty()) return std::nullopt;
  for (const ResourceType* type : types) {
    if (type->group == group) {
      Json document = GroupEntry(types, std::string(group));
      document["kind"] = "APIGroup";
      document["apiVersion"] = "v1";
      return document;
    }
  }
  return std::nullopt;
}

std::optional<Json> ResourceListDocument(const ResourceTypes& types, absl::string_view group,
                                         absl::string_view version) {
  ResourceTypes matching;
  for (const ResourceType* type : types) {
    if (type->group == group && type->version == version) matching.push_back(type);
  }
  if (matching.empty()) return std::nullopt;
  std::sort(matching.begin(), matching.end(),
            [](const ResourceType* a, const ResourceType* b) { return a->resource < b->resource; });
  Json resources = Json::array();
  for (const ResourceType* type : matching) {
    resources.push_back(LegacyResource(*type));
    if (type->has_status_subresource) resources.push_back(LegacyStatusResource(*type));
  }
  return Json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", matching.front()->GroupVersion()},
              {"resources", resources}};
}

Json AggregatedDiscoveryDocument(const ResourceTypes& types, bool core, absl::string_view version) {
  Json items = Json::array();
  if (core) {
    bool any = false;
    for (const ResourceType* type : types) any = any || type->group.empty();
    if (any) items.push_back(AggregatedGroup(types, ""));
  } else {
    for (const std::string& group : NonCoreGroups(types)) {
      items.push_back(AggregatedGroup(types, group));
    }
  }
  return {{"kind", "APIGroupDiscoveryList"},
          {"apiVersion", absl::StrCat("apidiscovery.k8s.io/", version)},
          {"metadata", Json::object()},
          {"items", items}};
}

}  // namespace sei::controlplane
