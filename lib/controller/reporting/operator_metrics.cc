#include "lib/controller/reporting/operator_metrics.h"

namespace sei::controller {

absl::StatusOr<OperatorMetrics> OperatorMetrics::Register(runtime::metrics::Registry* r) {
  OperatorMetrics m;
  auto assign = [](auto** out, auto result) -> absl::Status {
    if (!result.ok()) return result.status();
    *out = *result;
    return absl::OkStatus();
  };
  const std::vector<double> phase_buckets = {10, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600};
  const std::vector<double> plan_buckets = {1, 5, 10, 30, 60, 120, 300, 600, 1800};
  for (absl::Status s : {
           assign(&m.node_phase, r->AddGauge("sei_controller_seinode_phase",
                                             "1 for the SeiNode's current phase, 0 for the others",
                                             {"namespace", "name", "phase"})),
           assign(&m.node_phase_transitions,
                  r->AddCounter("sei_controller_seinode_phase_transitions_total",
                                "SeiNode phase changes",
                                {"controller", "namespace", "from_phase", "to_phase"})),
           assign(&m.node_phase_duration,
                  r->AddHistogram("sei_controller_seinode_phase_duration_seconds",
                                  "Time a SeiNode spent in the phase it left",
                                  {"namespace", "chain_id", "phase"}, phase_buckets)),
           assign(
               &m.plan_duration,
               r->AddHistogram("sei_controller_plan_duration_seconds",
                               "Time from a plan's first submission to its end",
                               {"controller", "namespace", "plan_type", "outcome"}, plan_buckets)),
           assign(&m.plans_active,
                  r->AddGauge("sei_controller_plan_active", "SeiNodes with an Active plan",
                              {"controller", "namespace"})),
           assign(&m.sidecar_probes,
                  r->AddCounter("sei_controller_seinode_sidecar_health_probes_total",
                                "Sidecar health probes by outcome",
                                {"controller", "namespace", "outcome"})),
           assign(&m.sidecar_ready,
                  r->AddGauge("sei_controller_seinode_sidecar_ready",
                              "1 when the last sidecar probe answered 200", {"namespace", "name"})),
           assign(&m.reconcile_errors, r->AddCounter("sei_controller_reconcile_errors_total",
                                                     "Reconciles that ended with an error",
                                                     {"controller", "namespace"})),
           assign(&m.task_phase,
                  r->AddGauge("sei_controller_seinodetask_phase",
                              "1 for the SeiNodeTask's current phase, 0 for the others",
                              {"namespace", "name", "phase"})),
           assign(&m.task_phase_transitions,
                  r->AddCounter("sei_controller_seinodetask_phase_transitions_total",
                                "SeiNodeTask phase changes",
                                {"controller", "namespace", "from_phase", "to_phase"})),
       }) {
    if (!s.ok()) return s;
  }
  return m;
}

}  // namespace sei::controller
