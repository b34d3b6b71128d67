// Performs the SeiNodeTask state machine's actions
// (lib/planner/nodetask/reconcile.h): sidecar kinds go to the TARGET node's
// sidecar (submit with a 30 s, poll with a 15 s deadline), controller kinds
// (restart-pod, update-node-image) run through their ControllerTask.
#ifndef SEI_LIB_CONTROLLER_NODETASK_NODETASK_ACTION_PERFORMER_H_
#define SEI_LIB_CONTROLLER_NODETASK_NODETASK_ACTION_PERFORMER_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "lib/k8s/kube_client.h"
#include "lib/planner/nodetask/reconcile.h"
#include "lib/sidecar/sidecar_client.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/task_result.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::controller {

struct NodeTaskPerformerDeps {
  k8s::KubeClient* kube = nullptr;
  sidecar::SidecarClientFactory* sidecars = nullptr;
  const tasks::PlatformConfig* platform = nullptr;
  absl::Time now;
};

class NodeTaskActionPerformer {
 public:
  // `target_ns`/`target_name` address the SeiNode whose sidecar serves the
  // sidecar kinds.
  NodeTaskActionPerformer(NodeTaskPerformerDeps deps, std::string target_ns,
                          std::string target_name);

  planner::nodetask::Observation Perform(const planner::nodetask::Action& action);

 private:
  planner::nodetask::Observation Submit(const planner::nodetask::Action& action);
  planner::nodetask::Observation Poll(const planner::nodetask::Action& action);
  planner::nodetask::Observation Execute(const planner::nodetask::Action& action);
  planner::nodetask::Observation QueryStatus(const planner::nodetask::Action& action);
  absl::StatusOr<sidecar::SidecarClient*> Sidecar();
  // The controller task of this reconcile, decoded once and shared by its
  // Execute and the Status query that follows (one request per reconcile).
  absl::StatusOr<tasks::ControllerTask*> Task(const planner::nodetask::Action& action);

  NodeTaskPerformerDeps deps_;
  std::string target_ns_;
  std::string target_name_;
  std::unique_ptr<sidecar::SidecarClient> sidecar_;
  // Execute's result in this reconcile, for the Status query that follows.
  std::optional<tasks::ExecuteResult> executed_;
  std::unique_ptr<tasks::ControllerTask> task_;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_NODETASK_NODETASK_ACTION_PERFORMER_H_
