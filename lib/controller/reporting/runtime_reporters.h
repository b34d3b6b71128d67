// The reconcilers' reporters as the operator binary runs them: Kubernetes
// Events through the runtime's EventRecorder, metrics on OperatorMetrics, and
// structured log lines carrying namespace, name and plan/task IDs.
#ifndef SEI_LIB_CONTROLLER_REPORTING_RUNTIME_REPORTERS_H_
#define SEI_LIB_CONTROLLER_REPORTING_RUNTIME_REPORTERS_H_

#include <map>
#include <set>
#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lib/controller/nodetask/nodetask_reporter.h"
#include "lib/controller/reporting/operator_metrics.h"
#include "lib/controller/seinode/seinode_reporter.h"
#include "lib/runtime/events/event_recorder.h"
#include "lib/runtime/logging/logger.h"

namespace sei::controller {

class RuntimeNodeReporter : public SeiNodeReporter {
 public:
  RuntimeNodeReporter(runtime::EventRecorder* events, OperatorMetrics metrics,
                      runtime::Logger logger);

  void PhaseObserved(const v1alpha1::SeiNode& node) override;
  void PhaseChanged(const v1alpha1::SeiNode& node, v1alpha1::NodePhase from, v1alpha1::NodePhase to,
                    std::optional<absl::Duration> time_in_previous) override;
  void NodeFailed(const v1alpha1::SeiNode& node) override;
  void PlanBuildFailed(const v1alpha1::SeiNode& node, const absl::Status& error) override;
  void SidecarProbed(const v1alpha1::SeiNode& node, absl::string_view outcome) override;
  void SidecarReadinessLost(const v1alpha1::SeiNode& node) override;
  void SidecarReadinessRestored(const v1alpha1::SeiNode& node) override;
  void PlanFinished(const v1alpha1::SeiNode& node, const planner::FinishedPlan& plan) override;
  void PlanActivity(const v1alpha1::SeiNode& node, bool active) override;
  void NodeDeleted(absl::string_view ns, absl::string_view name) override;
  void ReconcileError(absl::string_view ns, absl::string_view name,
                      const absl::Status& error) override;
  void Log(LogLevel level, const v1alpha1::SeiNode& node, absl::string_view message) override;

 private:
  void Event(const v1alpha1::SeiNode& node, runtime::EventType type, absl::string_view reason,
             absl::string_view message);
  void RefreshActive(const std::string& ns) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  runtime::EventRecorder* events_;
  OperatorMetrics metrics_;
  runtime::Logger log_;
  absl::Mutex mu_;
  // namespace -> names with an Active plan (D4: a gauge of the truth, not a
  // counter that drifts).
  std::map<std::string, std::set<std::string>> active_ ABSL_GUARDED_BY(mu_);
};

class RuntimeTaskReporter : public NodeTaskReporter {
 public:
  RuntimeTaskReporter(runtime::EventRecorder* events, OperatorMetrics metrics,
                      runtime::Logger logger);

  void Event(const v1alpha1::SeiNodeTask& task, const planner::nodetask::Event& event) override;
  void PhaseObserved(const v1alpha1::SeiNodeTask& task) override;
  void PhaseChanged(const v1alpha1::SeiNodeTask& task, v1alpha1::NodeTaskPhase from,
                    v1alpha1::NodeTaskPhase to) override;
  void ReconcileError(absl::string_view ns, absl::string_view name,
                      const absl::Status& error) override;
  void Log(LogLevel level, const v1alpha1::SeiNodeTask& task, absl::string_view message) override;

 private:
  runtime::EventRecorder* events_;
  OperatorMetrics metrics_;
  runtime::Logger log_;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_REPORTING_RUNTIME_REPORTERS_H_
