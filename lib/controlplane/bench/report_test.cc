// The benchmark's pure pieces: statistics, VmRSS parsing, the text table,
// number formatting and the goal verdicts.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "lib/controlplane/bench/benchmark_figures.h"
#include "lib/controlplane/bench/benchmark_report.h"
#include "lib/controlplane/bench/process_memory.h"
#include "lib/controlplane/bench/sample_stats.h"
#include "lib/controlplane/bench/text_table.h"

namespace sei::controlplane::bench {
namespace {

TEST_CASE("Summarize gives the median and the spread", "[bench][stats]") {
  auto odd = Summarize({5, 1, 3});
  REQUIRE(odd.ok());
  CHECK(odd->median == 3);
  CHECK(odd->min == 1);
  CHECK(odd->max == 5);

  auto even = Summarize({4, 1, 3, 2});
  REQUIRE(even.ok());
  CHECK(even->median == 2.5);

  CHECK_FALSE(Summarize({}).ok());
}

TEST_CASE("Percentile is nearest-rank", "[bench][stats]") {
  std::vector<double> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(101 - i);  // unsorted on purpose
  CHECK(*Percentile(hundred, 50) == 50);
  CHECK(*Percentile(hundred, 99) == 99);
  CHECK(*Percentile(hundred, 100) == 100);
  // Fewer than 100 samples: p99 is the maximum.
  CHECK(*Percentile({3, 9, 1, 7}, 99) == 9);
  CHECK(*Percentile({3, 9, 1, 7}, 50) == 3);
  CHECK(*Percentile({42}, 1) == 42);

  CHECK_FALSE(Percentile({}, 50).ok());
  CHECK_FALSE(Percentile({1, 2}, 0).ok());
  CHECK_FALSE(Percentile({1, 2}, 101).ok());
}

TEST_CASE("ParseVmRss reads the VmRSS line in kB", "[bench][memory]") {
  auto rss = ParseVmRss("Name:\tbench\nVmPeak:\t  9999 kB\nVmRSS:\t   1234 kB\nThreads: 3\n");
  REQUIRE(rss.ok());
  CHECK(*rss == 1234u * 1024);

  CHECK(ParseVmRss("Name:\tbench\n").status().code() == absl::StatusCode::kNotFound);
  CHECK(ParseVmRss("VmRSS:\t 12 MB\n").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(ParseVmRss("VmRSS:\t many kB\n").status().code() == absl::StatusCode::kInvalidArgument);

  auto own = ResidentSetBytes();
  REQUIRE(own.ok());
  CHECK(*own > 1024u * 1024);  // any live process holds more than a megabyte
}

TEST_CASE("TextTable pads columns and drops trailing spaces", "[bench][table]") {
  TextTable table({"metric", "value"});
  table.AddRow({"writes", "2,000"});
  table.AddRow({"a much longer metric"});
  CHECK(table.Render() ==
        "metric                value\n"
        "---------------------------\n"
        "writes                2,000\n"
        "a much longer metric\n");
}

TEST_CASE("Thousands groups digits", "[bench][report]") {
  CHECK(Thousands(0) == "0");
  CHECK(Thousands(999.4) == "999");
  CHECK(Thousands(999.6) == "1,000");
  CHECK(Thousands(1234567) == "1,234,567");
  CHECK(Thousands(-1234) == "-1,234");
}

BenchmarkFigures PassingFigures() {
  BenchmarkFigures figures;
  figures.io_threads = 2;
  figures.repetitions = 5;
  figures.writes = {{"create ConfigMap", 4, 2000, {3000, 2900, 3100}},
                    {"update ConfigMap", 16, 2000, {2500, 2400, 2600}}};
  FanoutFigure fanout;
  fanout.watchers = fanout.opened = fanout.open_at_end = 1000;
  fanout.repetitions = 5;
  figures.fanout = fanout;
  MemoryFigure memory;
  memory.objects = 10000;
  memory.rss_delta_mb = 100;
  figures.memory = memory;
  return figures;
}

TEST_CASE("Every goal is met by figures that meet it", "[bench][report]") {
  const auto lines = JudgeGoals(PassingFigures(), Goals());
  REQUIRE(lines.size() == 3);
  for (const GoalLine& line : lines) CHECK(line.verdict == Verdict::kMet);
  // The slowest configuration is the one judged.
  CHECK(absl::StrContains(lines[0].measured, "2,500 (update ConfigMap, 16 connections)"));
  CHECK(absl::StrContains(lines[0].measured, "1.25x"));
  CHECK(absl::StrContains(lines[2].measured, "0.50x the limit"));
}

TEST_CASE("A missed goal says so", "[bench][report]") {
  BenchmarkFigures slow = PassingFigures();
  slow.writes[1].per_second.median = 1999;
  slow.fanout->open_at_end = 999;  // one watch dropped during the run
  slow.memory->rss_delta_mb = 200.5;
  const auto lines = JudgeGoals(slow, Goals());
  for (const GoalLine& line : lines) CHECK(line.verdict == Verdict::kNotMet);
  const std::string report = RenderReport(slow, Goals());
  CHECK(absl::StrContains(report, "goal NOT met"));
  CHECK_FALSE(absl::StrContains(report, "goal met"));
}

TEST_CASE("A scaled-down run is not judged", "[bench][report]") {
  BenchmarkFigures small = PassingFigures();
  small.fanout->watchers = small.fanout->opened = small.fanout->open_at_end = 100;
  small.memory->objects = 1000;
  small.memory->rss_delta_mb = 1;
  const auto lines = JudgeGoals(small, Goals());
  CHECK(lines[0].verdict == Verdict::kMet);
  CHECK(lines[1].verdict == Verdict::kNotJudged);
  CHECK(lines[2].verdict == Verdict::kNotJudged);
  CHECK(absl::StrContains(lines[1].measured, "scaled down"));

  BenchmarkFigures empty;
  for (const GoalLine& line : JudgeGoals(empty, Goals())) {
    CHECK(line.verdict == Verdict::kNotJudged);
  }
  CHECK(VerdictText(Verdict::kNotJudged) == "not judged");
}

}  // namespace
}  // namespace sei::controlplane::bench
