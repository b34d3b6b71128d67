// What one reconcile of a key asks of its work queue (controller-runtime's
// reconcile.Result plus the error): WorkerPool turns it into Forget,
// AddAfter or AddRateLimited.
#ifndef SEI_LIB_RUNTIME_WORKQUEUE_RECONCILE_RESULT_H_
#define SEI_LIB_RUNTIME_WORKQUEUE_RECONCILE_RESULT_H_

#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace sei::runtime {

struct ReconcileResult {
  // Run again after this long (nullopt: only when something adds the key).
  std::optional<absl::Duration> requeue_after;
  // Non-OK: the reconcile failed; retry with the queue's per-key backoff
  // (requeue_after is then ignored, as in controller-runtime).
  absl::Status error;

  static ReconcileResult Done() { return {}; }
  static ReconcileResult After(absl::Duration d) { return {d, absl::OkStatus()}; }
  static ReconcileResult Error(absl::Status s) { return {std::nullopt, std::move(s)}; }
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_WORKQUEUE_RECONCILE_RESULT_H_
