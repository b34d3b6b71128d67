// Create-once semantics of the bootstrap deploy tasks (tasks.md §3.12,
// §3.13): an object that already exists counts as deployed, whoever made
// it. The GET first keeps a re-run after a crash free of writes.
#ifndef SEI_LIB_TASKS_CONTROLLER_CREATE_IF_ABSENT_H_
#define SEI_LIB_TASKS_CONTROLLER_CREATE_IF_ABSENT_H_

#include "absl/status/statusor.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/resource.h"

namespace sei::tasks {

// GET metadata.name in metadata.namespace; present → false. NotFound →
// CREATE: success → true, AlreadyExists → false. Other errors as they are.
absl::StatusOr<bool> CreateIfAbsent(k8s::KubeClient& kube, const k8s::Resource& resource,
                                    const k8s::Object& object);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_CREATE_IF_ABSENT_H_
