// The Kubernetes resources the operator reads and writes, named the way the
// REST API addresses them (group, version, plural), plus the kind and scope
// needed to build objects and URLs. One constant per resource, so a typo in
// a group or plural is a compile error rather than a 404 at run time.
#ifndef SEI_LIB_K8S_RESOURCE_H_
#define SEI_LIB_K8S_RESOURCE_H_

#include <string>

namespace sei::k8s {

struct Resource {
  std::string group;    // "" for the core group
  std::string version;  // "v1", "v1alpha1"
  std::string plural;   // "statefulsets"
  std::string kind;     // "StatefulSet"
  bool namespaced = true;

  // "v1" for the core group, else "<group>/<version>".
  std::string ApiVersion() const;
  // "statefulsets.apps", or just the plural for the core group: the
  // resource's name in Kubernetes error messages and RBAC rules.
  std::string QualifiedName() const;
};

bool operator==(const Resource& a, const Resource& b);
inline bool operator!=(const Resource& a, const Resource& b) { return !(a == b); }

namespace resources {
extern const Resource kPod;
extern const Resource kService;
extern const Resource kPersistentVolumeClaim;
extern const Resource kPersistentVolume;  // cluster-scoped
extern const Resource kConfigMap;
extern const Resource kSecret;
extern const Resource kEvent;  // core/v1 Event
extern const Resource kStatefulSet;
extern const Resource kJob;
extern const Resource kLease;  // coordination.k8s.io/v1
extern const Resource kSeiNode;
extern const Resource kSeiNodeTask;
}  // namespace resources

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_RESOURCE_H_
