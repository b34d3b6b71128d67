// Time as the object store sees it. Every timed transition of the store
// (creationTimestamp, a pod's termination grace period, watch bookmarks) reads
// this clock, so tests drive time with FakeClock and MemoryStore::Tick()
// instead of sleeping.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_CLOCK_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_CLOCK_H_

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sei::controlplane {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

// The wall clock; a process-wide singleton that is never destroyed.
Clock* RealClock();

// A clock that only moves when told to. Thread-safe.
class FakeClock : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1767225600))  // 2026-01-01
      : now_(start) {}

  absl::Time Now() const override {
    absl::MutexLock lock(&mu_);
    return now_;
  }
  void Advance(absl::Duration d) {
    absl::MutexLock lock(&mu_);
    now_ += d;
  }
  void Set(absl::Time t) {
    absl::MutexLock lock(&mu_);
    now_ = t;
  }

 private:
  mutable absl::Mutex mu_;
  absl::Time now_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_CLOCK_H_
