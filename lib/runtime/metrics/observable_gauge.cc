#include "lib/runtime/metrics/observable_gauge.h"

#include "absl/strings/str_cat.h"

namespace sei::runtime::metrics {

absl::Status GaugeObserver::Observe(const LabelValues& labels, double value) {
  if (labels.size() != arity_) {
    return absl::InvalidArgumentError(
        absl::StrCat("observed ", labels.size(), " label values, want ", arity_));
  }
  observed_[labels] = value;
  return absl::OkStatus();
}

FamilySnapshot ObservableGauge::Collect() const {
  GaugeObserver observer(label_names_.size());
  observe_(observer);
  FamilySnapshot out{name_, help_, MetricType::kGauge, label_names_, {}};
  for (const auto& [labels, value] : observer.observed()) {
    SeriesSnapshot series;
    series.label_values = labels;
    series.value = value;
    out.series.push_back(std::move(series));
  }
  return out;
}

}  // namespace sei::runtime::metrics
