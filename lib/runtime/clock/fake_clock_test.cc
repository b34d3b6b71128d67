#include "lib/runtime/clock/fake_clock.h"

#include <catch2/catch.hpp>
#include <thread>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sei::runtime {
namespace {

TEST_CASE("FakeClock moves only when told") {
  FakeClock clock(absl::FromUnixSeconds(100));
  CHECK(clock.Now() == absl::FromUnixSeconds(100));
  clock.Advance(absl::Seconds(5));
  CHECK(clock.Now() == absl::FromUnixSeconds(105));
  clock.Set(absl::FromUnixSeconds(7));
  CHECK(clock.Now() == absl::FromUnixSeconds(7));
}

TEST_CASE("FakeClock::AwaitUntil returns at the fake deadline, not before") {
  FakeClock clock;
  absl::Mutex mu;
  bool never = false;
  bool returned = false;
  bool result = true;
  const absl::Time deadline = clock.Now() + absl::Seconds(10);
  std::thread waiter([&] {
    absl::MutexLock lock(&mu);
    result = clock.AwaitUntil(&mu, absl::Condition(&never), deadline);
    returned = true;
  });
  clock.BlockUntilTimedWaiters(1);
  clock.Advance(absl::Seconds(9));
  {
    // A waiter past its deadline would have set `returned`; give it ticks.
    absl::MutexLock lock(&mu);
    CHECK_FALSE(mu.AwaitWithTimeout(absl::Condition(&returned), absl::Milliseconds(20)));
  }
  clock.Advance(absl::Seconds(1));
  waiter.join();
  CHECK(clock.TimedWaitsBegun() == 1);
  CHECK(returned);
  CHECK_FALSE(result);
  CHECK(clock.TimedWaiters() == 0);
}

TEST_CASE("FakeClock::AwaitUntil wakes on its condition before the deadline") {
  FakeClock clock;
  absl::Mutex mu;
  bool ready = false;
  bool result = false;
  std::thread waiter([&] {
    absl::MutexLock lock(&mu);
    result = clock.AwaitUntil(&mu, absl::Condition(&ready), clock.Now() + absl::Hours(1));
  });
  clock.BlockUntilTimedWaiters(1);
  {
    absl::MutexLock lock(&mu);
    ready = true;
  }
  waiter.join();
  CHECK(result);
}

TEST_CASE("RealClock waits on the wall clock") {
  absl::Mutex mu;
  bool never = false;
  absl::MutexLock lock(&mu);
  const absl::Time start = RealClock()->Now();
  CHECK_FALSE(RealClock()->AwaitUntil(&mu, absl::Condition(&never), start + absl::Milliseconds(5)));
  CHECK(RealClock()->Now() - start >= absl::Milliseconds(5));
}

}  // namespace
}  // namespace sei::runtime
