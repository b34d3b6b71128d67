#include "lib/runtime/clock/fake_clock.h"

#include "absl/time/clock.h"

namespace sei::runtime {
namespace {

// How often a parked waiter re-reads the fake time.
constexpr absl::Duration kRecheckTick = absl::Milliseconds(1);

}  // namespace

FakeClock::FakeClock(absl::Time start) : now_nanos_(absl::ToUnixNanos(start)) {}

absl::Time FakeClock::Now() const { return absl::FromUnixNanos(now_nanos_.load()); }

void FakeClock::Advance(absl::Duration d) { now_nanos_.fetch_add(absl::ToInt64Nanoseconds(d)); }

void FakeClock::Set(absl::Time t) { now_nanos_.store(absl::ToUnixNanos(t)); }

bool FakeClock::AwaitUntil(absl::Mutex* mu, const absl::Condition& condition, absl::Time deadline) {
  if (deadline == absl::InfiniteFuture()) {
    mu->Await(condition);
    return true;
  }
  timed_waiters_.fetch_add(1);
  timed_waits_begun_.fetch_add(1);
  bool satisfied = condition.Eval();
  while (!satisfied && Now() < deadline) {
    satisfied = mu->AwaitWithTimeout(condition, kRecheckTick);
  }
  timed_waiters_.fetch_sub(1);
  return satisfied;
}

int FakeClock::TimedWaiters() const { return timed_waiters_.load(); }

void FakeClock::BlockUntilTimedWaiters(int n) const {
  while (timed_waiters_.load() < n) absl::SleepFor(kRecheckTick);
}

int64_t FakeClock::TimedWaitsBegun() const { return timed_waits_begun_.load(); }

void FakeClock::BlockUntilTimedWaitsBegun(int64_t n) const {
  while (timed_waits_begun_.load() < n) absl::SleepFor(kRecheckTick);
}

}  // namespace sei::runtime
