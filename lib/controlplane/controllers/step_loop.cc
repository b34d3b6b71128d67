#include "lib/controlplane/controllers/step_loop.h"

#include <utility>

namespace sei::controlplane {

StepLoop::StepLoop(ObjectStore* store, StepLoopOptions options, std::function<absl::Status()> step)
    : store_(store), options_(std::move(options)), step_(std::move(step)) {}

StepLoop::~StepLoop() { Stop(); }

void StepLoop::Start() {
  {
    absl::MutexLock lock(&mu_);
    if (started_ || stopping_) return;
    started_ = true;
  }
  Watch();
  thread_ = std::thread([this] { Run(); });
}

void StepLoop::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  // After the join nothing else touches watches_; destroying a handle waits
  // for its delivery thread, so no callback runs once this returns.
  watches_.clear();
}

absl::Status StepLoop::last_status() const {
  absl::MutexLock lock(&mu_);
  return last_status_;
}

int64_t StepLoop::steps() const {
  absl::MutexLock lock(&mu_);
  return steps_;
}

void StepLoop::Wake(bool watch_ended) {
  absl::MutexLock lock(&mu_);
  dirty_ = true;
  if (watch_ended) rewatch_ = true;
}

void StepLoop::Watch() {
  watches_.clear();
  const std::string from = store_->CurrentResourceVersion();
  for (const ResourceType* type : options_.watched) {
    if (type == nullptr) continue;
    WatchOptions watch;
    watch.resource_version = from;
    absl::StatusOr<std::unique_ptr<WatchHandle>> handle = store_->Watch(
        ResourceKey{type, ""}, watch,
        [this](const WatchEvent& event) { Wake(event.type == WatchEventType::kError); });
    // Without the watch the loop still steps every interval.
    if (handle.ok()) watches_.push_back(*std::move(handle));
  }
}

void StepLoop::Run() {
  while (true) {
    bool rewatch = false;
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithTimeout(absl::Condition(
                               +[](StepLoop* loop) ABSL_EXCLUSIVE_LOCKS_REQUIRED(loop->mu_) {
                                 return loop->dirty_ || loop->stopping_;
                               },
                               this),
                           options_.interval);
      if (stopping_) return;
      dirty_ = false;
      rewatch = rewatch_;
      rewatch_ = false;
    }
    if (rewatch) Watch();
    absl::Status status = step_ ? step_() : absl::OkStatus();
    absl::MutexLock lock(&mu_);
    last_status_ = std::move(status);
    ++steps_;
    if (mu_.AwaitWithTimeout(absl::Condition(&stopping_), options_.min_gap)) return;
  }
}

}  // namespace sei::controlplane
