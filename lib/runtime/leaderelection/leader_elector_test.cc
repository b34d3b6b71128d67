#include "lib/runtime/leaderelection/leader_elector.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/synchronization/notification.h"
#include "absl/time/time.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"
#include "lib/runtime/clock/fake_clock.h"
#include "lib/runtime/leaderelection/lease_record.h"
#include "lib/runtime/logging/logger.h"
#include "lib/runtime/logging/memory_sink.h"

namespace sei::runtime {
namespace {

using k8s::resources::kLease;

constexpr absl::Duration kRealTimeout = absl::Seconds(20);

LeaderElectionConfig ConfigFor(const std::string& identity) {
  LeaderElectionConfig config;
  config.lease_name = "bc1f5b0a.sei.io";
  config.lease_namespace = "default";
  config.identity = identity;
  return config;
}

struct Candidate {
  absl::Notification started;
  absl::Notification stopped;
  std::atomic<int> started_count{0};
  std::atomic<int> stopped_count{0};
  std::unique_ptr<LeaderElector> elector;
  std::thread thread;

  void Join() {
    if (thread.joinable()) thread.join();
  }
};

struct Fixture {
  k8s::FakeKubeClient kube;
  FakeClock clock;
  MemorySink sink;
  Logger logger{LoggerOptions{LogLevel::kDebug, LogFormat::kText, &sink, &clock}};

  std::unique_ptr<LeaderElector> Elector(const std::string& identity,
                                         LeaderCallbacks callbacks = {}) {
    auto elector =
        LeaderElector::Create(&kube, ConfigFor(identity), std::move(callbacks), &clock, logger);
    REQUIRE(elector.ok());
    return *std::move(elector);
  }

  void Start(Candidate& c, const std::string& identity) {
    LeaderCallbacks callbacks;
    callbacks.on_started_leading = [&c] {
      ++c.started_count;
      c.started.Notify();
    };
    callbacks.on_stopped_leading = [&c] {
      ++c.stopped_count;
      c.stopped.Notify();
    };
    c.elector = Elector(identity, std::move(callbacks));
    c.thread = std::thread([&c] { c.elector->Run(); });
  }

  LeaseRecord Lease() {
    absl::StatusOr<k8s::Object> lease = kube.Get(kLease, "default", "bc1f5b0a.sei.io");
    REQUIRE(lease.ok());
    return LeaseRecordFromObject(*lease);
  }

