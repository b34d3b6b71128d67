// One SeiNode reconcile (plans.md §13.2, deletion §14, with §17's fixes):
// read the node, keep its finalizer, sync the StatefulSet it tracks, resolve
// label peers, probe the sidecar of a Running node, let the planner decide
// the plan (ResolvePlan), execute one pass of an Active plan, and write the
// status once with optimistic locking. Everything that decides lives in the
// planner; this class performs I/O in the order the spec gives and reports
// what happened.
#ifndef SEI_LIB_CONTROLLER_SEINODE_SEINODE_RECONCILER_H_
#define SEI_LIB_CONTROLLER_SEINODE_SEINODE_RECONCILER_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/controller/seinode/retry_holds.h"
#include "lib/controller/seinode/seinode_reporter.h"
#include "lib/k8s/kube_client.h"
#include "lib/planner/core/planner_config.h"
#include "lib/runtime/workqueue/reconcile_result.h"
#include "lib/sidecar/sidecar_client.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::controller {

using runtime::ReconcileResult;

inline constexpr absl::string_view kSeiNodeFinalizer = "sei.io/seinode-finalizer";

struct SeiNodeReconcilerDeps {
  k8s::KubeClient* kube = nullptr;
  sidecar::SidecarClientFactory* sidecars = nullptr;
  const tasks::PlatformConfig* platform = nullptr;
  SeiNodeReporter* reporter = nullptr;
  std::function<absl::Time()> clock;
  std::function<std::string()> new_plan_id;  // fresh UUIDv4 per built plan
};

struct SeiNodeReconcilerOptions {
  // The safety resync of a Running node with nothing due (D8): watches on
  // owned objects and pods wake it otherwise. Zero: never.
  absl::Duration steady_state_resync = absl::Minutes(10);
};

class SeiNodeReconciler {
 public:
  SeiNodeReconciler(SeiNodeReconcilerDeps deps, SeiNodeReconcilerOptions options);

  // One reconcile; a failed one is also reported (reconcile-errors metric,
  // log) before the caller backs off.
  ReconcileResult Reconcile(absl::string_view ns, absl::string_view name);

 private:
  ReconcileResult ReconcileOnce(absl::string_view ns, absl::string_view name);
  ReconcileResult ReconcileDeletion(k8s::Object object, v1alpha1::SeiNode node);
  absl::StatusOr<k8s::Object> EnsureFinalizer(const k8s::Object& object);
  absl::Status RemoveFinalizer(const k8s::Object& object);

  SeiNodeReconcilerDeps deps_;
  SeiNodeReconcilerOptions options_;
  RetryHolds retry_holds_;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_SEINODE_SEINODE_RECONCILER_H_
