// What a controller-side task runs with during one reconcile (plans.md §12:
// the per-reconcile dependency bundle). The reconciler owns every pointer;
// a task only borrows them for one Execute or Status call.
#ifndef SEI_LIB_TASKS_CONTROLLER_TASK_CONTEXT_H_
#define SEI_LIB_TASKS_CONTROLLER_TASK_CONTEXT_H_

#include "absl/time/time.h"
#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks {

struct PlatformConfig;  // lib/tasks/platform/platform_config.h

struct TaskContext {
  // Uncached reads and writes: every read a task makes sees the API server's
  // current state, including objects written moments ago (tasks.md §2).
  k8s::KubeClient* kube = nullptr;
  // The owning node; nullptr for SeiNodeTask-only tasks (restart-pod,
  // update-node-image), which name their target in params. Tasks may mutate
  // node->mutable_status() (conditions, images, statefulSet); the reconciler
  // flushes it once per reconcile.
  v1alpha1::SeiNode* node = nullptr;
  const PlatformConfig* platform = nullptr;
  absl::Time now;
};

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_TASK_CONTEXT_H_
