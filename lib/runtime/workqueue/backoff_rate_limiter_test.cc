#include "lib/runtime/workqueue/backoff_rate_limiter.h"

#include <catch2/catch.hpp>

#include "absl/time/time.h"

namespace sei::runtime {
namespace {

TEST_CASE("Backoff doubles from 5 ms per key") {
  BackoffRateLimiter limiter;
  CHECK(limiter.When("a") == absl::Milliseconds(5));
  CHECK(limiter.When("a") == absl::Milliseconds(10));
  CHECK(limiter.When("a") == absl::Milliseconds(20));
  CHECK(limiter.When("a") == absl::Milliseconds(40));
  CHECK(limiter.NumRequeues("a") == 4);
  // Another key has its own history.
  CHECK(limiter.When("b") == absl::Milliseconds(5));
  CHECK(limiter.NumRequeues("b") == 1);
}

TEST_CASE("Backoff stops at the cap, even after very many failures") {
  BackoffRateLimiter limiter(BackoffOptions{absl::Seconds(1), absl::Seconds(5)});
  CHECK(limiter.When("a") == absl::Seconds(1));
  CHECK(limiter.When("a") == absl::Seconds(2));
  CHECK(limiter.When("a") == absl::Seconds(4));
  CHECK(limiter.When("a") == absl::Seconds(5));
  CHECK(limiter.When("a") == absl::Seconds(5));

  BackoffRateLimiter defaults;
  absl::Duration last;
  for (int i = 0; i < 200; ++i) last = defaults.When("x");
  CHECK(last == absl::Seconds(1000));
}

TEST_CASE("Forget starts a key over") {
  BackoffRateLimiter limiter;
  limiter.When("a");
  limiter.When("a");
  limiter.Forget("a");
  CHECK(limiter.NumRequeues("a") == 0);
  CHECK(limiter.When("a") == absl::Milliseconds(5));
  limiter.Forget("never-seen");  // harmless
  CHECK(limiter.NumRequeues("never-seen") == 0);
}

}  // namespace
}  // namespace sei::runtime
