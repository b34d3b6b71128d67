// The few order statistics the benchmark reports: median and spread of
// repeated throughput runs, nearest-rank percentiles of latencies.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_SAMPLE_STATS_H_
#define SEI_LIB_CONTROLPLANE_BENCH_SAMPLE_STATS_H_

#include <vector>

#include "absl/status/statusor.h"

namespace sei::controlplane::bench {

struct Spread {
  double median = 0;  // the mean of the middle two for an even count
  double min = 0;
  double max = 0;
};

// Errors: no samples.
absl::StatusOr<Spread> Summarize(std::vector<double> samples);

// Nearest-rank percentile (`percent` in (0, 100]): the smallest sample with
// at least `percent`% of the samples at or below it, so p99 of fewer than
// 100 samples is the maximum. Errors: no samples, `percent` out of range.
absl::StatusOr<double> Percentile(std::vector<double> samples, double percent);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_SAMPLE_STATS_H_
