#include "lib/tasks/controller/deploy_bootstrap_job.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/create_if_absent.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/render/bootstrap_job.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kDeployBootstrapJob;

}  // namespace

ExecuteResult DeployBootstrapJobTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, kType, OwnerRule::kTransient)) return *failed;
  if (auto failed = CheckPlatform(ctx, kType)) return *failed;
  absl::StatusOr<k8s::Object> job = render::RenderBootstrapJob(*ctx.node, *ctx.platform);
  if (!job.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("rendering bootstrap job: ", job.status().message()));
  }
  (*job)["metadata"]["name"] = job_name_;  // the frozen params name it (tasks.md §2)
  absl::StatusOr<bool> created = CreateIfAbsent(*ctx.kube, k8s::resources::kJob, *job);
  if (!created.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("creating bootstrap job ", job_name_, ": ", created.status().message()));
  }
  return ExecuteResult::Done(
      absl::StrCat("bootstrap job ", job_name_, *created ? " created" : " exists"));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewDeployBootstrapJobTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  absl::StatusOr<std::string> name = StringParam(kType, params, "jobName");
  if (!name.ok()) return name.status();
  if (name->empty())
    return absl::InvalidArgumentError(absl::StrCat(kType, ": jobName is required"));
  return std::make_unique<DeployBootstrapJobTask>(*std::move(name));
}

}  // namespace sei::tasks
