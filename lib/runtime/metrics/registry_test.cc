#include "lib/runtime/metrics/registry.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace sei::runtime::metrics {
namespace {

TEST_CASE("A scrape lists families by name with exact text") {
  Registry registry;
  Counter* transitions = *registry.AddCounter(
      "sei_controller_seinode_phase_transitions_total", "Phase changes of SeiNodes.",
      {"controller", "namespace", "from_phase", "to_phase"});
  Gauge* ready = *registry.AddGauge("sei_controller_seinode_sidecar_ready",
                                    "Last sidecar probe result.", {"namespace", "name"});
  Histogram* duration = *registry.AddHistogram("sei_controller_plan_duration_seconds",
                                               "Plan duration.", {"plan_type"}, {1, 5, 10});
  REQUIRE(transitions->Inc({"seinode", "default", "Initializing", "Running"}).ok());
  REQUIRE(transitions->Inc({"seinode", "default", "Initializing", "Running"}).ok());
  REQUIRE(transitions->Inc({"seinode", "default", "", "Initializing"}).ok());
  REQUIRE(ready->Set({"default", "b"}, 0).ok());
  REQUIRE(ready->Set({"default", "a"}, 1).ok());
  REQUIRE(duration->Observe({"init"}, 0.5).ok());
  REQUIRE(duration->Observe({"init"}, 5).ok());
  REQUIRE(duration->Observe({"init"}, 42.25).ok());

  CHECK(registry.TextExposition() ==
        "# HELP sei_controller_plan_duration_seconds Plan duration.\n"
        "# TYPE sei_controller_plan_duration_seconds histogram\n"
        "sei_controller_plan_duration_seconds_bucket{plan_type=\"init\",le=\"1\"} 1\n"
        "sei_controller_plan_duration_seconds_bucket{plan_type=\"init\",le=\"5\"} 2\n"
        "sei_controller_plan_duration_seconds_bucket{plan_type=\"init\",le=\"10\"} 2\n"
        "sei_controller_plan_duration_seconds_bucket{plan_type=\"init\",le=\"+Inf\"} 3\n"
        "sei_controller_plan_duration_seconds_sum{plan_type=\"init\"} 47.75\n"
        "sei_controller_plan_duration_seconds_count{plan_type=\"init\"} 3\n"
        "# HELP sei_controller_seinode_phase_transitions_total Phase changes of SeiNodes.\n"
        "# TYPE sei_controller_seinode_phase_transitions_total counter\n"
        "sei_controller_seinode_phase_transitions_total{controller=\"seinode\",namespace="
        "\"default\",from_phase=\"\",to_phase=\"Initializing\"} 1\n"
        "sei_controller_seinode_phase_transitions_total{controller=\"seinode\",namespace="
        "\"default\",from_phase=\"Initializing\",to_phase=\"Running\"} 2\n"
        "# HELP sei_controller_seinode_sidecar_ready Last sidecar probe result.\n"
        "# TYPE sei_controller_seinode_sidecar_ready gauge\n"
        "sei_controller_seinode_sidecar_ready{namespace=\"default\",name=\"a\"} 1\n"
        "sei_controller_seinode_sidecar_ready{namespace=\"default\",name=\"b\"} 0\n");
}

TEST_CASE("Label-less families show their series from the start; empty labelled ones are hidden") {
  Registry registry;
  REQUIRE(registry.AddCounter("up_total", "Starts.", {}).ok());
  REQUIRE(registry.AddGauge("unused", "Never written.", {"namespace"}).ok());
  CHECK(registry.TextExposition() ==
        "# HELP up_total Starts.\n# TYPE up_total counter\nup_total 0\n");
}

TEST_CASE("Registration rejects bad names, duplicates and bad buckets") {
  Registry registry;
  REQUIRE(registry.AddCounter("a_total", "", {"namespace"}).ok());
  CHECK(registry.AddGauge("a_total", "", {}).status().code() == absl::StatusCode::kAlreadyExists);
  CHECK(registry.AddCounter("sei.controller", "", {}).status().message() ==
        "invalid metric name \"sei.controller\"");
  CHECK(registry.AddCounter("9lives", "", {}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(registry.AddGauge("g", "", {"bad-label"}).status().message() ==
        "g: invalid label name \"bad-label\"");
  CHECK(registry.AddGauge("g", "", {"__reserved"}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(registry.AddGauge("g", "", {"x", "x"}).status().message() ==
        "g: duplicate label name \"x\"");
  CHECK(registry.AddHistogram("h", "", {"le"}, {1}).status().message() ==
        "h: label name \"le\" is reserved");
  CHECK(registry.AddHistogram("h", "", {}, {}).status().message() ==
        "h: a histogram needs buckets");
  CHECK(registry.AddHistogram("h", "", {}, {1, 1}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(registry.AddHistogram("h", "", {}, {1, INFINITY}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(registry.AddObservableGauge("o", "", {}, nullptr).status().code() ==
        absl::StatusCode::kInvalidArgument);
  // The failures registered nothing: the names are still free.
  CHECK(registry.AddGauge("g", "", {"x"}).ok());
  CHECK(registry.AddHistogram("h", "", {}, {1}).ok());
}

TEST_CASE("Observable gauges are computed at scrape time (D4)") {
  Registry registry;
  absl::Mutex mu;
  std::map<std::string, bool> plan_active;  // node -> active?
  REQUIRE(registry
              .AddObservableGauge("sei_controller_plan_active", "Active plans.",
                                  {"controller", "namespace"},
                                  [&](GaugeObserver& observer) {
                                    absl::MutexLock lock(&mu);
                                    int active = 0;
                                    for (const auto& [node, is_active] : plan_active) {
                                      active += is_active ? 1 : 0;
                                    }
                                    observer.Observe({"seinode", "default"}, active).IgnoreError();
                                  })
              .ok());
  const std::string header =
      "# HELP sei_controller_plan_active Active plans.\n"
      "# TYPE sei_controller_plan_active gauge\n";
  CHECK(registry.TextExposition() ==
        header + "sei_controller_plan_active{controller=\"seinode\",namespace=\"default\"} 0\n");
  {
    absl::MutexLock lock(&mu);
    plan_active["a"] = true;
    plan_active["b"] = true;
    plan_active["c"] = false;
  }
  CHECK(registry.TextExposition() ==
        header + "sei_controller_plan_active{controller=\"seinode\",namespace=\"default\"} 2\n");
  {
    absl::MutexLock lock(&mu);
    plan_active.erase("a");  // node deleted
  }
  CHECK(registry.TextExposition() ==
        header + "sei_controller_plan_active{controller=\"seinode\",namespace=\"default\"} 1\n");
}

TEST_CASE("Observer rejects the wrong arity and keeps the last report") {
  GaugeObserver observer(2);
  CHECK(observer.Observe({"only-one"}, 1).code() == absl::StatusCode::kInvalidArgument);
  CHECK(observer.Observe({"a", "b"}, 1).ok());
  CHECK(observer.Observe({"a", "b"}, 3).ok());
  REQUIRE(observer.observed().size() == 1);
  CHECK(observer.observed().at({"a", "b"}) == 3);
}

TEST_CASE("Concurrent updates and scrapes lose no increments") {
  Registry registry;
  Counter* counter = *registry.AddCounter("c_total", "", {"worker"});
  Histogram* histogram = *registry.AddHistogram("h", "", {}, {1});
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 1000; ++i) {
        counter->Inc({t % 2 == 0 ? "even" : "odd"}).IgnoreError();
        histogram->Observe({}, 0.5).IgnoreError();
        if (i % 100 == 0) registry.TextExposition();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(*counter->Value({"even"}) == 4000);
  CHECK(*counter->Value({"odd"}) == 4000);
  CHECK(histogram->Value({})->count == 8000);
}

}  // namespace
}  // namespace sei::runtime::metrics
