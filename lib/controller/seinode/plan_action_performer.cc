#include "lib/controller/seinode/plan_action_performer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controller/common/task_observation.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/controller_tasks.h"
#include "lib/tasks/controller/observe_image.h"
#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/sidecar/sidecar_outcome.h"
#include "lib/tasks/sidecar/wire_request.h"

namespace sei::controller {
namespace {

using planner::Observation;
using ObsKind = planner::Observation::Kind;

Observation Obs(ObsKind kind, std::string message = "") {
  return MakeObservation<Observation>(kind, std::move(message));
}

}  // namespace

PlanActionPerformer::PlanActionPerformer(PerformerDeps deps, v1alpha1::SeiNode* node)
    : deps_(std::move(deps)), node_(node) {}

Observation PlanActionPerformer::Perform(const planner::Action& action,
                                         const v1alpha1::PlannedTask* task) {
  Observation obs;
  if (action.kind == planner::ActionKind::kObserveRollout) {
    obs = ObserveRollout();
  } else if (task == nullptr) {
    // The executor always names a task for these kinds; a mismatch is a bug
    // the executor reports itself when it sees an outcome that does not fit.
    obs = Obs(ObsKind::kTransientError, "no planned task for the action");
  } else {
    switch (action.kind) {
      case planner::ActionKind::kExecute:
        obs = Execute(action.task_index, *task);
        break;
      case planner::ActionKind::kQueryStatus:
        obs = QueryStatus(action.task_index, *task);
        break;
      case planner::ActionKind::kSubmit:
        obs = Submit(*task);
        break;
      case planner::ActionKind::kPoll:
        obs = Poll(*task);
        break;
      case planner::ActionKind::kObserveRollout:
        break;  // handled above
    }
  }
  log_.push_back(absl::StrCat(planner::ActionKindName(action.kind),
                              task != nullptr ? absl::StrCat(" ", task->type()) : "", " -> ",
                              planner::ObservationKindName(obs.kind),
                              obs.message.empty() ? "" : absl::StrCat(": ", obs.message)));
  return obs;
}

absl::StatusOr<tasks::ControllerTask*> PlanActionPerformer::TaskFor(
    int index, const v1alpha1::PlannedTask& task) {
  auto it = tasks_.find(index);
  if (it == tasks_.end()) {
    absl::StatusOr<std::unique_ptr<tasks::ControllerTask>> made =
        tasks::MakeControllerTask(task.type(), task.params());
    if (!made.ok()) return made.status();
    it = tasks_.emplace(index, *std::move(made)).first;
  }
  return it->second.get();
}

Observation PlanActionPerformer::Execute(int index, const v1alpha1::PlannedTask& task) {
  absl::StatusOr<tasks::ControllerTask*> impl = TaskFor(index, task);
  if (!impl.ok()) return Obs(ObsKind::kTerminalError, std::string(impl.status().message()));
  tasks::TaskContext ctx{deps_.kube, node_, deps_.platform, deps_.now};
  tasks::ExecuteResult result = (*impl)->Execute(ctx);
  if (result.kind == tasks::ExecuteResult::Kind::kDone ||
      result.kind == tasks::ExecuteResult::Kind::kWaiting) {
    executed_[index] = result;
  }
  return ObservationFromExecute<Observation>(result);
}

Observation PlanActionPerformer::QueryStatus(int index, const v1alpha1::PlannedTask& task) {
  absl::StatusOr<tasks::ControllerTask*> impl = TaskFor(index, task);
  if (!impl.ok()) return Obs(ObsKind::kTerminalError, std::string(impl.status().message()));
  tasks::TaskContext ctx{deps_.kube, node_, deps_.platform, deps_.now};
  auto executed = executed_.find(index);
  tasks::StatusResult status =
      (*impl)->Status(ctx, executed == executed_.end() ? nullptr : &executed->second);
  return ObservationFromStatus<Observation>(status);
}

absl::StatusOr<sidecar::SidecarClient*> PlanActionPerformer::Sidecar() {
  if (sidecar_ == nullptr) {
    absl::StatusOr<std::unique_ptr<sidecar::SidecarClient>> client =
        deps_.sidecars->ForNode(node_->metadata().namespace_(), node_->metadata().name());
    if (!client.ok()) return client.status();
    sidecar_ = *std::move(client);
  }
  return sidecar_.get();
}

Observation PlanActionPerformer::Submit(const v1alpha1::PlannedTask& task) {
  absl::StatusOr<sidecar::TaskRequest> request = tasks::BuildWireRequest(task, *node_);
  if (!request.ok()) return tasks::SubmitObservation(request.status());
  absl::StatusOr<sidecar::SidecarClient*> client = Sidecar();
  if (!client.ok()) {
    return Obs(ObsKind::kTransientError,
               absl::StrCat("building the sidecar client: ", client.status().message()));
  }
  return tasks::SubmitObservation((*client)->Submit(*request));
}

Observation PlanActionPerformer::Poll(const v1alpha1::PlannedTask& task) {
  absl::StatusOr<sidecar::SidecarClient*> client = Sidecar();
  if (!client.ok()) {
    return Obs(ObsKind::kTransientError,
               absl::StrCat("building the sidecar client: ", client.status().message()));
  }
  return tasks::PollObservation(task.id(), (*client)->GetTask(task.id()));
}

Observation PlanActionPerformer::ObserveRollout() {
  tasks::TaskContext ctx{deps_.kube, node_, deps_.platform, deps_.now};
  // Done only when the rollout is observed and the images were stamped; a
  // failed read reports "pending", which leaves the images unset so the
  // drift path performs a genuine rollout (D1) instead of guessing.
  return tasks::ObserveRolloutAndStamp(ctx) ? Obs(ObsKind::kRolloutDone)
                                            : Obs(ObsKind::kRolloutPending);
}

}  // namespace sei::controller
