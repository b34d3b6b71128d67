#include "lib/controller/manager/reconcile_loop.h"

#include <optional>
#include <utility>

#include "lib/controller/manager/watch_mapping.h"

namespace sei::controller {

ReconcileLoop::ReconcileLoop(ReconcileLoopOptions options, ObjectReconciler reconcile,
                             const ManagerMetrics* metrics, runtime::Clock* clock,
                             runtime::Logger logger)
    : options_(std::move(options)),
      reconcile_(std::move(reconcile)),
      metrics_(metrics),
      clock_(clock),
      log_(logger.WithName(options_.name)),
      queue_(clock, options_.backoff),
      pool_(&queue_, options_.workers, [this](const std::string& key) { return ReconcileKey(key); }) {}

ReconcileLoop::~ReconcileLoop() { Stop(); }

void ReconcileLoop::Enqueue(absl::string_view key) { queue_.Add(key); }

void ReconcileLoop::Start() { pool_.Start(); }

void ReconcileLoop::Stop() {
  queue_.ShutDownWithDrain();
  pool_.Join();
}

runtime::ReconcileResult ReconcileLoop::ReconcileKey(const std::string& key) {
  std::optional<std::pair<std::string, std::string>> parts = SplitKey(key);
  if (!parts.has_value()) {
    // Keys come from object metadata, so this is a bug in a mapping; retrying
    // cannot help.
    log_.Error("dropping a malformed work-queue key", {{"key", key}});
    return runtime::ReconcileResult::Done();
  }
  const absl::Time start = clock_->Now();
  runtime::ReconcileResult result = reconcile_(parts->first, parts->second);
  const absl::string_view outcome = !result.error.ok()                 ? "error"
                                    : result.requeue_after.has_value() ? "requeue"
                                                                       : "success";
  metrics_->ObserveReconcile(options_.name, outcome, clock_->Now() - start);
  if (log_.Enabled(runtime::LogLevel::kDebug)) {
    log_.Debug("reconciled", {{"namespace", parts->first},
                              {"name", parts->second},
                              {"result", outcome},
                              {"requeueAfter", result.requeue_after.has_value()
                                                   ? absl::FormatDuration(*result.requeue_after)
                                                   : std::string("none")}});
  }
  return result;
}

}  // namespace sei::controller
