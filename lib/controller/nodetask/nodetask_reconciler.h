// One SeiNodeTask reconcile (nodetask.md §11 as fixed by §15): load the task
// and its target, run the pure state machine (lib/planner/nodetask) through
// its actions, and flush status once — a JSON merge patch guarded by the
// snapshot's resourceVersion — then emit the machine's events.
#ifndef SEI_LIB_CONTROLLER_NODETASK_NODETASK_RECONCILER_H_
#define SEI_LIB_CONTROLLER_NODETASK_NODETASK_RECONCILER_H_

#include <functional>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/controller/nodetask/nodetask_reporter.h"
#include "lib/k8s/kube_client.h"
#include "lib/runtime/workqueue/reconcile_result.h"
#include "lib/sidecar/sidecar_client.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::controller {

using runtime::ReconcileResult;

struct NodeTaskReconcilerDeps {
  k8s::KubeClient* kube = nullptr;
  sidecar::SidecarClientFactory* sidecars = nullptr;
  const tasks::PlatformConfig* platform = nullptr;
  NodeTaskReporter* reporter = nullptr;
  std::function<absl::Time()> clock;
};

class NodeTaskReconciler {
 public:
  explicit NodeTaskReconciler(NodeTaskReconcilerDeps deps);
  // One reconcile; a failed one is also reported (reconcile-errors metric,
  // log) before the caller backs off.
  ReconcileResult Reconcile(absl::string_view ns, absl::string_view name);

 private:
  ReconcileResult ReconcileOnce(absl::string_view ns, absl::string_view name);
  NodeTaskReconcilerDeps deps_;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_NODETASK_NODETASK_RECONCILER_H_
