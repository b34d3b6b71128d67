// Turns a run's figures into the printed report: one table of figures,
// then one line per goal with the verdict ("goal met" / "goal NOT met", or
// "not judged" when the run was scaled below the goal's size).
#ifndef SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_REPORT_H_
#define SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_REPORT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "lib/controlplane/bench/benchmark_figures.h"

namespace sei::controlplane::bench {

// The control plane's goals (docs/control-plane.md, "Benchmark").
struct Goals {
  double writes_per_second = 2000;  // every write figure's median
  size_t open_watches = 1000;       // on the 2 server I/O threads
  size_t memory_objects = 10000;
  double max_memory_mb = 200;  // RSS delta for memory_objects pods
};

enum class Verdict { kMet, kNotMet, kNotJudged };

struct GoalLine {
  std::string goal;
  std::string measured;
  Verdict verdict = Verdict::kNotJudged;
};

std::vector<GoalLine> JudgeGoals(const BenchmarkFigures& figures, const Goals& goals);

// "goal met", "goal NOT met", "not judged".
std::string VerdictText(Verdict verdict);

std::string RenderReport(const BenchmarkFigures& figures, const Goals& goals);

// 12345.6 → "12,346": figures read faster with separators.
std::string Thousands(double value);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_REPORT_H_
