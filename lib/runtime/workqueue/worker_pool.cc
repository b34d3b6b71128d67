#include "lib/runtime/workqueue/worker_pool.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace sei::runtime {

WorkerPool::WorkerPool(WorkQueue* queue, int workers, ReconcileFunc reconcile)
    : queue_(queue), workers_(std::max(workers, 1)), reconcile_(std::move(reconcile)) {}

WorkerPool::~WorkerPool() { Join(); }

void WorkerPool::Start() {
  if (!threads_.empty()) return;
  for (int i = 0; i < workers_; ++i) threads_.emplace_back([this] { RunWorker(); });
}

void WorkerPool::Join() {
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

void WorkerPool::Settle(WorkQueue& queue, const std::string& key, const ReconcileResult& result) {
  if (!result.error.ok()) {
    queue.AddRateLimited(key);
  } else if (result.requeue_after.has_value()) {
    queue.Forget(key);
    queue.AddAfter(key, *result.requeue_after);
  } else {
    queue.Forget(key);
  }
  queue.Done(key);
}

void WorkerPool::RunWorker() {
  while (std::optional<std::string> key = queue_->Get()) {
    Settle(*queue_, *key, reconcile_(*key));
  }
}

}  // namespace sei::runtime
