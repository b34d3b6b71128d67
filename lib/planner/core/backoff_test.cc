#include "lib/planner/core/backoff.h"

#include <catch2/catch.hpp>

namespace sei::planner {
namespace {

TEST_CASE("RetryBackoff is 10 s, 20 s, then capped at 30 s", "[backoff]") {
  CHECK(RetryBackoff(1) == absl::Seconds(10));
  CHECK(RetryBackoff(2) == absl::Seconds(20));
  CHECK(RetryBackoff(3) == absl::Seconds(30));
  CHECK(RetryBackoff(6) == absl::Seconds(30));
  CHECK(RetryBackoff(180) == absl::Seconds(30));
}

}  // namespace
}  // namespace sei::planner
