#include "lib/planner/core/conditions.h"

#include <catch2/catch.hpp>

#include "lib/planner/core/time_util.h"

namespace sei::planner {
namespace {

TEST_CASE("SetCondition appends, then moves lastTransitionTime only on status change",
          "[conditions]") {
  Conditions conditions;
  absl::Time t0 = absl::FromUnixSeconds(1000);
  SetCondition(&conditions, {"Paused", "False", "NotPaused", "m1"}, 3, t0);
  REQUIRE(conditions.size() == 1);
  CHECK(conditions[0].observed_generation() == 3);
  CHECK(FromTimestamp(conditions[0].last_transition_time()) == t0);

  absl::Time t1 = t0 + absl::Seconds(10);
  SetCondition(&conditions, {"Paused", "False", "NotPaused", "m2"}, 4, t1);
  CHECK(conditions.size() == 1);
  CHECK(conditions[0].message() == "m2");
  CHECK(conditions[0].observed_generation() == 4);
  CHECK(FromTimestamp(conditions[0].last_transition_time()) == t0);

  absl::Time t2 = t1 + absl::Milliseconds(1500);
  SetCondition(&conditions, {"Paused", "True", "Paused", "m3"}, 4, t2);
  // Stamped in whole seconds.
  CHECK(conditions[0].last_transition_time().seconds() == 1011);
  CHECK(conditions[0].last_transition_time().nanos() == 0);
  CHECK(IsConditionTrue(conditions, "Paused"));
  CHECK_FALSE(IsConditionTrue(conditions, "Missing"));
  CHECK(FindCondition(conditions, "Missing") == nullptr);
}

}  // namespace
}  // namespace sei::planner
