// The metric families of the operator's machinery, beside the reconcilers'
// own (reporting/operator_metrics.h): how often and how long each controller
// reconciles, how deep its queue is, every Kubernetes API request by verb
// and code, and every sidecar call by outcome. Names follow the same
// OpenTelemetry-to-Prometheus conversion as the spec's metrics.
#ifndef SEI_LIB_CONTROLLER_MANAGER_MANAGER_METRICS_H_
#define SEI_LIB_CONTROLLER_MANAGER_MANAGER_METRICS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/runtime/metrics/registry.h"

namespace sei::controller {

struct ManagerMetrics {
  runtime::metrics::Counter* reconciles = nullptr;             // controller, result
  runtime::metrics::Histogram* reconcile_duration = nullptr;   // controller
  runtime::metrics::Counter* api_requests = nullptr;           // verb, resource, code
  runtime::metrics::Counter* sidecar_calls = nullptr;          // call, outcome

  // Registers every family; an error means a name clash on `registry`.
  static absl::StatusOr<ManagerMetrics> Register(runtime::metrics::Registry* registry);

  // result: "success", "requeue" (asked to run again later) or "error".
  void ObserveReconcile(absl::string_view controller, absl::string_view result,
                        absl::Duration took) const;
  void ObserveApiRequest(absl::string_view verb, absl::string_view resource, int code) const;
  void ObserveSidecarCall(absl::string_view call, absl::string_view outcome) const;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_MANAGER_MANAGER_METRICS_H_
