// The operator's metrics: families are registered once at startup (a bad
// name, a duplicate or bad buckets is an error then), updated from any
// thread, and gathered for /metrics. The registry owns its families; the
// pointers it returns stay valid for its lifetime.
//
// Names are used as given: the caller spells the Prometheus name the
// OpenTelemetry exporter would produce (plans.md §15: dots → underscores,
// counters end in _total, units appended: sei_controller_plan_duration_seconds).
#ifndef SEI_LIB_RUNTIME_METRICS_REGISTRY_H_
#define SEI_LIB_RUNTIME_METRICS_REGISTRY_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "lib/runtime/metrics/collector.h"
#include "lib/runtime/metrics/counter.h"
#include "lib/runtime/metrics/gauge.h"
#include "lib/runtime/metrics/histogram.h"
#include "lib/runtime/metrics/observable_gauge.h"
#include "lib/runtime/metrics/snapshot.h"

namespace sei::runtime::metrics {

class Registry {
 public:
  // A family without labels has its one series from the start (value 0),
  // like a client_golang plain metric; labelled families show a series once
  // it is first written.
  absl::StatusOr<Counter*> AddCounter(std::string name, std::string help,
                                      std::vector<std::string> label_names);
  absl::StatusOr<Gauge*> AddGauge(std::string name, std::string help,
                                  std::vector<std::string> label_names);
  absl::StatusOr<Histogram*> AddHistogram(std::string name, std::string help,
                                          std::vector<std::string> label_names,
                                          std::vector<double> upper_bounds);
  absl::StatusOr<ObservableGauge*> AddObservableGauge(std::string name, std::string help,
                                                      std::vector<std::string> label_names,
                                                      ObserveFunc observe);

  // Every family with at least one series, sorted by name.
  std::vector<FamilySnapshot> Gather() const;
  // Gather() in the text exposition format (text_format.h).
  std::string TextExposition() const;

 private:
  absl::Status CheckNew(const std::string& name, const std::vector<std::string>& label_names,
                        const std::vector<std::string>& reserved) const
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  mutable absl::Mutex mu_;
  std::vector<std::string> names_ ABSL_GUARDED_BY(mu_);
  std::vector<std::unique_ptr<Collector>> families_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_REGISTRY_H_
