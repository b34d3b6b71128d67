// Performs the plan executor's actions (lib/planner/executor/action.h) for
// one SeiNode during one reconcile: controller tasks run through their
// ControllerTask implementation against the KubeClient, sidecar tasks go to
// the node's sidecar as wire requests, and the init plan's closing rollout
// check reads the StatefulSet (plans.md §12, §17 D1).
//
// The performer only does and reports; every decision — retries, budgets,
// failure bookkeeping, phase writes — is the executor's.
#ifndef SEI_LIB_CONTROLLER_SEINODE_PLAN_ACTION_PERFORMER_H_
#define SEI_LIB_CONTROLLER_SEINODE_PLAN_ACTION_PERFORMER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "lib/k8s/kube_client.h"
#include "lib/planner/executor/action.h"
#include "lib/sidecar/sidecar_client.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/task_result.h"
#include "lib/tasks/platform/platform_config.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::controller {

struct PerformerDeps {
  k8s::KubeClient* kube = nullptr;
  sidecar::SidecarClientFactory* sidecars = nullptr;
  const tasks::PlatformConfig* platform = nullptr;
  absl::Time now;
};

class PlanActionPerformer {
 public:
  // `node` is the reconcile's in-memory node; the executor and the tasks both
  // mutate its status, one after the other, never at the same time.
  PlanActionPerformer(PerformerDeps deps, v1alpha1::SeiNode* node);

  // Adapts to planner::PerformFn: `task` is the addressed planned task, or
  // nullptr for kObserveRollout.
  planner::Observation Perform(const planner::Action& action, const v1alpha1::PlannedTask* task);

  // What was performed, one line per action, for the reconcile's log.
  const std::vector<std::string>& log() const { return log_; }

 private:
  planner::Observation Execute(int index, const v1alpha1::PlannedTask& task);
  planner::Observation QueryStatus(int index, const v1alpha1::PlannedTask& task);
  planner::Observation Submit(const v1alpha1::PlannedTask& task);
  planner::Observation Poll(const v1alpha1::PlannedTask& task);
  planner::Observation ObserveRollout();
  // The controller task at `index`, decoded from its params once per pass
  // and shared by its Execute and the Status query that follows.
  absl::StatusOr<tasks::ControllerTask*> TaskFor(int index, const v1alpha1::PlannedTask& task);
  // The node's sidecar client, built on first use (tasks.md §4).
  absl::StatusOr<sidecar::SidecarClient*> Sidecar();

  PerformerDeps deps_;
  v1alpha1::SeiNode* node_;
  // Execute results of this pass by task index, for the Status query that
  // follows them (a task that completes inside Execute reports it there).
  std::map<int, tasks::ExecuteResult> executed_;
  std::map<int, std::unique_ptr<tasks::ControllerTask>> tasks_;
  std::unique_ptr<sidecar::SidecarClient> sidecar_;
  std::vector<std::string> log_;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_SEINODE_PLAN_ACTION_PERFORMER_H_
