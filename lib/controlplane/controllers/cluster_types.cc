#include "lib/controlplane/controllers/cluster_types.h"

#include "absl/strings/str_cat.h"

namespace sei::controlplane {

ClusterTypes ClusterTypes::Resolve(const ResourceRegistry& registry) {
  ClusterTypes types;
  types.pods = registry.Find("", "v1", "pods");
  types.persistent_volume_claims = registry.Find("", "v1", "persistentvolumeclaims");
  types.persistent_volumes = registry.Find("", "v1", "persistentvolumes");
  types.config_maps = registry.Find("", "v1", "configmaps");
  types.secrets = registry.Find("", "v1", "secrets");
  types.stateful_sets = registry.Find("apps", "v1", "statefulsets");
  types.controller_revisions = registry.Find("apps", "v1", "controllerrevisions");
  types.jobs = registry.Find("batch", "v1", "jobs");
  return types;
}

absl::Status ClusterTypes::Check() const {
  const struct {
    const ResourceType* type;
    const char* name;
  } all[] = {{pods, "pods"},
             {persistent_volume_claims, "persistentvolumeclaims"},
             {persistent_volumes, "persistentvolumes"},
             {config_maps, "configmaps"},
             {secrets, "secrets"},
             {stateful_sets, "statefulsets.apps"},
             {controller_revisions, "controllerrevisions.apps"},
             {jobs, "jobs.batch"}};
  for (const auto& entry : all) {
    if (entry.type == nullptr) {
      return absl::FailedPreconditionError(
          absl::StrCat("simulated cluster: the registry does not serve ", entry.name));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<nlohmann::json>> ListObjects(ObjectStore& store,
                                                        const ResourceType* type,
                                                        const std::string& ns,
                                                        const std::string& label_selector) {
  ListOptions options;
  options.label_selector = label_selector;
  absl::StatusOr<nlohmann::json> list = store.List(ResourceKey{type, ns}, options);
  if (!list.ok()) return list.status();
  std::vector<nlohmann::json> items;
  auto it = list->find("items");
  if (it == list->end() || !it->is_array()) return items;
  items.reserve(it->size());
  for (nlohmann::json& item : *it) {
    if (!item.is_object()) continue;
    item["apiVersion"] = type->GroupVersion();
    item["kind"] = type->kind;
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace sei::controlplane
