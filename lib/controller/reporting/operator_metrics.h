// The operator's metric families (plans.md §15 with D4/D5/D13 fixed,
// nodetask.md §16.4, plus reconcile errors), registered once on a
// runtime::metrics::Registry. Names follow the OpenTelemetry-to-Prometheus
// conversion the reference's exporter applies (dots to underscores, unit and
// `_total` suffixes).
#ifndef SEI_LIB_CONTROLLER_REPORTING_OPERATOR_METRICS_H_
#define SEI_LIB_CONTROLLER_REPORTING_OPERATOR_METRICS_H_

#include "absl/status/statusor.h"
#include "lib/runtime/metrics/counter.h"
#include "lib/runtime/metrics/gauge.h"
#include "lib/runtime/metrics/histogram.h"
#include "lib/runtime/metrics/registry.h"

namespace sei::controller {

struct OperatorMetrics {
  runtime::metrics::Gauge* node_phase = nullptr;  // namespace, name, phase
  runtime::metrics::Counter* node_phase_transitions =
      nullptr;  // controller, namespace, from_phase, to_phase
  runtime::metrics::Histogram* node_phase_duration = nullptr;  // namespace, chain_id, phase
  runtime::metrics::Histogram* plan_duration =
      nullptr;                                          // controller, namespace, plan_type, outcome
  runtime::metrics::Gauge* plans_active = nullptr;      // controller, namespace
  runtime::metrics::Counter* sidecar_probes = nullptr;  // controller, namespace, outcome
  runtime::metrics::Gauge* sidecar_ready = nullptr;     // namespace, name
  runtime::metrics::Counter* reconcile_errors = nullptr;  // controller, namespace
  runtime::metrics::Gauge* task_phase = nullptr;          // namespace, name, phase
  runtime::metrics::Counter* task_phase_transitions =
      nullptr;  // controller, namespace, from_phase, to_phase

  // Registers every family; an error means a name clash on `registry`.
  static absl::StatusOr<OperatorMetrics> Register(runtime::metrics::Registry* registry);
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_REPORTING_OPERATOR_METRICS_H_
