// Which resources the local control plane serves: the built-in kinds of
// control-plane.md and, once their CustomResourceDefinition is created (and
// Established), every served version of each custom resource.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_RESOURCE_REGISTRY_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_RESOURCE_REGISTRY_H_

#include <memory>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

// Thread-safe. Pointers returned stay valid for the registry's lifetime
// (a removed CRD's types are retired, not freed, so in-flight requests and
// watches holding them stay safe).
class ResourceRegistry {
 public:
  virtual ~ResourceRegistry() = default;

  virtual const ResourceType* Find(absl::string_view group, absl::string_view version,
                                   absl::string_view resource) const = 0;
  virtual const ResourceType* FindByKind(absl::string_view group, absl::string_view version,
                                         absl::string_view kind) const = 0;
  // Every served type, in a stable order (group, version, resource).
  virtual std::vector<const ResourceType*> All() const = 0;

  // Serves (or re-serves, on update) every `served` version of a
  // CustomResourceDefinition object; an invalid schema → 422 Invalid.
  virtual absl::Status ServeCustomResource(const nlohmann::json& crd) = 0;
  virtual void StopServing(absl::string_view crd_name) = 0;
};

// Core/v1: namespaces, pods, services, persistentvolumeclaims, persistentvolumes,
// configmaps, secrets, serviceaccounts, events; apps/v1: statefulsets,
// controllerrevisions; batch/v1: jobs; coordination.k8s.io/v1: leases;
// events.k8s.io/v1: events; apiextensions.k8s.io/v1: customresourcedefinitions.
std::unique_ptr<ResourceRegistry> NewRegistryWithBuiltins();

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_RESOURCE_REGISTRY_H_
