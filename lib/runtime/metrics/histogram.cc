#include "lib/runtime/metrics/histogram.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace sei::runtime::metrics {

absl::Status Histogram::ValidateBuckets(const std::vector<double>& upper_bounds) {
  if (upper_bounds.empty()) return absl::InvalidArgumentError("a histogram needs buckets");
  for (size_t i = 0; i < upper_bounds.size(); ++i) {
    if (!std::isfinite(upper_bounds[i])) {
      return absl::InvalidArgumentError("bucket bounds must be finite (+Inf is implicit)");
    }
    if (i > 0 && !(upper_bounds[i - 1] < upper_bounds[i])) {
      return absl::InvalidArgumentError(absl::StrCat("bucket bounds must increase strictly, got ",
                                                     upper_bounds[i - 1], " then ",
                                                     upper_bounds[i]));
    }
  }
  return absl::OkStatus();
}

absl::Status Histogram::Observe(const LabelValues& labels, double value) {
  HistogramSeries empty;
  empty.bucket_counts.assign(upper_bounds_.size(), 0);
  // The first bound >= value; none (or NaN) lands only in +Inf.
  const size_t bucket =
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) - upper_bounds_.begin();
  return Mutate(labels, empty, [bucket, value](HistogramSeries& series) {
    if (bucket < series.bucket_counts.size()) ++series.bucket_counts[bucket];
    ++series.count;
    series.sum += value;
  });
}

FamilySnapshot Histogram::Collect() const {
  return Snapshot([this](const HistogramSeries& value, SeriesSnapshot& out) {
    out.histogram.upper_bounds = upper_bounds_;
    uint64_t cumulative = 0;
    for (const uint64_t n : value.bucket_counts) {
      cumulative += n;
      out.histogram.cumulative_counts.push_back(cumulative);
    }
    out.histogram.count = value.count;
    out.histogram.sum = value.sum;
  });
}

}  // namespace sei::runtime::metrics
