#include "lib/controller/nodetask/nodetask_action_performer.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/struct.pb.h"
#include "lib/controller/common/task_observation.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/controller_tasks.h"
#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/sidecar/proto_json.h"
#include "lib/tasks/sidecar/sidecar_outcome.h"

namespace sei::controller {
namespace {

namespace nt = planner::nodetask;
using ObsKind = nt::Observation::Kind;

nt::Observation Obs(ObsKind kind, std::string message = "") {
  return MakeObservation<nt::Observation>(kind, std::move(message));
}

google::protobuf::Value AsValue(const google::protobuf::Struct& params) {
  google::protobuf::Value value;
  *value.mutable_struct_value() = params;
  return value;
}

}  // namespace

NodeTaskActionPerformer::NodeTaskActionPerformer(NodeTaskPerformerDeps deps, std::string target_ns,
                                                 std::string target_name)
    : deps_(std::move(deps)),
      target_ns_(std::move(target_ns)),
      target_name_(std::move(target_name)) {}

nt::Observation NodeTaskActionPerformer::Perform(const nt::Action& action) {
  switch (action.kind) {
    case nt::ActionKind::kSubmit:
      return Submit(action);
    case nt::ActionKind::kPoll:
      return Poll(action);
    case nt::ActionKind::kExecute:
      return Execute(action);
    case nt::ActionKind::kQueryStatus:
      return QueryStatus(action);
  }
  return Obs(ObsKind::kTransientError, "unknown action");
}

absl::StatusOr<sidecar::SidecarClient*> NodeTaskActionPerformer::Sidecar() {
  if (sidecar_ == nullptr) {
    absl::StatusOr<std::unique_ptr<sidecar::SidecarClient>> client =
        deps_.sidecars->ForNode(target_ns_, target_name_);
    if (!client.ok()) return client.status();
    sidecar_ = *std::move(client);
  }
  return sidecar_.get();
}

nt::Observation NodeTaskActionPerformer::Submit(const nt::Action& action) {
  absl::StatusOr<sidecar::SidecarClient*> client = Sidecar();
  if (!client.ok()) {
    return Obs(ObsKind::kTransientError,
               absl::StrCat("building the sidecar client: ", client.status().message()));
  }
  sidecar::TaskRequest request;
  request.id = action.request.id;
  request.type = action.request.type;
  if (action.request.params.fields_size() > 0) {
    request.params = tasks::StructToJson(action.request.params);
  }
  return tasks::NodeTaskSubmitObservation((*client)->Submit(request));
}

nt::Observation NodeTaskActionPerformer::Poll(const nt::Action& action) {
  absl::StatusOr<sidecar::SidecarClient*> client = Sidecar();
  if (!client.ok()) {
    return Obs(ObsKind::kTransientError,
               absl::StrCat("building the sidecar client: ", client.status().message()));
  }
  return tasks::NodeTaskPollObservation(action.request.id, (*client)->GetTask(action.request.id));
}

absl::StatusOr<tasks::ControllerTask*> NodeTaskActionPerformer::Task(const nt::Action& action) {
  if (task_ == nullptr) {
    absl::StatusOr<std::unique_ptr<tasks::ControllerTask>> made =
        tasks::MakeControllerTask(action.request.type, AsValue(action.request.params));
    if (!made.ok()) return made.status();
    task_ = *std::move(made);
  }
  return task_.get();
}

nt::Observation NodeTaskActionPerformer::Execute(const nt::Action& action) {
  absl::StatusOr<tasks::ControllerTask*> impl = Task(action);
  if (!impl.ok()) return Obs(ObsKind::kTerminalError, std::string(impl.status().message()));
  tasks::TaskContext ctx{deps_.kube, nullptr, deps_.platform, deps_.now};
  tasks::ExecuteResult result = (*impl)->Execute(ctx);
  if (result.kind == tasks::ExecuteResult::Kind::kDone ||
      result.kind == tasks::ExecuteResult::Kind::kWaiting) {
    executed_ = result;
  }
  return ObservationFromExecute<nt::Observation>(result);
}

nt::Observation NodeTaskActionPerformer::QueryStatus(const nt::Action& action) {
  absl::StatusOr<tasks::ControllerTask*> impl = Task(action);
  if (!impl.ok()) return Obs(ObsKind::kTerminalError, std::string(impl.status().message()));
  tasks::TaskContext ctx{deps_.kube, nullptr, deps_.platform, deps_.now};
  tasks::StatusResult status = (*impl)->Status(ctx, executed_.has_value() ? &*executed_ : nullptr);
  if (status.kind != tasks::StatusResult::Kind::kComplete) {
    return ObservationFromStatus<nt::Observation>(status);
  }
  nt::Observation done = Obs(ObsKind::kComplete, status.message);
  if (action.request.type == "update-node-image") {
    // outputs.updateNodeImage.appliedImage is what the target reports now
    // (D9), read uncached like the completion check itself.
    absl::StatusOr<k8s::Object> target =
        deps_.kube->Get(k8s::resources::kSeiNode, target_ns_, target_name_);
    if (!target.ok()) {
      return Obs(ObsKind::kTransientError,
                 absl::StrCat("reading the target's applied image: ", target.status().message()));
    }
    done.applied_image = target->value("/status/currentImage"_json_pointer, "");
  }
  return done;
}

}  // namespace sei::controller
