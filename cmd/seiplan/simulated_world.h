// The cluster and sidecars `seiplan simulate` pretends to talk to: every
// action succeeds at once unless a failure was injected for its task type,
// or discover-peers has no usable source (label peers that never resolved).
#ifndef SEI_CMD_SEIPLAN_SIMULATED_WORLD_H_
#define SEI_CMD_SEIPLAN_SIMULATED_WORLD_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cmd/seiplan/options.h"
#include "lib/planner/core/planner_config.h"
#include "lib/planner/executor/action.h"
#include "lib/planner/plan/sidecar_health.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::seiplan {

class SimulatedWorld {
 public:
  SimulatedWorld(const std::vector<InjectedFailure>& failures, planner::PlannerConfig config,
                 planner::SidecarHealth initial_health);

  // Performs `action` on `task` (nullptr for the rollout check). Injected
  // failures show up where a real one would be observed: in the task's
  // status query or poll, so the executor's retry budget applies.
  // observe-image stamps the images as the real task does (tasks.md §3.10),
  // and a completed mark-ready makes the sidecar healthy.
  planner::Observation Perform(v1alpha1::SeiNode* node, const planner::Action& action,
                               const v1alpha1::PlannedTask* task);

  // What a healthz probe of the node's sidecar returns now.
  planner::SidecarHealth Health() const { return health_; }

 private:
  struct Remaining {
    std::optional<int> times;  // nullopt: fail forever
    int used = 0;
  };
  std::map<std::string, Remaining> failures_;
  planner::PlannerConfig config_;
  planner::SidecarHealth health_;
};

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_SIMULATED_WORLD_H_
