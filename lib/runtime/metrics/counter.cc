#include "lib/runtime/metrics/counter.h"

#include "absl/strings/str_cat.h"

namespace sei::runtime::metrics {

absl::Status Counter::Add(const LabelValues& labels, double delta) {
  if (!(delta >= 0)) {
    return absl::InvalidArgumentError(absl::StrCat(name(), ": a counter cannot change by ", delta));
  }
  return Mutate(labels, 0.0, [delta](double& value) { value += delta; });
}

FamilySnapshot Counter::Collect() const {
  return Snapshot([](double value, SeriesSnapshot& out) { out.value = value; });
}

}  // namespace sei::runtime::metrics
