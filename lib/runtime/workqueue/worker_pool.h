// N threads draining one WorkQueue through a reconcile callback, with
// controller-runtime's result handling:
//   error          → AddRateLimited(key)   (per-key exponential backoff)
//   requeue_after  → Forget(key), AddAfter(key, requeue_after)
//   neither        → Forget(key)
// and always Done(key) afterwards. The queue's exclusivity guarantee means
// the callback never sees the same key on two threads at once.
#ifndef SEI_LIB_RUNTIME_WORKQUEUE_WORKER_POOL_H_
#define SEI_LIB_RUNTIME_WORKQUEUE_WORKER_POOL_H_

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "lib/runtime/workqueue/reconcile_result.h"
#include "lib/runtime/workqueue/work_queue.h"

namespace sei::runtime {

using ReconcileFunc = std::function<ReconcileResult(const std::string& key)>;

class WorkerPool {
 public:
  // `queue` must outlive the pool. `workers` < 1 is treated as 1.
  WorkerPool(WorkQueue* queue, int workers, ReconcileFunc reconcile);
  ~WorkerPool();  // Join()s: shut the queue down first
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Starts the threads. Idempotent.
  void Start();
  // Waits for every worker to return, which happens once the queue is shut
  // down and each has finished its current key. Idempotent.
  void Join();

  // What one worker does with one key's result (exposed for the tests).
  static void Settle(WorkQueue& queue, const std::string& key, const ReconcileResult& result);

 private:
  void RunWorker();

  WorkQueue* const queue_;
  const int workers_;
  ReconcileFunc reconcile_;
  std::vector<std::thread> threads_;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_WORKQUEUE_WORKER_POOL_H_
