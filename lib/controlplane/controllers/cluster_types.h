// The built-in resource types the simulated controllers read and write,
// looked up once in the registry.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_CLUSTER_TYPES_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_CLUSTER_TYPES_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

struct ClusterTypes {
  const ResourceType* pods = nullptr;
  const ResourceType* persistent_volume_claims = nullptr;
  const ResourceType* persistent_volumes = nullptr;
  const ResourceType* config_maps = nullptr;
  const ResourceType* secrets = nullptr;
  const ResourceType* stateful_sets = nullptr;
  const ResourceType* controller_revisions = nullptr;
  const ResourceType* jobs = nullptr;

  // Built-in types are never retired, so the pointers stay valid for the
  // registry's lifetime.
  static ClusterTypes Resolve(const ResourceRegistry& registry);

  // FailedPrecondition naming the first type the registry did not serve.
  absl::Status Check() const;

  // Keys for one namespace ("" = all namespaces / cluster scope).
  static ResourceKey Key(const ResourceType* type, const std::string& ns = "") {
    return ResourceKey{type, ns};
  }
};

// LIST as a vector of objects, each with apiVersion and kind filled in (a
// built-in list leaves them to the list), so they can be written back or
// named in owner references. `ns` "" = all namespaces.
absl::StatusOr<std::vector<nlohmann::json>> ListObjects(ObjectStore& store,
                                                        const ResourceType* type,
                                                        const std::string& ns = "",
                                                        const std::string& label_selector = "");

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_CLUSTER_TYPES_H_
