// A monotonically increasing count per label set (reconcile errors, phase
// transitions, probe outcomes). Created by Registry::AddCounter.
#ifndef SEI_LIB_RUNTIME_METRICS_COUNTER_H_
#define SEI_LIB_RUNTIME_METRICS_COUNTER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/runtime/metrics/series_family.h"

namespace sei::runtime::metrics {

class Counter final : public SeriesFamily<double> {
 public:
  Counter(std::string name, std::string help, std::vector<std::string> label_names)
      : SeriesFamily(std::move(name), std::move(help), std::move(label_names),
                     MetricType::kCounter) {}

  // InvalidArgument for a negative or NaN delta (a counter never goes
  // down) or the wrong number of label values.
  absl::Status Add(const LabelValues& labels, double delta);
  absl::Status Inc(const LabelValues& labels) { return Add(labels, 1); }
  absl::StatusOr<double> Value(const LabelValues& labels) const { return Read(labels); }

  FamilySnapshot Collect() const override;
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_COUNTER_H_
