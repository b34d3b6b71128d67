#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "absl/status/status.h"
#include "lib/runtime/metrics/counter.h"
#include "lib/runtime/metrics/gauge.h"
#include "lib/runtime/metrics/histogram.h"

namespace sei::runtime::metrics {
namespace {

TEST_CASE("Counters only go up and check their label arity") {
  Counter counter("errors_total", "", {"controller", "namespace"});
  REQUIRE(counter.Inc({"seinode", "default"}).ok());
  REQUIRE(counter.Add({"seinode", "default"}, 2.5).ok());
  CHECK(*counter.Value({"seinode", "default"}) == 3.5);
  CHECK(counter.Add({"seinode", "default"}, -1).code() == absl::StatusCode::kInvalidArgument);
  CHECK(counter.Add({"seinode", "default"}, NAN).code() == absl::StatusCode::kInvalidArgument);
  CHECK(counter.Inc({"seinode"}).message() ==
        "errors_total takes 2 label values (controller,namespace), got 1");
  CHECK(counter.Value({"seinode", "other"}).status().code() == absl::StatusCode::kNotFound);
  CHECK(*counter.Value({"seinode", "default"}) == 3.5);  // the failures changed nothing
}

TEST_CASE("Gauges set, add and delete series") {
  Gauge gauge("phase", "", {"namespace", "name", "phase"});
  REQUIRE(gauge.Set({"default", "a", "Running"}, 1).ok());
  REQUIRE(gauge.Set({"default", "a", "Failed"}, 0).ok());
  REQUIRE(gauge.Set({"default", "b", "Running"}, 1).ok());
  REQUIRE(gauge.Add({"default", "b", "Running"}, -1).ok());
  CHECK(*gauge.Value({"default", "b", "Running"}) == 0);

  REQUIRE(gauge.Delete({"default", "b", "Running"}).ok());
  CHECK(gauge.Delete({"default", "b", "Running"}).code() == absl::StatusCode::kNotFound);
  CHECK(gauge.Delete({"default"}).code() == absl::StatusCode::kInvalidArgument);
  CHECK(gauge.Collect().series.size() == 2);
}

TEST_CASE("DeleteMatching drops every series of a deleted node (D13)") {
  Gauge gauge("phase", "", {"namespace", "name", "phase"});
  for (const char* phase : {"Pending", "Initializing", "Running"}) {
    REQUIRE(gauge.Set({"default", "a", phase}, 0).ok());
    REQUIRE(gauge.Set({"default", "b", phase}, 0).ok());
    REQUIRE(gauge.Set({"other", "a", phase}, 0).ok());
  }
  CHECK(*gauge.DeleteMatching({{"namespace", "default"}, {"name", "a"}}) == 3);
  CHECK(*gauge.DeleteMatching({{"namespace", "default"}, {"name", "a"}}) == 0);
  CHECK(gauge.DeleteMatching({{"node", "a"}}).status().message() == "phase has no label \"node\"");
  const FamilySnapshot left = gauge.Collect();
  REQUIRE(left.series.size() == 6);
  for (const SeriesSnapshot& s : left.series) {
    CHECK_FALSE((s.label_values[0] == "default" && s.label_values[1] == "a"));
  }
}

TEST_CASE("Histograms count into the first bucket that holds the value") {
  Histogram histogram("d", "", {}, {10, 30, 60});
  for (double v : {0.0, 10.0, 10.5, 60.0, 61.0}) REQUIRE(histogram.Observe({}, v).ok());
  const FamilySnapshot snapshot = histogram.Collect();
  REQUIRE(snapshot.series.size() == 1);
  const HistogramValue& h = snapshot.series[0].histogram;
  CHECK(h.upper_bounds == std::vector<double>{10, 30, 60});
  CHECK(h.cumulative_counts == std::vector<uint64_t>{2, 3, 4});  // le is inclusive
  CHECK(h.count == 5);
  CHECK(h.sum == 141.5);
  CHECK(histogram.Observe({"extra"}, 1).code() == absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sei::runtime::metrics
