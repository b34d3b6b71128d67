#include "lib/runtime/workqueue/worker_pool.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/runtime/clock/fake_clock.h"

namespace sei::runtime {
namespace {

TEST_CASE("Settle: an error retries with backoff") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.Add("a");
  REQUIRE(queue.Get() == "a");
  WorkerPool::Settle(queue, "a", ReconcileResult::Error(absl::UnavailableError("boom")));
  CHECK(queue.NumRequeues("a") == 1);
  CHECK(queue.Len() == 0);
  clock.Advance(absl::Milliseconds(5));
  CHECK(queue.Len() == 1);
}

TEST_CASE("Settle: an error wins over requeue_after") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.Add("a");
  REQUIRE(queue.Get() == "a");
  WorkerPool::Settle(queue, "a", ReconcileResult{absl::Seconds(30), absl::InternalError("boom")});
  clock.Advance(absl::Milliseconds(5));
  CHECK(queue.Len() == 1);
}

TEST_CASE("Settle: requeue_after forgets the backoff and schedules the key") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.AddRateLimited("a");
  clock.Advance(absl::Milliseconds(5));
  REQUIRE(queue.Get() == "a");
  WorkerPool::Settle(queue, "a", ReconcileResult::After(absl::Seconds(30)));
  CHECK(queue.NumRequeues("a") == 0);
  clock.Advance(absl::Seconds(30) - absl::Nanoseconds(1));
  CHECK(queue.Len() == 0);
  clock.Advance(absl::Nanoseconds(1));
  CHECK(queue.Len() == 1);
}

TEST_CASE("Settle: success forgets and does not requeue") {
  FakeClock clock;
  WorkQueue queue(&clock);
  queue.AddRateLimited("a");
  clock.Advance(absl::Milliseconds(5));
  REQUIRE(queue.Get() == "a");
  WorkerPool::Settle(queue, "a", ReconcileResult::Done());
  CHECK(queue.NumRequeues("a") == 0);
  clock.Advance(absl::Hours(1));
  CHECK(queue.Len() == 0);
  CHECK(queue.PendingDelayed() == 0);
}

TEST_CASE("A pool follows each result on a driven clock") {
  FakeClock clock;
  WorkQueue queue(&clock);
  absl::Mutex mu;
  std::vector<std::string> calls;
  int attempt = 0;
  WorkerPool pool(&queue, 2, [&](const std::string& key) {
    absl::MutexLock lock(&mu);
    calls.push_back(key);
    switch (attempt++) {
      case 0:
        return ReconcileResult::Error(absl::UnavailableError("api down"));
      case 1:
        return ReconcileResult::After(absl::Seconds(1));
      default:
        return ReconcileResult::Done();
    }
  });
  pool.Start();
  auto calls_made = [&](size_t n) {
    absl::MutexLock lock(&mu);
    auto reached = [&] { return calls.size() >= n; };
    return mu.AwaitWithTimeout(absl::Condition(&reached), absl::Seconds(10));
  };
  queue.Add("ns/a");
  REQUIRE(calls_made(1));
  while (queue.PendingDelayed() == 0) absl::SleepFor(absl::Milliseconds(1));
  clock.Advance(absl::Milliseconds(5));  // the backoff after the error
  REQUIRE(calls_made(2));
  while (queue.PendingDelayed() == 0) absl::SleepFor(absl::Milliseconds(1));
  clock.Advance(absl::Seconds(1));  // the requested requeue
  REQUIRE(calls_made(3));
  queue.ShutDownWithDrain();
  pool.Join();
  absl::MutexLock lock(&mu);
  CHECK(calls == std::vector<std::string>{"ns/a", "ns/a", "ns/a"});
  CHECK(queue.NumRequeues("ns/a") == 0);
}

// Many producers add the same few keys while many workers reconcile them:
// no key may ever be reconciled on two threads at once, and no add may be
// lost (every key is reconciled again after its last add).
TEST_CASE("Concurrent adds never put one key on two workers") {
  WorkQueue queue;  // the real clock: this is about threads, not timing
  constexpr int kKeys = 10;
  constexpr int kProducers = 4;
  constexpr int kAddsPerProducer = 2000;

  absl::Mutex mu;
  std::set<std::string> in_flight;
  int overlaps = 0;
  int max_parallel = 0;
  int reconciles = 0;
  std::atomic<bool> final_round{false};
  std::set<std::string> seen_in_final_round;

  WorkerPool pool(&queue, 8, [&](const std::string& key) {
    const bool final = final_round.load();
    {
      absl::MutexLock lock(&mu);
      if (!in_flight.insert(key).second) ++overlaps;
      max_parallel = std::max(max_parallel, static_cast<int>(in_flight.size()));
      ++reconciles;
    }
    absl::SleepFor(absl::Microseconds(200));
    absl::MutexLock lock(&mu);
    in_flight.erase(key);
    if (final) seen_in_final_round.insert(key);
    return ReconcileResult::Done();
  });
  pool.Start();

  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&queue, p] {
      for (int i = 0; i < kAddsPerProducer; ++i) {
        const std::string key = absl::StrCat("ns/node-", (i + p) % kKeys);
        if (i % 3 == 0) {
          queue.AddAfter(key, absl::Microseconds(100));
        } else {
          queue.Add(key);
        }
      }
    });
  }
  for (std::thread& t : producers) t.join();

  // Let the delayed adds land, then add every key once more: each must be
  // reconciled after this point.
  absl::SleepFor(absl::Milliseconds(2));
  final_round.store(true);
  for (int k = 0; k < kKeys; ++k) queue.Add(absl::StrCat("ns/node-", k));
  {
    absl::MutexLock lock(&mu);
    auto all_seen = [&] { return seen_in_final_round.size() == kKeys; };
    CHECK(mu.AwaitWithTimeout(absl::Condition(&all_seen), absl::Seconds(30)));
  }
  queue.ShutDownWithDrain();
  pool.Join();

  absl::MutexLock lock(&mu);
  CHECK(overlaps == 0);
  CHECK(in_flight.empty());
  CHECK(max_parallel >= 2);  // the workers really ran side by side
  // De-duplication: far fewer reconciles than adds.
  CHECK(reconciles < kProducers * kAddsPerProducer);
}

}  // namespace
}  // namespace sei::runtime
