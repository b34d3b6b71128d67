// A queue of string keys ("namespace/name") with controller-runtime's
// work-queue guarantees, for controllers whose reconcile is idempotent and
// keyed by object:
//
//  - de-duplication: adding a key that is already waiting is a no-op, so a
//    burst of watch events for one object costs one reconcile;
//  - exclusivity: a key handed out by Get() is never handed out again until
//    Done(key); adds that arrive meanwhile are remembered and the key is
//    queued once more at Done, so no change is lost and no object is
//    reconciled by two workers at once;
//  - AddAfter(key, d): the key becomes ready exactly when the clock reaches
//    now + d; of several pending schedules for a key the earliest wins;
//  - AddRateLimited(key): AddAfter with the key's exponential backoff
//    (backoff_rate_limiter.h); Forget(key) resets it.
//
// Thread-safe. The clock is injected so tests drive time (FakeClock).
#ifndef SEI_LIB_RUNTIME_WORKQUEUE_WORK_QUEUE_H_
#define SEI_LIB_RUNTIME_WORKQUEUE_WORK_QUEUE_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/runtime/clock/clock.h"
#include "lib/runtime/workqueue/backoff_rate_limiter.h"

namespace sei::runtime {

class WorkQueue {
 public:
  explicit WorkQueue(Clock* clock = RealClock(), BackoffOptions backoff = {});
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // All adds are ignored once the queue is shutting down.
  void Add(absl::string_view key);
  // `delay` <= 0 is Add.
  void AddAfter(absl::string_view key, absl::Duration delay);
  void AddRateLimited(absl::string_view key);
  void Forget(absl::string_view key);
  int NumRequeues(absl::string_view key) const;

  // Blocks until a key is ready and returns it, marked as processing; the
  // caller must call Done(key) when finished. nullopt once the queue is
  // shutting down: no key is handed out after ShutDown, even if some are
  // still queued (they are dropped; the next leader or process re-lists).
  std::optional<std::string> Get();
  void Done(absl::string_view key);

  // Keys ready to be handed out (the depth metric). Keys still waiting for
  // their AddAfter time are not counted.
  size_t Len();
  // Keys waiting for an AddAfter / AddRateLimited time.
  size_t PendingDelayed();

  // Stops handing out keys and wakes every blocked Get(). Returns at once.
  void ShutDown();
  // ShutDown, then blocks until every key being processed is Done.
  void ShutDownWithDrain();
  bool ShuttingDown() const;

 private:
  void AddLocked(const std::string& key) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Moves every delayed key whose time has come into the ready queue.
  void PromoteDueLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  Clock* const clock_;
  mutable absl::Mutex mu_;
  std::deque<std::string> queue_ ABSL_GUARDED_BY(mu_);  // ready, in order
  // Keys that need processing: queued, or re-added while processing.
  std::set<std::string, std::less<>> dirty_ ABSL_GUARDED_BY(mu_);
  std::set<std::string, std::less<>> processing_ ABSL_GUARDED_BY(mu_);
  // Delayed keys: due time per key, and the same ordered by time.
  std::map<std::string, absl::Time, std::less<>> due_by_key_ ABSL_GUARDED_BY(mu_);
  std::set<std::pair<absl::Time, std::string>> due_in_order_ ABSL_GUARDED_BY(mu_);
  // Bumped whenever the earliest due time may have moved earlier, so a Get
  // parked until the old earliest time re-plans its wait.
  uint64_t schedule_generation_ ABSL_GUARDED_BY(mu_) = 0;
  BackoffRateLimiter backoff_ ABSL_GUARDED_BY(mu_);
  bool shutting_down_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_WORKQUEUE_WORK_QUEUE_H_
