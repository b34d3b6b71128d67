// A gauge whose series are computed at scrape time by a callback instead of
// being stored: the value is derived from state the operator keeps anyway,
// so it can never drift from it (plans.md §17 D4: active plans counted from
// the map node → plan active?, not incremented and decremented).
#ifndef SEI_LIB_RUNTIME_METRICS_OBSERVABLE_GAUGE_H_
#define SEI_LIB_RUNTIME_METRICS_OBSERVABLE_GAUGE_H_

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "lib/runtime/metrics/collector.h"
#include "lib/runtime/metrics/snapshot.h"

namespace sei::runtime::metrics {

// Handed to the callback for one scrape.
class GaugeObserver {
 public:
  explicit GaugeObserver(size_t arity) : arity_(arity) {}
  // Reports one series; a second report of the same labels replaces the
  // first. InvalidArgument (and the series is dropped) for the wrong number
  // of label values.
  absl::Status Observe(const LabelValues& labels, double value);
  const std::map<LabelValues, double>& observed() const { return observed_; }

 private:
  size_t arity_;
  std::map<LabelValues, double> observed_;
};

using ObserveFunc = std::function<void(GaugeObserver& observer)>;

class ObservableGauge final : public Collector {
 public:
  // `observe` runs on the scraping thread, must be thread-safe with respect
  // to the state it reads, and must not register metrics.
  ObservableGauge(std::string name, std::string help, std::vector<std::string> label_names,
                  ObserveFunc observe)
      : name_(std::move(name)),
        help_(std::move(help)),
        label_names_(std::move(label_names)),
        observe_(std::move(observe)) {}

  FamilySnapshot Collect() const override;

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const ObserveFunc observe_;
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_OBSERVABLE_GAUGE_H_
