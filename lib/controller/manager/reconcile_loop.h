// One controller's machinery: a work queue of "namespace/name" keys and N
// workers draining it through a reconcile function, with every reconcile
// counted and timed. The queue gives controller-runtime's guarantees
// (runtime/workqueue/work_queue.h): de-duplicated keys, never one key on two
// workers, per-key backoff after errors, and a wake-up exactly when a
// requeue_after falls due. Watches feed it through Enqueue.
#ifndef SEI_LIB_CONTROLLER_MANAGER_RECONCILE_LOOP_H_
#define SEI_LIB_CONTROLLER_MANAGER_RECONCILE_LOOP_H_

#include <functional>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/controller/manager/manager_metrics.h"
#include "lib/runtime/clock/clock.h"
#include "lib/runtime/logging/logger.h"
#include "lib/runtime/workqueue/reconcile_result.h"
#include "lib/runtime/workqueue/work_queue.h"
#include "lib/runtime/workqueue/worker_pool.h"

namespace sei::controller {

// Reconciles the object `name` in `ns`.
using ObjectReconciler =
    std::function<runtime::ReconcileResult(absl::string_view ns, absl::string_view name)>;

struct ReconcileLoopOptions {
  std::string name;  // "seinode", "seinodetask": the metrics' controller label
  int workers = 4;
  runtime::BackoffOptions backoff;
};

class ReconcileLoop {
 public:
  // `metrics`, `clock` must outlive the loop.
  ReconcileLoop(ReconcileLoopOptions options, ObjectReconciler reconcile,
                const ManagerMetrics* metrics, runtime::Clock* clock, runtime::Logger logger);
  ~ReconcileLoop();  // Stop()s
  ReconcileLoop(const ReconcileLoop&) = delete;
  ReconcileLoop& operator=(const ReconcileLoop&) = delete;

  // Queues `key` ("namespace/name"); a key already waiting is not queued
  // twice. Safe from any thread, before Start() too (keys wait).
  void Enqueue(absl::string_view key);

  // Starts the workers. Idempotent.
  void Start();
  // Stops handing out keys, waits for the reconciles in flight to finish,
  // and joins the workers. Keys still queued are dropped: the next leader
  // or process lists everything again. Idempotent.
  void Stop();

  const std::string& name() const { return options_.name; }
  // Keys ready to run now, and keys waiting for a requeue or retry time.
  size_t Depth() { return queue_.Len(); }
  size_t Scheduled() { return queue_.PendingDelayed(); }

 private:
  runtime::ReconcileResult ReconcileKey(const std::string& key);

  const ReconcileLoopOptions options_;
  const ObjectReconciler reconcile_;
  const ManagerMetrics* const metrics_;
  runtime::Clock* const clock_;
  const runtime::Logger log_;
  runtime::WorkQueue queue_;
  runtime::WorkerPool pool_;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_MANAGER_RECONCILE_LOOP_H_
