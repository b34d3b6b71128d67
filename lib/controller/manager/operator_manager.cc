#include "lib/controller/manager/operator_manager.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controller/common/random_uuid.h"
#include "lib/controller/manager/watch_mapping.h"
#include "lib/k8s/resource.h"

namespace sei::controller {
namespace {

namespace res = k8s::resources;

// Every object the operator renders carries this label (tasks.md §5.1), so
// the owned-object and pod informers cache only the operator's objects.
constexpr char kOwnedSelector[] = "sei.io/node";

// How often Start() looks at the caches while waiting for them.
constexpr absl::Duration kSyncPoll = absl::Milliseconds(50);

}  // namespace

absl::StatusOr<std::unique_ptr<OperatorManager>> OperatorManager::Create(
    OperatorManagerDeps deps, OperatorManagerOptions options) {
  if (deps.kube == nullptr || deps.sidecars == nullptr || deps.platform == nullptr ||
      deps.node_reporter == nullptr || deps.task_reporter == nullptr || deps.metrics == nullptr ||
      deps.registry == nullptr || deps.clock == nullptr) {
    return absl::InvalidArgumentError("operator manager: a dependency is missing");
  }
  if (options.workers < 1) {
    return absl::InvalidArgumentError("operator manager: workers must be at least 1");
  }
  for (const std::string& ns : options.namespaces) {
    if (ns.empty()) return absl::InvalidArgumentError("operator manager: empty namespace");
  }
  std::unique_ptr<OperatorManager> manager(new OperatorManager(std::move(deps), std::move(options)));
  OperatorManager* m = manager.get();
  absl::StatusOr<runtime::metrics::ObservableGauge*> depth = m->deps_.registry->AddObservableGauge(
      "sei_controller_workqueue_depth",
      "Keys waiting in each controller's work queue: ready to run now (state=ready) or "
      "scheduled for a requeue or retry (state=scheduled).",
      {"controller", "state"}, [m](runtime::metrics::GaugeObserver& observer) {
        for (ReconcileLoop* loop : {m->nodes_.get(), m->tasks_.get()}) {
          (void)observer.Observe({loop->name(), "ready"}, static_cast<double>(loop->Depth()));
          (void)observer.Observe({loop->name(), "scheduled"},
                                 static_cast<double>(loop->Scheduled()));
        }
      });
  if (!depth.ok()) return depth.status();
  return manager;
}

OperatorManager::OperatorManager(OperatorManagerDeps deps, OperatorManagerOptions options)
    : deps_(std::move(deps)), options_(std::move(options)) {
  runtime::Clock* clock = deps_.clock;
  auto now = [clock] { return clock->Now(); };

  SeiNodeReconcilerDeps node_deps;
  node_deps.kube = deps_.kube;
  node_deps.sidecars = deps_.sidecars;
  node_deps.platform = deps_.platform;
  node_deps.reporter = deps_.node_reporter;
  node_deps.clock = now;
  node_deps.new_plan_id = [] { return RandomUuid(); };
  SeiNodeReconcilerOptions node_options;
  node_options.steady_state_resync = options_.resync;
  node_reconciler_ = std::make_unique<SeiNodeReconciler>(node_deps, node_options);

  NodeTaskReconcilerDeps task_deps;
  task_deps.kube = deps_.kube;
  task_deps.sidecars = deps_.sidecars;
  task_deps.platform = deps_.platform;
  task_deps.reporter = deps_.task_reporter;
  task_deps.clock = now;
  task_reconciler_ = std::make_unique<NodeTaskReconciler>(task_deps);

  const runtime::BackoffOptions backoff{options_.retry_base, options_.retry_max};
  nodes_ = std::make_unique<ReconcileLoop>(
      ReconcileLoopOptions{"seinode", options_.workers, backoff},
      [r = node_reconciler_.get()](absl::string_view ns, absl::string_view name) {
        return r->Reconcile(ns, name);
      },
      deps_.metrics, clock, deps_.logger);
  tasks_ = std::make_unique<ReconcileLoop>(
      ReconcileLoopOptions{"seinodetask", options_.workers, backoff},
      [r = task_reconciler_.get()](absl::string_view ns, absl::string_view name) {
        return r->Reconcile(ns, name);
      },
      deps_.metrics, clock, deps_.logger);

  auto enqueue_node = [this](absl::string_view key) { nodes_->Enqueue(key); };
  auto enqueue_task = [this](absl::string_view key) { tasks_->Enqueue(key); };
  node_events_ = std::make_unique<SeiNodeEvents>(
      enqueue_node, enqueue_task,
      [this](absl::string_view ns, absl::string_view node) { return TasksOfNode(ns, node); });
  owned_events_ = std::make_unique<OwnedObjectEvents>(enqueue_node);
  pod_events_ = std::make_unique<NodePodEvents>(enqueue_node);
  task_events_ = std::make_unique<NodeTaskEvents>(enqueue_task);

  std::vector<std::string> namespaces = options_.namespaces;
  if (namespaces.empty()) namespaces.push_back("");  // every namespace
  for (const std::string& ns : namespaces) {
    AddInformer(res::kSeiNodeTask, ns, "", task_events_.get());
    task_informers_.emplace_back(ns, watched_.back().informer.get());
    AddInformer(res::kSeiNode, ns, "", node_events_.get());
    for (const k8s::Resource* owned : {&res::kStatefulSet, &res::kJob, &res::kService,
                                       &res::kPersistentVolumeClaim}) {
      AddInformer(*owned, ns, kOwnedSelector, owned_events_.get());
    }
    AddInformer(res::kPod, ns, kOwnedSelector, pod_events_.get());
  }
}

OperatorManager::~OperatorManager() { Stop(); }

void OperatorManager::AddInformer(const k8s::Resource& resource, const std::string& ns,
                                  const std::string& label_selector,
                                  k8s::ResourceEventHandler* handler) {
  k8s::InformerOptions informer_options;
  informer_options.resource = resource;
  informer_options.ns = ns;
  informer_options.label_selector = label_selector;
  informer_options.watch_timeout = options_.watch_timeout;
  auto informer = std::make_unique<k8s::Informer>(deps_.kube, informer_options);
  informer->AddHandler(handler);
  watched_.push_back(Watched{
      absl::StrCat(resource.QualifiedName(), ns.empty() ? " in every namespace" : " in ", ns),
      std::move(informer)});
}

std::vector<std::string> OperatorManager::TasksOfNode(absl::string_view ns,
                                                      absl::string_view node_name) const {
  for (const auto& [watched_ns, informer] : task_informers_) {
    if (watched_ns.empty() || watched_ns == ns) {
      return TasksTargetingNode(informer->cache(), ns, node_name);
    }
  }
  return {};
}

absl::Status OperatorManager::Start(absl::Duration sync_timeout) {
  if (started_.exchange(true)) {
    return absl::FailedPreconditionError("operator manager: already started");
  }
  {
    absl::MutexLock lock(&stop_mu_);
    if (stopping_.load()) return absl::CancelledError("operator manager: stopped before start");
    for (Watched& w : watched_) w.informer->Start();
  }
  deps_.logger.Info("waiting for informer caches", {{"informers", watched_.size()}});
  const absl::Time deadline = deps_.clock->Now() + sync_timeout;
  for (const Watched& w : watched_) {
    while (!w.informer->HasSynced()) {
      if (stopping_.load()) return absl::CancelledError("operator manager: stopped while syncing");
      if (deps_.clock->Now() >= deadline) {
        absl::Status last = w.informer->LastError();
        return absl::DeadlineExceededError(absl::StrCat(
            "the cache of ", w.what, " did not sync within ", absl::FormatDuration(sync_timeout),
            last.ok() ? "" : absl::StrCat(": ", last.message()),
            " (are the CRDs installed and is the operator allowed to list them?)"));
      }
      w.informer->WaitForSync(kSyncPoll);
    }
  }
  absl::MutexLock lock(&stop_mu_);
  if (stopping_.load()) return absl::CancelledError("operator manager: stopped while syncing");
  nodes_->Start();
  tasks_->Start();
  synced_.store(true);
  deps_.logger.Info("caches synced; controllers started",
                    {{"workersPerController", options_.workers}});
  return absl::OkStatus();
}

void OperatorManager::Stop() {
  absl::MutexLock lock(&stop_mu_);
  if (stopped_) return;
  stopped_ = true;
  stopping_.store(true);
  // No more events first, then let the reconciles in flight finish.
  for (Watched& w : watched_) w.informer->Stop();
  nodes_->Stop();
  tasks_->Stop();
  synced_.store(false);
}

}  // namespace sei::controller
