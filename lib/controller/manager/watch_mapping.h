// Which watch events wake which reconcile (plans.md §13.1, nodetask.md
// §16.1): pure functions over the objects an informer hands its handlers,
// so the filters are tested without a cluster. Keys are "namespace/name".
#ifndef SEI_LIB_CONTROLLER_MANAGER_WATCH_MAPPING_H_
#define SEI_LIB_CONTROLLER_MANAGER_WATCH_MAPPING_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/object_cache.h"

namespace sei::controller {

// The label every pod of a node carries (tasks.md §5.1).
inline constexpr absl::string_view kNodeLabel = "sei.io/node";

// "namespace/name" of an object.
std::string KeyOf(const k8s::Object& object);
// Splits a key made by KeyOf; nullopt when it has no '/' or an empty part.
std::optional<std::pair<std::string, std::string>> SplitKey(absl::string_view key);

// A SeiNode update that needs a reconcile: the spec changed (generation) or
// deletion began. Status-only writes — the operator's own — do not.
bool SeiNodeUpdateNeedsReconcile(const k8s::Object& old_node, const k8s::Object& new_node);

// A SeiNodeTask update that needs a reconcile: generation changed.
bool NodeTaskUpdateNeedsReconcile(const k8s::Object& old_task, const k8s::Object& new_task);

// The key of the SeiNode that controls `owned` (a StatefulSet, Job, Service
// or PVC the operator created): its ownerReference of kind SeiNode in the
// sei.io group. nullopt when it has none.
std::optional<std::string> OwnerSeiNodeKey(const k8s::Object& owned);

// The key of the SeiNode a pod belongs to, from its sei.io/node label.
std::optional<std::string> PodSeiNodeKey(const k8s::Object& pod);

// True when the pod's Ready condition differs between the two versions
// (absent counts as not ready).
bool PodReadinessChanged(const k8s::Object& old_pod, const k8s::Object& new_pod);

// True when status.phase differs (Pending -> Running when a replacement pod
// starts: its sidecar becomes reachable before the pod is Ready).
bool PodPhaseChanged(const k8s::Object& old_pod, const k8s::Object& new_pod);

// Keys of the SeiNodeTasks in `tasks` that target the SeiNode `node_name`
// in `ns` (spec.target.nodeRef.name), terminal ones included.
std::vector<std::string> TasksTargetingNode(const k8s::ObjectCache& tasks, absl::string_view ns,
                                            absl::string_view node_name);

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_MANAGER_WATCH_MAPPING_H_
