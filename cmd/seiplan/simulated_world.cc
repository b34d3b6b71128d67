#include "cmd/seiplan/simulated_world.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/plan/drift.h"
#include "lib/planner/plan/peer_sources.h"

namespace sei::seiplan {

using planner::ActionKind;
using planner::Observation;

SimulatedWorld::SimulatedWorld(const std::vector<InjectedFailure>& failures,
                               planner::PlannerConfig config,
                               planner::SidecarHealth initial_health)
    : config_(std::move(config)), health_(std::move(initial_health)) {
  for (const InjectedFailure& f : failures) failures_[f.task_type] = Remaining{f.times, 0};
}

Observation SimulatedWorld::Perform(v1alpha1::SeiNode* node, const planner::Action& action,
                                    const v1alpha1::PlannedTask* task) {
  switch (action.kind) {
    case ActionKind::kSubmit:
      if (task->type() == planner::task_type::kDiscoverPeers) {
        // The adapter recomputes discover-peers sources from the live spec
        // and status.resolvedPeers at every submit (plans.md D9); without a
        // cluster, label sources resolve only through status.resolvedPeers.
        absl::Status usable =
            planner::DiscoverPeerSources(node->spec(), node->status().resolved_peers()).status();
        if (!usable.ok()) return {Observation::Kind::kTransientError, std::string(usable.message())};
      }
      return {Observation::Kind::kOk, ""};
    case ActionKind::kExecute:
      return {Observation::Kind::kOk, ""};
    case ActionKind::kObserveRollout:
      return {Observation::Kind::kRolloutDone, ""};
    case ActionKind::kQueryStatus:
    case ActionKind::kPoll:
      break;
  }
  auto injected = failures_.find(task->type());
  if (injected != failures_.end()) {
    Remaining& r = injected->second;
    if (!r.times || r.used < *r.times) {
      ++r.used;
      std::string of = r.times ? absl::StrCat(" ", r.used, " of ", *r.times) : "";
      return {Observation::Kind::kFailed, absl::StrCat("injected failure", of)};
    }
  }
  if (task->type() == planner::task_type::kSnapshotUpload) {
    return {Observation::Kind::kRunning, ""};  // the upload loop never ends
  }
  if (task->type() == planner::task_type::kObserveImage) {
    node->mutable_status()->set_current_image(node->spec().image());
    node->mutable_status()->set_current_sidecar_image(
        planner::EffectiveSidecarImage(node->spec(), config_));
  }
  if (task->type() == planner::task_type::kMarkReady) health_ = planner::SidecarHealth::Ready();
  return {Observation::Kind::kComplete, ""};
}

}  // namespace sei::seiplan
