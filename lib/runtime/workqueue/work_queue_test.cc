#include "lib/runtime/workqueue/work_queue.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <thread>

#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/runtime/clock/fake_clock.h"

namespace sei::runtime {
namespace {

// Real time a background Get() gets to (wrongly) return before a check that
// it has not. Only ever waited for in full when the code under test is right.
constexpr absl::Duration kGrace = absl::Milliseconds(30);

TEST_CASE("Adding a queued key is a no-op and order is kept") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.Add("a");
  queue.Add("b");
  queue.Add("a");
  CHECK(queue.Len() == 2);
  CHECK(queue.Get() == "a");
  CHECK(queue.Get() == "b");
  CHECK(queue.Len() == 0);
}

TEST_CASE("A key re-added while processing is handed out only after Done") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.Add("a");
  REQUIRE(queue.Get() == "a");
  queue.Add("a");
  queue.Add("a");
  CHECK(queue.Len() == 0);  // not handed to a second worker
  queue.Done("a");
  CHECK(queue.Len() == 1);  // the re-adds collapse into one
  CHECK(queue.Get() == "a");
  queue.Done("a");
  CHECK(queue.Len() == 0);
}

TEST_CASE("Done without a re-add does not queue the key again") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.Add("a");
  REQUIRE(queue.Get() == "a");
  queue.Done("a");
  queue.Done("a");  // a second Done is harmless
  CHECK(queue.Len() == 0);
}

TEST_CASE("AddAfter makes the key ready exactly when due") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.AddAfter("a", absl::Seconds(5));
  CHECK(queue.Len() == 0);
  CHECK(queue.PendingDelayed() == 1);
  clock.Advance(absl::Seconds(5) - absl::Nanoseconds(1));
  CHECK(queue.Len() == 0);
  clock.Advance(absl::Nanoseconds(1));
  CHECK(queue.Len() == 1);
  CHECK(queue.PendingDelayed() == 0);
}

TEST_CASE("The earliest of several schedules wins") {
  FakeClock clock;
  WorkQueue queue(&clock);
  SECTION("a later schedule does not postpone an earlier one") {
    queue.AddAfter("a", absl::Seconds(3));
    queue.AddAfter("a", absl::Seconds(10));
  }
  SECTION("an earlier schedule replaces a later one") {
    queue.AddAfter("a", absl::Seconds(10));
    queue.AddAfter("a", absl::Seconds(3));
  }
  CHECK(queue.PendingDelayed() == 1);
  clock.Advance(absl::Seconds(3));
  CHECK(queue.Len() == 1);
  REQUIRE(queue.Get() == "a");
  queue.Done("a");
  clock.Advance(absl::Seconds(7));
  CHECK(queue.Len() == 0);  // the 10 s schedule was folded into the 3 s one
}

TEST_CASE("Zero and negative delays add at once") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.AddAfter("a", absl::ZeroDuration());
  queue.AddAfter("b", absl::Seconds(-1));
  CHECK(queue.Len() == 2);
}

TEST_CASE("A blocked Get wakes exactly at the due time") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.AddAfter("a", absl::Seconds(5));
  std::optional<std::string> got;
  absl::Notification returned;
  std::thread worker([&] {
    got = queue.Get();
    returned.Notify();
  });
  clock.BlockUntilTimedWaiters(1);
  clock.Advance(absl::Seconds(4));
  CHECK_FALSE(returned.WaitForNotificationWithTimeout(kGrace));
  clock.Advance(absl::Seconds(1));
  worker.join();
  CHECK(got == "a");
}

TEST_CASE("A Get parked for a late key re-plans when an earlier one is scheduled") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.AddAfter("late", absl::Hours(1));
  std::optional<std::string> got;
  std::thread worker([&] { got = queue.Get(); });
  clock.BlockUntilTimedWaiters(1);
  queue.AddAfter("early", absl::Seconds(1));
  clock.Advance(absl::Seconds(1));
  worker.join();
  CHECK(got == "early");
  CHECK(queue.PendingDelayed() == 1);
}

TEST_CASE("AddRateLimited backs off per key until Forget") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.AddRateLimited("a");
  clock.Advance(absl::Milliseconds(4));
  CHECK(queue.Len() == 0);
  clock.Advance(absl::Milliseconds(1));
  CHECK(queue.Len() == 1);
  REQUIRE(queue.Get() == "a");
  queue.AddRateLimited("a");  // second failure: 10 ms
  queue.Done("a");
  clock.Advance(absl::Milliseconds(9));
  CHECK(queue.Len() == 0);
  clock.Advance(absl::Milliseconds(1));
  CHECK(queue.Len() == 1);
  CHECK(queue.NumRequeues("a") == 2);
  queue.Forget("a");
  CHECK(queue.NumRequeues("a") == 0);
}

TEST_CASE("Backoff options are honoured") {
  FakeClock clock;
  WorkQueue queue(&clock, BackoffOptions{absl::Seconds(2), absl::Seconds(3)});
  queue.AddRateLimited("a");
  queue.AddRateLimited("b");
  queue.AddRateLimited("b");  // b's second failure: 3 s (capped), but 2 s is pending and earlier
  clock.Advance(absl::Seconds(2));
  CHECK(queue.Len() == 2);
}

TEST_CASE("ShutDown wakes blocked Gets and stops handing out keys") {
  FakeClock clock;
  WorkQueue queue(&clock);
  std::optional<std::string> got = "unset";
  std::thread worker([&] { got = queue.Get(); });
  queue.ShutDown();
  worker.join();
  CHECK_FALSE(got.has_value());

  queue.Add("a");
  queue.AddAfter("b", absl::Seconds(1));
  queue.AddRateLimited("c");
  CHECK(queue.Len() == 0);
  CHECK(queue.PendingDelayed() == 0);
  CHECK_FALSE(queue.Get().has_value());
  CHECK(queue.ShuttingDown());
}

TEST_CASE("ShutDown drops keys that were still queued") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.Add("a");
  queue.AddAfter("b", absl::Seconds(1));
  queue.ShutDown();
  clock.Advance(absl::Seconds(1));
  CHECK(queue.Len() == 0);
  CHECK_FALSE(queue.Get().has_value());
}

TEST_CASE("ShutDownWithDrain waits for in-flight keys and requeues nothing") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.Add("a");
  queue.Add("b");
  REQUIRE(queue.Get() == "a");
  queue.Add("a");  // re-added while processing
  absl::Notification drained;
  std::thread stopper([&] {
    queue.ShutDownWithDrain();
    drained.Notify();
  });
  while (!queue.ShuttingDown()) absl::SleepFor(absl::Milliseconds(1));
  CHECK_FALSE(drained.WaitForNotificationWithTimeout(kGrace));
  CHECK_FALSE(queue.Get().has_value());  // "b" is not handed out while draining
  queue.Done("a");
  stopper.join();
  CHECK(drained.HasBeenNotified());
  CHECK(queue.Len() == 0);
}

}  // namespace
}  // namespace sei::runtime
