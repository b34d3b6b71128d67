#include "lib/k8s/resource.h"

#include <tuple>

namespace sei::k8s {

std::string Resource::ApiVersion() const { return group.empty() ? version : group + "/" + version; }

std::string Resource::QualifiedName() const {
  return group.empty() ? plural : plural + "." + group;
}

bool operator==(const Resource& a, const Resource& b) {
  return std::tie(a.group, a.version, a.plural, a.kind, a.namespaced) ==
         std::tie(b.group, b.version, b.plural, b.kind, b.namespaced);
}

namespace resources {
const Resource kPod{"", "v1", "pods", "Pod", true};
const Resource kService{"", "v1", "services", "Service", true};
const Resource kPersistentVolumeClaim{"", "v1", "persistentvolumeclaims", "PersistentVolumeClaim",
                                      true};
const Resource kPersistentVolume{"", "v1", "persistentvolumes", "PersistentVolume", false};
const Resource kConfigMap{"", "v1", "configmaps", "ConfigMap", true};
const Resource kSecret{"", "v1", "secrets", "Secret", true};
const Resource kEvent{"", "v1", "events", "Event", true};
const Resource kStatefulSet{"apps", "v1", "statefulsets", "StatefulSet", true};
const Resource kJob{"batch", "v1", "jobs", "Job", true};
const Resource kLease{"coordination.k8s.io", "v1", "leases", "Lease", true};
const Resource kSeiNode{"sei.io", "v1alpha1", "seinodes", "SeiNode", true};
const Resource kSeiNodeTask{"sei.io", "v1alpha1", "seinodetasks", "SeiNodeTask", true};
}  // namespace resources

}  // namespace sei::k8s
