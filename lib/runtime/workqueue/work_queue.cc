#include "lib/runtime/workqueue/work_queue.h"

#include <string>

namespace sei::runtime {

WorkQueue::WorkQueue(Clock* clock, BackoffOptions backoff) : clock_(clock), backoff_(backoff) {}

void WorkQueue::Add(absl::string_view key) {
  absl::MutexLock lock(&mu_);
  AddLocked(std::string(key));
}

void WorkQueue::AddLocked(const std::string& key) {
  if (shutting_down_) return;
  if (!dirty_.insert(key).second) return;  // already waiting to be processed
  // A key being processed is queued again by Done(), never handed out twice.
  if (processing_.count(key) > 0) return;
  queue_.push_back(key);
}

void WorkQueue::AddAfter(absl::string_view key, absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  if (shutting_down_) return;
  if (delay <= absl::ZeroDuration()) {
    AddLocked(std::string(key));
    return;
  }
  const absl::Time due = clock_->Now() + delay;
  auto it = due_by_key_.find(key);
  if (it != due_by_key_.end()) {
    if (it->second <= due) return;  // an earlier schedule already covers this one
    due_in_order_.erase({it->second, it->first});
    it->second = due;
  } else {
    it = due_by_key_.emplace(std::string(key), due).first;
  }
  due_in_order_.emplace(due, it->first);
  ++schedule_generation_;
}

void WorkQueue::AddRateLimited(absl::string_view key) {
  absl::Duration delay;
  {
    absl::MutexLock lock(&mu_);
    if (shutting_down_) return;
    delay = backoff_.When(key);
  }
  AddAfter(key, delay);
}

void WorkQueue::Forget(absl::string_view key) {
  absl::MutexLock lock(&mu_);
  backoff_.Forget(key);
}

int WorkQueue::NumRequeues(absl::string_view key) const {
  absl::MutexLock lock(&mu_);
  return backoff_.NumRequeues(key);
}

void WorkQueue::PromoteDueLocked() {
  if (due_in_order_.empty()) return;
  const absl::Time now = clock_->Now();
  while (!due_in_order_.empty() && due_in_order_.begin()->first <= now) {
    std::string key = due_in_order_.begin()->second;
    due_in_order_.erase(due_in_order_.begin());
    due_by_key_.erase(key);
    AddLocked(key);
  }
}

std::optional<std::string> WorkQueue::Get() {
  absl::MutexLock lock(&mu_);
  while (true) {
    PromoteDueLocked();
    if (shutting_down_) return std::nullopt;
    if (!queue_.empty()) {
      std::string key = std::move(queue_.front());
      queue_.pop_front();
      dirty_.erase(key);
      processing_.insert(key);
      return key;
    }
    // Park until a key is added, the queue shuts down, an earlier schedule
    // arrives, or the earliest scheduled key is due.
    const absl::Time deadline =
        due_in_order_.empty() ? absl::InfiniteFuture() : due_in_order_.begin()->first;
    const uint64_t generation = schedule_generation_;
    auto woken = [this, generation]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
      return shutting_down_ || !queue_.empty() || schedule_generation_ != generation;
    };
    clock_->AwaitUntil(&mu_, absl::Condition(&woken), deadline);
  }
}

void WorkQueue::Done(absl::string_view key) {
  absl::MutexLock lock(&mu_);
  auto it = processing_.find(key);
  if (it == processing_.end()) return;
  std::string done = *it;
  processing_.erase(it);
  if (!shutting_down_ && dirty_.count(done) > 0) queue_.push_back(std::move(done));
}

size_t WorkQueue::Len() {
  absl::MutexLock lock(&mu_);
  PromoteDueLocked();
  return queue_.size();
}

size_t WorkQueue::PendingDelayed() {
  absl::MutexLock lock(&mu_);
  PromoteDueLocked();
  return due_in_order_.size();
}

void WorkQueue::ShutDown() {
  absl::MutexLock lock(&mu_);
  shutting_down_ = true;
  queue_.clear();
  dirty_.clear();
  due_by_key_.clear();
  due_in_order_.clear();
}

void WorkQueue::ShutDownWithDrain() {
  ShutDown();
  absl::MutexLock lock(&mu_);
  auto drained = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return processing_.empty(); };
  mu_.Await(absl::Condition(&drained));
}

bool WorkQueue::ShuttingDown() const {
  absl::MutexLock lock(&mu_);
  return shutting_down_;
}

}  // namespace sei::runtime
