#include "lib/tasks/controller/deploy_bootstrap_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/create_if_absent.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/render/bootstrap_service.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kDeployBootstrapService;

}  // namespace

ExecuteResult DeployBootstrapServiceTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, kType, OwnerRule::kTransient)) return *failed;
  k8s::Object service = render::RenderBootstrapService(*ctx.node);
  // The frozen params name the object (tasks.md §2); they equal the
  // rendered name for every plan the planner builds.
  service["metadata"]["name"] = service_name_;
  absl::StatusOr<bool> created = CreateIfAbsent(*ctx.kube, k8s::resources::kService, service);
  if (!created.ok()) {
    return ExecuteResult::Transient(absl::StrCat("creating bootstrap service ", service_name_, ": ",
                                                 created.status().message()));
  }
  return ExecuteResult::Done(
      absl::StrCat("bootstrap service ", service_name_, *created ? " created" : " exists"));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewDeployBootstrapServiceTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  absl::StatusOr<std::string> name = StringParam(kType, params, "serviceName");
  if (!name.ok()) return name.status();
  if (name->empty()) {
    return absl::InvalidArgumentError(absl::StrCat(kType, ": serviceName is required"));
  }
  return std::make_unique<DeployBootstrapServiceTask>(*std::move(name));
}

}  // namespace sei::tasks
