#include "lib/controlplane/bench/sample_stats.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "absl/status/status.h"

namespace sei::controlplane::bench {

absl::StatusOr<Spread> Summarize(std::vector<double> samples) {
  if (samples.empty()) return absl::InvalidArgumentError("no samples to summarize");
  std::sort(samples.begin(), samples.end());
  const size_t n = samples.size();
  Spread spread;
  spread.min = samples.front();
  spread.max = samples.back();
  spread.median = n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
  return spread;
}

absl::StatusOr<double> Percentile(std::vector<double> samples, double percent) {
  if (samples.empty()) return absl::InvalidArgumentError("no samples for a percentile");
  if (!(percent > 0 && percent <= 100)) {
    return absl::InvalidArgumentError("a percentile must be in (0, 100]");
  }
  std::sort(samples.begin(), samples.end());
  const auto rank = static_cast<size_t>(std::ceil(percent / 100 * samples.size()));
  return samples[std::max<size_t>(rank, 1) - 1];
}

}  // namespace sei::controlplane::bench
