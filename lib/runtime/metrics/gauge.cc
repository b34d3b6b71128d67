#include "lib/runtime/metrics/gauge.h"

namespace sei::runtime::metrics {

absl::Status Gauge::Set(const LabelValues& labels, double value) {
  return Mutate(labels, 0.0, [value](double& current) { current = value; });
}

absl::Status Gauge::Add(const LabelValues& labels, double delta) {
  return Mutate(labels, 0.0, [delta](double& current) { current += delta; });
}

FamilySnapshot Gauge::Collect() const {
  return Snapshot([](double value, SeriesSnapshot& out) { out.value = value; });
}

}  // namespace sei::runtime::metrics
