// Time for the operator runtime: what the work queue, the leader elector,
// the logger and the event recorder read as "now", and how they wait for a
// moment to come. Everything timed takes a Clock*, so tests drive time with
// FakeClock (fake_clock.h) and never sleep to check a duration.
#ifndef SEI_LIB_RUNTIME_CLOCK_CLOCK_H_
#define SEI_LIB_RUNTIME_CLOCK_CLOCK_H_

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sei::runtime {

class Clock {
 public:
  virtual ~Clock() = default;

  virtual absl::Time Now() const = 0;

  // With `mu` held by the caller: waits until `condition` holds or this
  // clock reaches `deadline`, releasing `mu` while it waits (as
  // absl::Mutex::AwaitWithDeadline does). Returns whether `condition` holds
  // on return. `condition` is re-evaluated whenever `mu` is released by
  // another thread, so state changes under `mu` wake the waiter at once.
  virtual bool AwaitUntil(absl::Mutex* mu, const absl::Condition& condition,
                          absl::Time deadline) = 0;
};

// The wall clock; a process-wide singleton that is never destroyed.
Clock* RealClock();

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_CLOCK_CLOCK_H_
