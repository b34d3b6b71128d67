// Everything the SeiNode reconciler tells the outside world besides the
// object's status: Kubernetes Events (plans.md §13.6), metrics (§15 with
// D4, D5, D13 fixed) and log lines. One interface, so the reconciler's tests
// assert on what was reported, and the operator binary implements it once on
// the runtime's event recorder, metrics registry and logger.
#ifndef SEI_LIB_CONTROLLER_SEINODE_SEINODE_REPORTER_H_
#define SEI_LIB_CONTROLLER_SEINODE_SEINODE_REPORTER_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/planner/plan/resolve_plan.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::controller {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

class SeiNodeReporter {
 public:
  virtual ~SeiNodeReporter() = default;

  // The node's current phase (the phase gauge); called on every reconcile of
  // a node with a phase.
  virtual void PhaseObserved(const v1alpha1::SeiNode& node) = 0;
  // The phase changed in this reconcile: Normal event PhaseTransition
  // `Phase changed from <old> to <new>`, the transitions counter, and — when
  // `time_in_previous` is set (the previous phaseTransitionTime, captured
  // before any mutation: D5) — the phase-duration histogram.
  virtual void PhaseChanged(const v1alpha1::SeiNode& node, v1alpha1::NodePhase from,
                            v1alpha1::NodePhase to,
                            std::optional<absl::Duration> time_in_previous) = 0;
  // Warning event NodeFailed on every reconcile of a Failed node.
  virtual void NodeFailed(const v1alpha1::SeiNode& node) = 0;
  // Warning event PlanBuildFailed with the error (D14).
  virtual void PlanBuildFailed(const v1alpha1::SeiNode& node, const absl::Status& error) = 0;
  // A sidecar health probe and its outcome label ("ready", "not_ready",
  // "unreachable"): the probe counter and the sidecar-ready gauge.
  virtual void SidecarProbed(const v1alpha1::SeiNode& node, absl::string_view outcome) = 0;
  // SidecarReadinessLost (Warning) / SidecarReadinessRestored (Normal).
  virtual void SidecarReadinessLost(const v1alpha1::SeiNode& node) = 0;
  virtual void SidecarReadinessRestored(const v1alpha1::SeiNode& node) = 0;
  // A plan retired as Complete/Failed (the plan-duration histogram).
  virtual void PlanFinished(const v1alpha1::SeiNode& node, const planner::FinishedPlan& plan) = 0;
  // Whether the node has an Active plan after this reconcile's flush (the
  // active-plans gauge, D4).
  virtual void PlanActivity(const v1alpha1::SeiNode& node, bool active) = 0;
  // The node is gone: drop every per-node series (D13).
  virtual void NodeDeleted(absl::string_view ns, absl::string_view name) = 0;
  // A reconcile ended with an error (the reconcile-errors counter).
  virtual void ReconcileError(absl::string_view ns, absl::string_view name,
                              const absl::Status& error) = 0;
  // One log line about the node.
  virtual void Log(LogLevel level, const v1alpha1::SeiNode& node, absl::string_view message) = 0;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_SEINODE_SEINODE_REPORTER_H_
