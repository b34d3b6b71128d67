#include "lib/controlplane/http/openapi.h"

#include <cstdint>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

std::string GroupVersionPath(const ResourceType& type) {
  return type.group.empty() ? absl::StrCat("api/", type.version)
                            : absl::StrCat("apis/", type.group, "/", type.version);
}

Json QueryParameter(const char* name) {
  return {{"name", name}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}};
}

// The query parameters the apiserver documents for each action.
Json Parameters(absl::string_view action) {
  Json parameters = Json::array();
  if (action == "list" || action == "deletecollection") {
    for (const char* name : {"labelSelector", "fieldSelector", "limit", "continue",
                             "resourceVersion", "timeoutSeconds"}) {
      parameters.push_back(QueryParameter(name));
    }
  }
  if (action == "list") {
    for (const char* name : {"watch", "allowWatchBookmarks"}) {
      parameters.push_back(QueryParameter(name));
    }
  }
  if (action == "post" || action == "put" || action == "patch") {
    for (const char* name : {"dryRun", "fieldManager", "fieldValidation"}) {
      parameters.push_back(QueryParameter(name));
    }
  }
  if (action == "patch") parameters.push_back(QueryParameter("force"));
  if (action == "delete" || action == "deletecollection") {
    for (const char* name : {"dryRun", "gracePeriodSeconds", "propagationPolicy"}) {
      parameters.push_back(QueryParameter(name));
    }
  }
  return parameters;
}

Json Operation(const ResourceType& type, absl::string_view action) {
  return {{"x-kubernetes-action", std::string(action)},
          {"x-kubernetes-group-version-kind",
           {{"group", type.group}, {"version", type.version}, {"kind", type.kind}}},
          {"parameters", Parameters(action)},
          {"responses", {{"200", {{"description", "OK"}}}}}};
}

Json GroupVersionDocument(const ResourceTypes& types, absl::string_view path) {
  Json paths = Json::object();
  for (const ResourceType* type : types) {
    if (GroupVersionPath(*type) != path) continue;
    const std::string base = absl::StrCat(
        "/", path, "/", type->namespaced ? "namespaces/{namespace}/" : "", type->resource);
    const std::string item = base + "/{name}";
    paths[base] = {{"get", Operation(*type, "list")},
                   {"post", Operation(*type, "post")},
                   {"delete", Operation(*type, "deletecollection")}};
    paths[item] = {{"get", Operation(*type, "get")},
                   {"put", Operation(*type, "put")},
                   {"patch", Operation(*type, "patch")},
                   {"delete", Operation(*type, "delete")}};
    if (type->has_status_subresource) {
      paths[item + "/status"] = {{"get", Operation(*type, "get")},
                                 {"put", Operation(*type, "put")},
                                 {"patch", Operation(*type, "patch")}};
    }
  }
  return {{"openapi", "3.0.0"},
          {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0-sei-local"}}},
          {"paths", std::move(paths)}};
}

// FNV-1a: stable across runs, so an unchanged document keeps its URL.
std::string ContentHash(const std::string& text) {
  uint64_t hash = 1469598103934665603ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return absl::StrFormat("%016X", hash);
}

}  // namespace

Json OpenApiV3Root(const ResourceTypes& types) {
  std::map<std::string, bool> group_versions;
  for (const ResourceType* type : types) group_versions[GroupVersionPath(*type)] = true;
  Json paths = Json::object();
  for (const auto& [path, unused] : group_versions) {
    const std::string hash = ContentHash(GroupVersionDocument(types, path).dump());
    paths[path] = {{"serverRelativeURL", absl::StrCat("/openapi/v3/", path, "?hash=", hash)}};
  }
  return {{"paths", std::move(paths)}};
}

std::optional<Json> OpenApiV3Document(const ResourceTypes& types,
                                      absl::string_view group_version_path) {
  for (const ResourceType* type : types) {
    if (GroupVersionPath(*type) == group_version_path) {
      return GroupVersionDocument(types, group_version_path);
    }
  }
  return std::nullopt;
}

}  // namespace sei::controlplane
