// A value per label set that goes up and down (the phase of each node, the
// last probe result). Created by Registry::AddGauge. For a value that is
// cheaper to compute at scrape time than to keep current, see
// observable_gauge.h.
#ifndef SEI_LIB_RUNTIME_METRICS_GAUGE_H_
#define SEI_LIB_RUNTIME_METRICS_GAUGE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/runtime/metrics/series_family.h"

namespace sei::runtime::metrics {

class Gauge final : public SeriesFamily<double> {
 public:
  Gauge(std::string name, std::string help, std::vector<std::string> label_names)
      : SeriesFamily(std::move(name), std::move(help), std::move(label_names), MetricType::kGauge) {
  }

  absl::Status Set(const LabelValues& labels, double value);
  absl::Status Add(const LabelValues& labels, double delta);
  absl::StatusOr<double> Value(const LabelValues& labels) const { return Read(labels); }

  FamilySnapshot Collect() const override;
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_GAUGE_H_
