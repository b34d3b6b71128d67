// The reconcile loop hands keys to the reconciler split into namespace and
// name, never runs one key on two workers at once, de-duplicates a burst of
// adds, honours requeue_after on the clock, retries errors with backoff, and
// counts every reconcile by result.
#include "lib/controller/manager/reconcile_loop.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "lib/runtime/clock/fake_clock.h"

namespace sei::controller {
namespace {

struct Recorder {
  absl::Mutex mu;
  std::vector<std::string> calls ABSL_GUARDED_BY(mu);
  void Record(absl::string_view ns, absl::string_view name) {
    absl::MutexLock lock(&mu);
    calls.push_back(absl::StrCat(ns, "/", name));
  }
  size_t Count() {
    absl::MutexLock lock(&mu);
    return calls.size();
  }
  // Waits (real time, bounded) until `n` calls were recorded.
  bool AwaitCount(size_t n) {
    absl::MutexLock lock(&mu);
    auto reached = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu) { return calls.size() >= n; };
    return mu.AwaitWithTimeout(absl::Condition(&reached), absl::Seconds(10));
  }
};

struct Fixture {
  runtime::metrics::Registry registry;
  ManagerMetrics metrics = *ManagerMetrics::Register(&registry);
  runtime::FakeClock clock;
  runtime::Logger logger;

  double Reconciles(const std::string& result) {
    absl::StatusOr<double> v = metrics.reconciles->Value({"seinode", result});
    return v.ok() ? *v : 0;
  }
};

TEST_CASE("keys reach the reconciler as namespace and name; results are counted") {
  Fixture f;
  Recorder recorder;
  ReconcileLoop loop({"seinode", 2, {}},
                     [&](absl::string_view ns, absl::string_view name) {
                       recorder.Record(ns, name);
                       return runtime::ReconcileResult::Done();
                     },
                     &f.metrics, &f.clock, f.logger);
  loop.Enqueue("prod/rpc-0");
  loop.Enqueue("not-a-key");  // dropped, never reconciled
  loop.Start();
  REQUIRE(recorder.AwaitCount(1));
  loop.Stop();
  absl::MutexLock lock(&recorder.mu);
  CHECK(recorder.calls == std::vector<std::string>{"prod/rpc-0"});
  CHECK(f.Reconciles("success") == 1);
}

TEST_CASE("a burst of adds for one waiting key costs one reconcile") {
  Fixture f;
  Recorder recorder;
  ReconcileLoop loop({"seinode", 4, {}},
                     [&](absl::string_view ns, absl::string_view name) {
                       recorder.Record(ns, name);
                       return runtime::ReconcileResult::Done();
                     },
                     &f.metrics, &f.clock, f.logger);
  for (int i = 0; i < 50; ++i) loop.Enqueue("prod/rpc-0");
  CHECK(loop.Depth() == 1);
  loop.Start();
  REQUIRE(recorder.AwaitCount(1));
  loop.Stop();
  CHECK(recorder.Count() == 1);
}

TEST_CASE("one key is never reconciled on two workers at once") {
  Fixture f;
  std::atomic<int> in_flight{0};
  std::atomic<int> overlap{0};
  Recorder recorder;
  ReconcileLoop loop({"seinode", 4, {}},
                     [&](absl::string_view ns, absl::string_view name) {
                       if (in_flight.fetch_add(1) != 0) overlap.fetch_add(1);
                       absl::SleepFor(absl::Milliseconds(2));
                       in_flight.fetch_sub(1);
                       recorder.Record(ns, name);
                       return runtime::ReconcileResult::Done();
                     },
                     &f.metrics, &f.clock, f.logger);
  loop.Start();
  // Re-adds while the key is being processed are remembered, not run in
  // parallel.
  for (int i = 0; i < 200; ++i) {
    loop.Enqueue("prod/rpc-0");
    absl::SleepFor(absl::Microseconds(50));
  }
  REQUIRE(recorder.AwaitCount(1));
  loop.Stop();
  CHECK(overlap.load() == 0);
  CHECK(recorder.Count() >= 1);
}

TEST_CASE("requeue_after wakes the key exactly when it falls due; errors back off") {
  Fixture f;
  Recorder recorder;
  std::atomic<int> runs{0};
  ReconcileLoop loop({"seinode", 1, {absl::Seconds(1), absl::Seconds(60)}},
                     [&](absl::string_view ns, absl::string_view name) {
                       recorder.Record(ns, name);
                       int run = runs.fetch_add(1);
                       if (run == 0) return runtime::ReconcileResult::After(absl::Seconds(30));
                       if (run == 1) {
                         return runtime::ReconcileResult::Error(absl::UnavailableError("boom"));
                       }
                       return runtime::ReconcileResult::Done();
                     },
                     &f.metrics, &f.clock, f.logger);
  loop.Enqueue("prod/rpc-0");
  loop.Start();
  REQUIRE(recorder.AwaitCount(1));
  // Parked until 30 s on the fake clock: 29 s is not enough.
  f.clock.BlockUntilTimedWaiters(1);
  CHECK(loop.Scheduled() == 1);
  f.clock.Advance(absl::Seconds(29));
  absl::SleepFor(absl::Milliseconds(50));
  CHECK(recorder.Count() == 1);
  f.clock.Advance(absl::Seconds(1));
  REQUIRE(recorder.AwaitCount(2));
  // The error is retried after the first backoff step (1 s).
  f.clock.BlockUntilTimedWaiters(1);
  f.clock.Advance(absl::Seconds(1));
  REQUIRE(recorder.AwaitCount(3));
  loop.Stop();
  CHECK(f.Reconciles("requeue") == 1);
  CHECK(f.Reconciles("error") == 1);
  CHECK(f.Reconciles("success") == 1);
}

}  // namespace
}  // namespace sei::controller
