#include "lib/controller/manager/manager_metrics.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace sei::controller {

absl::StatusOr<ManagerMetrics> ManagerMetrics::Register(runtime::metrics::Registry* registry) {
  ManagerMetrics m;
  absl::StatusOr<runtime::metrics::Counter*> reconciles = registry->AddCounter(
      "sei_controller_reconcile_total", "Reconciles by controller and result.",
      {"controller", "result"});
  if (!reconciles.ok()) return reconciles.status();
  m.reconciles = *reconciles;

  // From a no-op read of a settled node (milliseconds) to a reconcile that
  // waits on a slow API server or sidecar (seconds).
  absl::StatusOr<runtime::metrics::Histogram*> duration = registry->AddHistogram(
      "sei_controller_reconcile_duration_seconds", "Time one reconcile took, by controller.",
      {"controller"}, {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30});
  if (!duration.ok()) return duration.status();
  m.reconcile_duration = *duration;

  absl::StatusOr<runtime::metrics::Counter*> api = registry->AddCounter(
      "sei_controller_kube_api_requests_total",
      "Kubernetes API requests by verb, resource and HTTP code (0: no answer).",
      {"verb", "resource", "code"});
  if (!api.ok()) return api.status();
  m.api_requests = *api;

  absl::StatusOr<runtime::metrics::Counter*> sidecar = registry->AddCounter(
      "sei_controller_sidecar_calls_total", "Sidecar HTTP calls by call and outcome.",
      {"call", "outcome"});
  if (!sidecar.ok()) return sidecar.status();
  m.sidecar_calls = *sidecar;
  return m;
}

// Label values are fixed strings from the code, so a write can only fail on
// a programming error; metrics never fail the operation they describe.
void ManagerMetrics::ObserveReconcile(absl::string_view controller, absl::string_view result,
                                      absl::Duration took) const {
  (void)reconciles->Inc({std::string(controller), std::string(result)});
  (void)reconcile_duration->Observe({std::string(controller)}, absl::ToDoubleSeconds(took));
}

void ManagerMetrics::ObserveApiRequest(absl::string_view verb, absl::string_view resource,
                                       int code) const {
  (void)api_requests->Inc({std::string(verb), std::string(resource), absl::StrCat(code)});
}

void ManagerMetrics::ObserveSidecarCall(absl::string_view call, absl::string_view outcome) const {
  (void)sidecar_calls->Inc({std::string(call), std::string(outcome)});
}

}  // namespace sei::controller
