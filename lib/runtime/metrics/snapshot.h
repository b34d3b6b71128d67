// What a scrape sees: every family's series and values at one moment, as
// plain data, so the exposition format (text_format.h) is a pure function
// and every family type collects into the same shape.
#ifndef SEI_LIB_RUNTIME_METRICS_SNAPSHOT_H_
#define SEI_LIB_RUNTIME_METRICS_SNAPSHOT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sei::runtime::metrics {

// Positional label values, in the order of the family's label names.
using LabelValues = std::vector<std::string>;

enum class MetricType { kCounter, kGauge, kHistogram };

struct HistogramValue {
  std::vector<double> upper_bounds;         // the explicit buckets, increasing
  std::vector<uint64_t> cumulative_counts;  // per bound: observations <= bound
  uint64_t count = 0;                       // every observation (the +Inf bucket)
  double sum = 0;
};

struct SeriesSnapshot {
  LabelValues label_values;
  double value = 0;          // counters and gauges
  HistogramValue histogram;  // histograms
};

struct FamilySnapshot {
  std::string name;
  std::string help;
  MetricType type = MetricType::kGauge;
  std::vector<std::string> label_names;
  std::vector<SeriesSnapshot> series;  // sorted by label values
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_SNAPSHOT_H_
