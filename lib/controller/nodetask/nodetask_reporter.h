// What the SeiNodeTask reconciler reports besides the object's status: its
// Warning events (nodetask.md §10.3), the phase gauge and transitions counter
// (§16.4), the reconcile-errors counter and log lines. Implemented once by the
// operator binary; recorded by tests.
#ifndef SEI_LIB_CONTROLLER_NODETASK_NODETASK_REPORTER_H_
#define SEI_LIB_CONTROLLER_NODETASK_NODETASK_REPORTER_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "lib/controller/seinode/seinode_reporter.h"
#include "lib/planner/nodetask/status_transitions.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::controller {

class NodeTaskReporter {
 public:
  virtual ~NodeTaskReporter() = default;
  virtual void Event(const v1alpha1::SeiNodeTask& task, const planner::nodetask::Event& event) = 0;
  virtual void PhaseObserved(const v1alpha1::SeiNodeTask& task) = 0;
  virtual void PhaseChanged(const v1alpha1::SeiNodeTask& task, v1alpha1::NodeTaskPhase from,
                            v1alpha1::NodeTaskPhase to) = 0;
  virtual void ReconcileError(absl::string_view ns, absl::string_view name,
                              const absl::Status& error) = 0;
  virtual void Log(LogLevel level, const v1alpha1::SeiNodeTask& task,
                   absl::string_view message) = 0;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_NODETASK_NODETASK_REPORTER_H_
