#include "lib/runtime/metrics/text_format.h"

#include <catch2/catch.hpp>
#include <cmath>

namespace sei::runtime::metrics {
namespace {

TEST_CASE("Sample values are shortest round-trip decimals") {
  CHECK(FormatSampleValue(0) == "0");
  CHECK(FormatSampleValue(1) == "1");
  CHECK(FormatSampleValue(-2) == "-2");
  CHECK(FormatSampleValue(0.005) == "0.005");
  CHECK(FormatSampleValue(47.75) == "47.75");
  CHECK(FormatSampleValue(3600) == "3600");
  CHECK(FormatSampleValue(1e21) == "1e+21");
  CHECK(FormatSampleValue(0.1 + 0.2) == "0.30000000000000004");
  CHECK(FormatSampleValue(INFINITY) == "+Inf");
  CHECK(FormatSampleValue(-INFINITY) == "-Inf");
  CHECK(FormatSampleValue(NAN) == "NaN");
}

TEST_CASE("HELP text and label values are escaped") {
  FamilySnapshot family{"events_total",
                        "Line one\nback\\slash \"quoted\"",
                        MetricType::kCounter,
                        {"message"},
                        {SeriesSnapshot{{"say \"hi\"\\\nbye"}, 1, {}}}};
  CHECK(FormatText({family}) ==
        "# HELP events_total Line one\\nback\\\\slash \"quoted\"\n"
        "# TYPE events_total counter\n"
        "events_total{message=\"say \\\"hi\\\"\\\\\\nbye\"} 1\n");
}

TEST_CASE("A histogram without labels has only le in its buckets") {
  SeriesSnapshot series;
  series.histogram = HistogramValue{{0.5, 1}, {0, 2}, 3, 2.5};
  FamilySnapshot family{"probe_seconds", "Probe time.", MetricType::kHistogram, {}, {series}};
  CHECK(FormatText({family}) ==
        "# HELP probe_seconds Probe time.\n"
        "# TYPE probe_seconds histogram\n"
        "probe_seconds_bucket{le=\"0.5\"} 0\n"
        "probe_seconds_bucket{le=\"1\"} 2\n"
        "probe_seconds_bucket{le=\"+Inf\"} 3\n"
        "probe_seconds_sum 2.5\n"
        "probe_seconds_count 3\n");
}

TEST_CASE("Nothing to expose is an empty body") { CHECK(FormatText({}).empty()); }

}  // namespace
}  // namespace sei::runtime::metrics
