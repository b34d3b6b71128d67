// The operator's controller manager: the SeiNode and SeiNodeTask reconcilers
// wired to informers and work queues. It owns one informer per watched
// resource and namespace (SeiNodes, SeiNodeTasks, and the StatefulSets,
// Jobs, Services, PVCs and pods labelled sei.io/node), routes their events
// through event_handlers.h into the two reconcile loops, and exposes the
// queue depth as a metric. Leader election, endpoints and signals stay in
// the binary: a manager is started once this process may act, and stopped
// for good.
#ifndef SEI_LIB_CONTROLLER_MANAGER_OPERATOR_MANAGER_H_
#define SEI_LIB_CONTROLLER_MANAGER_OPERATOR_MANAGER_H_

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controller/manager/event_handlers.h"
#include "lib/controller/manager/manager_metrics.h"
#include "lib/controller/manager/reconcile_loop.h"
#include "lib/controller/nodetask/nodetask_reconciler.h"
#include "lib/controller/seinode/seinode_reconciler.h"
#include "lib/k8s/informer.h"
#include "lib/runtime/clock/clock.h"
#include "lib/runtime/logging/logger.h"
#include "lib/runtime/metrics/registry.h"

namespace sei::controller {

struct OperatorManagerOptions {
  std::vector<std::string> namespaces;  // empty: every namespace
  int workers = 4;                      // per controller
  // Safety resync of a settled Running node (plans.md D8); zero: never.
  absl::Duration resync = absl::Minutes(10);
  // How long a watch runs before the informer renews it.
  absl::Duration watch_timeout = absl::Minutes(5);
  // Retry backoff of a failing reconcile (per key, doubling up to max).
  absl::Duration retry_base = absl::Milliseconds(5);
  absl::Duration retry_max = absl::Seconds(300);
};

struct OperatorManagerDeps {
  k8s::KubeClient* kube = nullptr;
  sidecar::SidecarClientFactory* sidecars = nullptr;
  const tasks::PlatformConfig* platform = nullptr;
  SeiNodeReporter* node_reporter = nullptr;
  NodeTaskReporter* task_reporter = nullptr;
  const ManagerMetrics* metrics = nullptr;
  // The queue-depth gauge is registered here; it reads the manager, so the
  // registry must not be scraped once the manager is destroyed.
  runtime::metrics::Registry* registry = nullptr;
  runtime::Clock* clock = nullptr;
  runtime::Logger logger;
};

class OperatorManager {
 public:
  // InvalidArgument for a missing dependency or a bad option; the gauge's
  // registration error when the registry already has one.
  static absl::StatusOr<std::unique_ptr<OperatorManager>> Create(OperatorManagerDeps deps,
                                                                 OperatorManagerOptions options);
  ~OperatorManager();  // Stop()s
  OperatorManager(const OperatorManager&) = delete;
  OperatorManager& operator=(const OperatorManager&) = delete;

  // Starts every informer, waits until all have listed once (so the first
  // reconciles see complete caches), then starts the workers. Every object
  // listed is queued once, so a restarted operator resumes each half-done
  // plan from its persisted status. DeadlineExceeded naming the resource
  // and its last error when a cache is not synced within `sync_timeout`
  // (e.g. the CRDs are not installed); Cancelled when Stop() came first.
  // Once only.
  absl::Status Start(absl::Duration sync_timeout);
  // Stops the informers, lets the reconciles in flight finish, and joins
  // the workers. Safe from any thread, concurrently with Start(). Idempotent.
  void Stop();

  bool Synced() const { return synced_.load(); }
  ReconcileLoop& nodes() { return *nodes_; }
  ReconcileLoop& tasks() { return *tasks_; }

 private:
  struct Watched {
    std::string what;  // "seinodes in default", for errors and logs
    std::unique_ptr<k8s::Informer> informer;
  };

  OperatorManager(OperatorManagerDeps deps, OperatorManagerOptions options);
  void AddInformer(const k8s::Resource& resource, const std::string& ns,
                   const std::string& label_selector, k8s::ResourceEventHandler* handler);
  std::vector<std::string> TasksOfNode(absl::string_view ns, absl::string_view node_name) const;

  const OperatorManagerDeps deps_;
  const OperatorManagerOptions options_;
  std::unique_ptr<SeiNodeReconciler> node_reconciler_;
  std::unique_ptr<NodeTaskReconciler> task_reconciler_;
  std::unique_ptr<ReconcileLoop> nodes_;
  std::unique_ptr<ReconcileLoop> tasks_;
  std::unique_ptr<SeiNodeEvents> node_events_;
  std::unique_ptr<OwnedObjectEvents> owned_events_;
  std::unique_ptr<NodePodEvents> pod_events_;
  std::unique_ptr<NodeTaskEvents> task_events_;
  std::vector<Watched> watched_;
  // The SeiNodeTask informer of each watched namespace ("" = all).
  std::vector<std::pair<std::string, const k8s::Informer*>> task_informers_;

  std::atomic<bool> started_{false};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> synced_{false};
  absl::Mutex stop_mu_;  // serialises Stop()
  bool stopped_ ABSL_GUARDED_BY(stop_mu_) = false;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_MANAGER_OPERATOR_MANAGER_H_