  // Advances the clock by `d` and waits until `loops` background loops have
  // done their attempt and parked again.
  void Step(absl::Duration d, int loops) {
    const int64_t before = clock.TimedWaitsBegun();
    clock.Advance(d);
    clock.BlockUntilTimedWaitsBegun(before + loops);
  }
};

TEST_CASE("The first candidate creates the lease; the second does not get it") {
  Fixture f;
  auto a = f.Elector("a");
  auto b = f.Elector("b");
  CHECK(*a->TryAcquireOrRenew());
  CHECK_FALSE(*b->TryAcquireOrRenew());
  const LeaseRecord lease = f.Lease();
  CHECK(lease.holder_identity == "a");
  CHECK(lease.lease_duration_seconds == 15);
  CHECK(lease.renew_time == f.clock.Now());
  CHECK(lease.acquire_time == f.clock.Now());
  CHECK(lease.lease_transitions == 0);
  CHECK(b->ObservedLeader() == "a");
}

TEST_CASE("Renewal moves renewTime and keeps acquireTime") {
  Fixture f;
  auto a = f.Elector("a");
  const absl::Time acquired = f.clock.Now();
  REQUIRE(*a->TryAcquireOrRenew());
  f.clock.Advance(absl::Seconds(2));
  REQUIRE(*a->TryAcquireOrRenew());
  const LeaseRecord lease = f.Lease();
  CHECK(lease.acquire_time == acquired);
  CHECK(lease.renew_time == acquired + absl::Seconds(2));
  CHECK(lease.lease_transitions == 0);
}

TEST_CASE("A lease is taken only once renewTime + leaseDuration has passed") {
  Fixture f;
  auto a = f.Elector("a");
  auto b = f.Elector("b");
  REQUIRE(*a->TryAcquireOrRenew());
  f.clock.Advance(absl::Seconds(15));
  CHECK_FALSE(*b->TryAcquireOrRenew());  // exactly at expiry: still valid
  f.clock.Advance(absl::Milliseconds(1));
  CHECK(*b->TryAcquireOrRenew());
  const LeaseRecord lease = f.Lease();
  CHECK(lease.holder_identity == "b");
  CHECK(lease.lease_transitions == 1);
  CHECK_FALSE(*a->TryAcquireOrRenew());  // the old leader sees b's valid lease
}

TEST_CASE("A released lease is taken at once") {
  Fixture f;
  auto a = f.Elector("a");
  auto b = f.Elector("b");
  REQUIRE(*a->TryAcquireOrRenew());
  REQUIRE(b->Release().ok());  // not b's: nothing happens
  CHECK(f.Lease().holder_identity == "a");
  REQUIRE(a->Release().ok());
  CHECK(f.Lease().holder_identity.empty());
  CHECK(*b->TryAcquireOrRenew());
  CHECK(f.Lease().holder_identity == "b");
}

TEST_CASE("Losing a race is not an error: 409 and AlreadyExists mean someone else won") {
  Fixture f;
  auto a = f.Elector("a");
  f.kube.FailNext(k8s::Verb::kCreate, kLease,
                  k8s::ApiError(k8s::ErrorReason::kAlreadyExists, 409, "exists"));
  CHECK_FALSE(*a->TryAcquireOrRenew());
  REQUIRE(*a->TryAcquireOrRenew());
  f.kube.FailNext(k8s::Verb::kUpdate, kLease,
                  k8s::ApiError(k8s::ErrorReason::kConflict, 409, "the object has been modified"));
  CHECK_FALSE(*a->TryAcquireOrRenew());
  CHECK(*a->TryAcquireOrRenew());  // re-read, still ours
}

TEST_CASE("API failures are reported as errors") {
  Fixture f;
  auto a = f.Elector("a");
  f.kube.FailNext(k8s::Verb::kGet, kLease,
                  k8s::ApiError(k8s::ErrorReason::kTransport, 0, "connection refused"));
  absl::StatusOr<bool> result = a->TryAcquireOrRenew();
  REQUIRE_FALSE(result.ok());
  CHECK(k8s::ReasonOf(result.status()) == k8s::ErrorReason::kTransport);
}

TEST_CASE("A lease without a readable renewTime counts as expired") {
  Fixture f;
  f.kube.Seed(kLease, {{"apiVersion", "coordination.k8s.io/v1"},
                       {"kind", "Lease"},
                       {"metadata", {{"name", "bc1f5b0a.sei.io"}, {"namespace", "default"}}},
                       {"spec", {{"holderIdentity", "ghost"}, {"renewTime", "yesterday"}}}});
  auto a = f.Elector("a");
  CHECK(*a->TryAcquireOrRenew());
  CHECK(f.Lease().holder_identity == "a");
}

TEST_CASE("Run: exactly one of two candidates leads; the other takes over after release") {
  Fixture f;
  Candidate a, b;
  f.Start(a, "a");
  REQUIRE(a.started.WaitForNotificationWithTimeout(kRealTimeout));
  f.clock.BlockUntilTimedWaiters(1);  // a is parked in its renew loop
  f.Start(b, "b");
  f.clock.BlockUntilTimedWaiters(2);                         // b tried, failed and is parked too
  for (int i = 0; i < 10; ++i) f.Step(absl::Seconds(2), 2);  // 20 s: past any expiry
  CHECK(a.elector->IsLeader());
  CHECK_FALSE(b.elector->IsLeader());
  CHECK(b.started_count == 0);
  CHECK(f.Lease().holder_identity == "a");

  a.elector->Stop();
  REQUIRE(a.stopped.WaitForNotificationWithTimeout(kRealTimeout));
  a.Join();
  CHECK(f.Lease().holder_identity.empty());  // released: no waiting for expiry
  CHECK_FALSE(a.elector->IsLeader());

  f.clock.Advance(absl::Seconds(2));  // b's next attempt
  REQUIRE(b.started.WaitForNotificationWithTimeout(kRealTimeout));
  CHECK(f.Lease().holder_identity == "b");
  CHECK(f.Lease().lease_transitions == 1);
  b.elector->Stop();
  b.Join();
  CHECK(a.started_count == 1);
  CHECK(a.stopped_count == 1);
  CHECK(b.stopped_count == 1);
}

TEST_CASE("Run: the other candidate takes over after the leader stops renewing") {
  Fixture f;
  auto a = f.Elector("a");
  REQUIRE(*a->TryAcquireOrRenew());  // a leads, then "crashes": no more renewals
  Candidate b;
  f.Start(b, "b");
  f.clock.BlockUntilTimedWaiters(1);
  for (int i = 0; i < 7; ++i) f.Step(absl::Seconds(2), 1);  // 14 s: still a's
  CHECK(b.started_count == 0);
  f.clock.Advance(absl::Seconds(2));  // 16 s > 15 s lease
  REQUIRE(b.started.WaitForNotificationWithTimeout(kRealTimeout));
  CHECK(f.Lease().holder_identity == "b");
  b.elector->Stop();
  b.Join();
}

TEST_CASE("Run: a 409 during renewal does not end leadership") {
  Fixture f;
  Candidate a;
  f.Start(a, "a");
  REQUIRE(a.started.WaitForNotificationWithTimeout(kRealTimeout));
  f.clock.BlockUntilTimedWaiters(1);
  f.kube.FailNext(k8s::Verb::kUpdate, kLease,
                  k8s::ApiError(k8s::ErrorReason::kConflict, 409, "modified"));
  f.Step(absl::Seconds(2), 1);  // the renewal that hits the 409
  f.Step(absl::Seconds(2), 1);  // the retry that succeeds
  CHECK(a.elector->IsLeader());
  CHECK(a.stopped_count == 0);
  CHECK(f.Lease().renew_time == f.clock.Now());
  a.elector->Stop();
  a.Join();
}

TEST_CASE("Run: renewals failing past the renew deadline stop leading, without release") {
  Fixture f;
  Candidate a;
  f.Start(a, "a");
  REQUIRE(a.started.WaitForNotificationWithTimeout(kRealTimeout));
  f.clock.BlockUntilTimedWaiters(1);
  const absl::Time last_renewal = f.clock.Now();
  for (int i = 0; i < 5; ++i) {
    f.kube.FailNext(k8s::Verb::kGet, kLease,
                    k8s::ApiError(k8s::ErrorReason::kTimeout, 504, "timeout"));
  }
  for (int i = 0; i < 4; ++i) f.Step(absl::Seconds(2), 1);  // 8 s of failures: still leading
  CHECK(a.elector->IsLeader());
  CHECK(a.stopped_count == 0);
  f.clock.Advance(absl::Seconds(2));  // 10 s: the renew deadline
  REQUIRE(a.stopped.WaitForNotificationWithTimeout(kRealTimeout));
  a.Join();  // Run returned on its own
  CHECK_FALSE(a.elector->IsLeader());
  // Lost, not stopped: the lease is left to expire (a cannot write it anyway).
  const LeaseRecord lease = f.Lease();
  CHECK(lease.holder_identity == "a");
  CHECK(lease.renew_time == last_renewal);
}

TEST_CASE("Run: seeing another valid holder stops leading at once") {
  Fixture f;
  Candidate a;
  f.Start(a, "a");
  REQUIRE(a.started.WaitForNotificationWithTimeout(kRealTimeout));
  f.clock.BlockUntilTimedWaiters(1);
  // Someone overwrites the lease (a split brain the API let through).
  absl::StatusOr<k8s::Object> lease = f.kube.Get(kLease, "default", "bc1f5b0a.sei.io");
  REQUIRE(lease.ok());
  LeaseRecord usurper;
  usurper.holder_identity = "c";
  usurper.lease_duration_seconds = 15;
  usurper.renew_time = f.clock.Now() + absl::Seconds(2);
  (*lease)["spec"] = LeaseSpec(usurper);
  REQUIRE(f.kube.Update(kLease, "default", *lease).ok());
  f.clock.Advance(absl::Seconds(2));
  REQUIRE(a.stopped.WaitForNotificationWithTimeout(kRealTimeout));
  a.Join();
  CHECK(a.elector->ObservedLeader() == "c");
  CHECK(f.Lease().holder_identity == "c");  // not released: it is not a's
}

TEST_CASE("Stop before the lease is won returns without leading") {
  Fixture f;
  auto holder = f.Elector("a");
  REQUIRE(*holder->TryAcquireOrRenew());
  Candidate b;
  f.Start(b, "b");
  f.clock.BlockUntilTimedWaiters(1);
  b.elector->Stop();
  b.Join();
  CHECK(b.started_count == 0);
  CHECK(b.stopped_count == 0);
  CHECK(f.Lease().holder_identity == "a");
}

TEST_CASE("Configs that could give two leaders are rejected") {
  LeaderElectionConfig config = ConfigFor("a");
  CHECK(ValidateLeaderElectionConfig(config).ok());
  config.renew_deadline = absl::Seconds(15);
  CHECK(ValidateLeaderElectionConfig(config).message() ==
        "lease duration (15s) must be greater than renew deadline (15s)");
  config = ConfigFor("a");
  config.retry_period = absl::Seconds(9);
  CHECK(ValidateLeaderElectionConfig(config).message() ==
        "renew deadline (10s) must be greater than 1.2 x retry period (9s)");
  config = ConfigFor("");
  CHECK(ValidateLeaderElectionConfig(config).message() == "leader election identity is required");
  config = ConfigFor("a");
  config.lease_namespace = "";
  CHECK(absl::IsInvalidArgument(ValidateLeaderElectionConfig(config)));
  config = ConfigFor("a");
  config.lease_duration = absl::Milliseconds(15500);
  CHECK(ValidateLeaderElectionConfig(config).message() == "lease duration must be whole seconds");
  k8s::FakeKubeClient kube;
  FakeClock clock;
  CHECK(LeaderElector::Create(&kube, ConfigFor(""), {}, &clock, Logger()).status().code() ==
        absl::StatusCode::kInvalidArgument);
}

TEST_CASE("Lease specs round-trip with microsecond times") {
  LeaseRecord record;
  record.holder_identity = "a";
  record.lease_duration_seconds = 15;
  record.acquire_time = absl::FromUnixMicros(1767225600123456);
  record.renew_time = absl::FromUnixMicros(1767225601000000);
  record.lease_transitions = 3;
  const nlohmann::json spec = LeaseSpec(record);
  CHECK(spec["acquireTime"] == "2026-01-01T00:00:00.123456Z");
  CHECK(spec["renewTime"] == "2026-01-01T00:00:01.000000Z");
  const LeaseRecord back = LeaseRecordFromObject({{"spec", spec}});
  CHECK(back.holder_identity == "a");
  CHECK(back.acquire_time == record.acquire_time);
  CHECK(back.renew_time == record.renew_time);
  CHECK(back.lease_transitions == 3);
  CHECK(LeaseRecordFromObject({{"spec", "not an object"}}).FreeAt(absl::Now()));
}

}  // namespace
}  // namespace sei::runtime
