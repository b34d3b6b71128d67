// The pod-cycle helpers shared by replace-pod and restart-pod (tasks.md
// §3.8): read the node's StatefulSet uncached, refuse what the tasks cannot
// handle safely, find the pods it owns and delete one. Neither task ever
// creates a pod or touches the StatefulSet itself.
#ifndef SEI_LIB_TASKS_CONTROLLER_POD_CYCLE_H_
#define SEI_LIB_TASKS_CONTROLLER_POD_CYCLE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"

namespace sei::tasks {

// GET StatefulSet `name` in `ns` (the KubeClient is uncached). nullopt when
// NotFound (the caller waits); other errors as they are (transient).
absl::StatusOr<std::optional<k8s::Object>> FetchStatefulSet(k8s::KubeClient& kube,
                                                            absl::string_view ns,
                                                            absl::string_view name);

// The refusal message for a StatefulSet the task must not cycle, nullopt when
// it may: no selector or empty matchLabels → `statefulset "<name>" has no
// selector; cannot identify owned pods`; spec.replicas > 1 → `<task> does
// not support multi-replica StatefulSets (got replicas=N); add ordinal-aware
// deletion before scaling up`. Both are terminal.
std::optional<std::string> GuardCyclableStatefulSet(const k8s::Object& statefulset,
                                                    absl::string_view task_type);

// spec.selector.matchLabels non-empty.
bool HasSelector(const k8s::Object& statefulset);

// LIST pods in `ns` matching the StatefulSet's matchLabels and keep those
// with an ownerReference {kind: StatefulSet, uid: <its uid>}, in list order.
absl::StatusOr<std::vector<k8s::Object>> ListOwnedPods(k8s::KubeClient& kube, absl::string_view ns,
                                                       const k8s::Object& statefulset);

// DELETE the pod; NotFound counts as done. A uid precondition makes sure a
// pod recreated under the same name in between is never the one deleted
// (its Conflict also counts as done). Other errors as they are (transient).
absl::Status DeletePod(k8s::KubeClient& kube, absl::string_view ns, const k8s::Object& pod);

// The pod's Ready condition is "True".
bool IsPodReady(const k8s::Object& pod);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_POD_CYCLE_H_
