// Observations per label set counted into explicit buckets (phase and plan
// durations, plans.md §15). Created by Registry::AddHistogram, which checks
// the buckets; "le" is reserved for the bucket bound.
#ifndef SEI_LIB_RUNTIME_METRICS_HISTOGRAM_H_
#define SEI_LIB_RUNTIME_METRICS_HISTOGRAM_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/runtime/metrics/series_family.h"

namespace sei::runtime::metrics {

struct HistogramSeries {
  std::vector<uint64_t> bucket_counts;  // per bound, not cumulative
  uint64_t count = 0;
  double sum = 0;
};

class Histogram final : public SeriesFamily<HistogramSeries> {
 public:
  // `upper_bounds` must satisfy ValidateBuckets.
  Histogram(std::string name, std::string help, std::vector<std::string> label_names,
            std::vector<double> upper_bounds)
      : SeriesFamily(std::move(name), std::move(help), std::move(label_names),
                     MetricType::kHistogram),
        upper_bounds_(std::move(upper_bounds)) {}

  // Non-empty, finite, strictly increasing (the +Inf bucket is implicit).
  static absl::Status ValidateBuckets(const std::vector<double>& upper_bounds);

  absl::Status Observe(const LabelValues& labels, double value);
  absl::StatusOr<HistogramSeries> Value(const LabelValues& labels) const { return Read(labels); }

  FamilySnapshot Collect() const override;

 private:
  const std::vector<double> upper_bounds_;
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_HISTOGRAM_H_
