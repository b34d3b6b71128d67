#include "lib/controlplane/apiserver/builtin_types.h"

#include <string>
#include <utility>

#include "lib/controlplane/core/selectable_fields.h"

namespace sei::controlplane {
namespace {

// Discovery verbs, in the (sorted) order kube-apiserver reports them.
const std::vector<std::string>& AllVerbs() {
  static const auto* verbs = new std::vector<std::string>{
      "create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};
  return *verbs;
}

struct Spec {
  const char* group;
  const char* resource;
  const char* singular;
  const char* kind;
  bool namespaced;
  std::vector<std::string> short_names;
  std::vector<std::string> categories;
  bool status;       // has a /status subresource
  bool generation;   // the strategy maintains metadata.generation
};

ResourceType Build(const Spec& spec) {
  ResourceType type;
  type.group = spec.group;
  type.version = "v1";
  type.resource = spec.resource;
  type.singular = spec.singular;
  type.kind = spec.kind;
  type.list_kind = type.kind + "List";
  type.namespaced = spec.namespaced;
  type.short_names = spec.short_names;
  type.categories = spec.categories;
  type.has_status_subresource = spec.status;
  type.tracks_generation = spec.generation;
  type.verbs = AllVerbs();
  type.selectable_fields = BuiltinSelectableFields(type.group, type.kind);
  return type;
}

}  // namespace

std::vector<ResourceType> BuiltinResourceTypes() {
  // Pods do not track generation: that arrived in 1.33
  // (PodObservedGenerationTracking); this server mimics 1.32.
  const Spec specs[] = {
      {"", "namespaces", "namespace", "Namespace", false, {"ns"}, {}, true, false},
      {"", "pods", "pod", "Pod", true, {"po"}, {"all"}, true, false},
      {"", "services", "service", "Service", true, {"svc"}, {"all"}, true, false},
      {"", "persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", true,
       {"pvc"}, {}, true, false},
      {"", "persistentvolumes", "persistentvolume", "PersistentVolume", false, {"pv"}, {}, true,
       false},
      {"", "configmaps", "configmap", "ConfigMap", true, {"cm"}, {}, false, false},
      {"", "secrets", "secret", "Secret", true, {}, {}, false, false},
      {"", "serviceaccounts", "serviceaccount", "ServiceAccount", true, {"sa"}, {}, false, false},
      {"", "events", "event", "Event", true, {"ev"}, {}, false, false},
      {"apps", "statefulsets", "statefulset", "StatefulSet", true, {"sts"}, {"all"}, true, true},
      {"apps", "controllerrevisions", "controllerrevision", "ControllerRevision", true, {}, {},
       false, false},
      {"batch", "jobs", "job", "Job", true, {}, {"all"}, true, true},
      {"coordination.k8s.io", "leases", "lease", "Lease", true, {}, {}, false, false},
      {"events.k8s.io", "events", "event", "Event", true, {"ev"}, {}, false, false},
      {"apiextensions.k8s.io", "customresourcedefinitions", "customresourcedefinition",
       "CustomResourceDefinition", false, {"crd", "crds"}, {"api-extensions"}, true, true},
  };
  std::vector<ResourceType> types;
  for (const Spec& spec : specs) types.push_back(Build(spec));
  for (ResourceType& type : types) {
    if (type.resource == "namespaces") {
      // Namespaces cannot be deleted as a collection.
      type.verbs = {"create", "delete", "get", "list", "patch", "update", "watch"};
    }
    if (type.resource == "customresourcedefinitions") type.allow_unconditional_update = false;
    if (type.group.empty() &&
        (type.resource == "pods" || type.resource == "serviceaccounts" ||
         type.resource == "persistentvolumes" || type.resource == "persistentvolumeclaims" ||
         type.resource == "services" || type.resource == "namespaces")) {
      type.return_deleted_object = true;
    }
  }
  return types;
}

}  // namespace sei::controlplane
