// A Clock that only moves when a test says so, for checking timing without
// sleeping: a work-queue key scheduled in 5 s is handed out exactly when the
// test has advanced the clock by 5 s, never earlier.
#ifndef SEI_LIB_RUNTIME_CLOCK_FAKE_CLOCK_H_
#define SEI_LIB_RUNTIME_CLOCK_FAKE_CLOCK_H_

#include <atomic>
#include <cstdint>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/runtime/clock/clock.h"

namespace sei::runtime {

// Thread-safe. A waiter blocked in AwaitUntil notices an Advance within
// about a millisecond of real time: absl::Mutex re-checks a condition only
// when the mutex is released, and Advance cannot release the waiter's mutex
// without an ordering between the clock's lock and every caller's, so the
// waiter re-checks its deadline on a short real-time tick instead. The tick
// costs latency, never correctness: the deadline is compared with fake time.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(absl::Time start = absl::FromUnixSeconds(1767225600));  // 2026-01-01

  absl::Time Now() const override;
  bool AwaitUntil(absl::Mutex* mu, const absl::Condition& condition, absl::Time deadline) override;

  void Advance(absl::Duration d);
  void Set(absl::Time t);

  // Threads currently blocked in AwaitUntil with a finite deadline (waiters
  // that can only be woken by their condition are not counted). Lets a test
  // wait until a background loop is parked before it advances time.
  int TimedWaiters() const;
  // Blocks (in real time) until at least `n` timed waiters are parked.
  void BlockUntilTimedWaiters(int n) const;
  // Timed waits begun since construction. A test that advances time past
  // the deadlines of k parked loops waits for this to grow by k to know that
  // each loop has done its work and parked again.
  int64_t TimedWaitsBegun() const;
  void BlockUntilTimedWaitsBegun(int64_t n) const;

 private:
  std::atomic<int64_t> now_nanos_;
  std::atomic<int> timed_waiters_{0};
  std::atomic<int64_t> timed_waits_begun_{0};
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_CLOCK_FAKE_CLOCK_H_
