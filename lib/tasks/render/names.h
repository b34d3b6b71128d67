// The names of the Kubernetes objects the operator renders for a SeiNode
// (tasks.md §5.1). Every task that creates, reads or deletes one of them goes
// through these functions, so a name is decided in exactly one place.
#ifndef SEI_LIB_TASKS_RENDER_NAMES_H_
#define SEI_LIB_TASKS_RENDER_NAMES_H_

#include <string>

#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// `<node>`.
std::string StatefulSetName(const v1alpha1::SeiNode& node);
// `<node>-0`: the StatefulSet's only pod.
std::string PodName(const v1alpha1::SeiNode& node);
// `<node>`.
std::string HeadlessServiceName(const v1alpha1::SeiNode& node);
// spec.dataVolume.import.pvcName when set, else `data-<node>`. The bootstrap
// Job uses it too (plans.md §17 D7).
std::string DataPvcName(const v1alpha1::SeiNode& node);
// `<node>-rbac-proxy-config`.
std::string RbacProxyConfigMapName(const v1alpha1::SeiNode& node);
// `<node>-bootstrap`.
std::string BootstrapJobName(const v1alpha1::SeiNode& node);
// `<node>`: the same name as the headless Service, which never coexists with
// it, so the sidecar URL resolves to the bootstrap pod while it runs.
std::string BootstrapServiceName(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_NAMES_H_
