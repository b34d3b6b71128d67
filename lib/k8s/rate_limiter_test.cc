#include "lib/k8s/rate_limiter.h"

#include <catch2/catch.hpp>
#include <vector>

namespace sei::k8s {
namespace {

// A clock that moves only when the limiter sleeps or the test says so.
struct FakeTime {
  absl::Time now = absl::FromUnixSeconds(1000);
  std::vector<absl::Duration> sleeps;

  RateLimiterOptions Options(double qps, int burst) {
    RateLimiterOptions options;
    options.qps = qps;
    options.burst = burst;
    options.now = [this] { return now; };
    options.sleep = [this](absl::Duration d) {
      sleeps.push_back(d);
      now += d;
    };
    return options;
  }
};

TEST_CASE("rate limiter: a full bucket serves a burst, then one token per 1/qps", "[rate]") {
  FakeTime time;
  RateLimiter limiter(time.Options(/*qps=*/10, /*burst=*/3));
  for (int i = 0; i < 3; ++i) limiter.Acquire();
  CHECK(time.sleeps.empty());
  limiter.Acquire();
  REQUIRE(time.sleeps.size() == 1);
  CHECK(time.sleeps[0] == absl::Milliseconds(100));
  limiter.Acquire();
  REQUIRE(time.sleeps.size() == 2);
  CHECK(time.sleeps[1] == absl::Milliseconds(100));
}

TEST_CASE("rate limiter: idle time refills up to the burst, never beyond", "[rate]") {
  FakeTime time;
  RateLimiter limiter(time.Options(2, 2));
  CHECK(limiter.TryAcquire());
  CHECK(limiter.TryAcquire());
  CHECK_FALSE(limiter.TryAcquire());
  time.now += absl::Milliseconds(500);  // one token at 2 qps
  CHECK(limiter.TryAcquire());
  CHECK_FALSE(limiter.TryAcquire());
  time.now += absl::Hours(1);
  CHECK(limiter.TryAcquire());
  CHECK(limiter.TryAcquire());
  CHECK_FALSE(limiter.TryAcquire());
}

TEST_CASE("rate limiter: waiting callers queue for successive tokens", "[rate]") {
  FakeTime time;
  RateLimiter limiter(time.Options(4, 1));
  CHECK(limiter.Reserve() == absl::ZeroDuration());
  CHECK(limiter.Reserve() == absl::Milliseconds(250));
  CHECK(limiter.Reserve() == absl::Milliseconds(500));  // behind the previous one
  time.now += absl::Milliseconds(500);                  // both waits are over, nothing saved up
  CHECK(limiter.Reserve() == absl::Milliseconds(250));
}

TEST_CASE("rate limiter: qps <= 0 never waits; burst below 1 counts as 1", "[rate]") {
  FakeTime time;
  RateLimiter unlimited(time.Options(0, 0));
  for (int i = 0; i < 1000; ++i) unlimited.Acquire();
  CHECK(time.sleeps.empty());
  RateLimiter tiny(time.Options(1, 0));
  CHECK(tiny.TryAcquire());
  CHECK_FALSE(tiny.TryAcquire());
}

}  // namespace
}  // namespace sei::k8s
