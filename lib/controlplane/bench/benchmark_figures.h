// What one benchmark run measured, phase by phase, in the units the report
// prints; filled by benchmark_phases, judged and printed by
// benchmark_report.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_FIGURES_H_
#define SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_FIGURES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "lib/controlplane/bench/sample_stats.h"

namespace sei::controlplane::bench {

// A write rate over repetitions.
struct WriteFigure {
  std::string operation;  // "create ConfigMap", "update ConfigMap"
  size_t connections = 0;
  size_t requests_per_repetition = 0;
  Spread per_second;  // over the repetitions
};

// Latency of one LIST, repeated.
struct ListFigure {
  std::string what;  // "LIST 1000 pods"
  size_t items = 0;  // what one response held
  size_t response_bytes = 0;
  size_t samples = 0;
  double p50_ms = 0;
  double p99_ms = 0;
};

struct FanoutFigure {
  size_t watchers = 0;  // requested
  size_t opened = 0;
  size_t open_at_end = 0;
  int repetitions = 0;
  Spread delivery_ms;  // write sent → last watcher has the event
  Spread write_ms;     // the write's own round trip
};

struct MemoryFigure {
  size_t objects = 0;
  size_t stored_object_bytes = 0;      // one pod as a GET returns it
  double rss_delta_mb = 0;             // after the pods were stored, freed heap trimmed
  double create_per_second = 0;        // the pods' creation, one run
  double status_patch_per_second = 0;  // their Running status, one run
  size_t connections = 0;
};

struct BenchmarkFigures {
  int io_threads = 0;
  int repetitions = 0;
  double wall_seconds = 0;  // the whole run, server start to last phase
  std::optional<MemoryFigure> memory;
  std::vector<ListFigure> lists;
  std::vector<WriteFigure> writes;
  std::optional<FanoutFigure> fanout;
};

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_FIGURES_H_
