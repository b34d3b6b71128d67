#include "lib/tasks/controller/await_bootstrap_complete.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/task_params_reader.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kAwaitBootstrapComplete;

}  // namespace

ExecuteResult AwaitBootstrapCompleteTask::Execute(TaskContext& /*ctx*/) {
  return ExecuteResult::Waiting(absl::StrCat("waiting for bootstrap job ", job_name_));
}

StatusResult AwaitBootstrapCompleteTask::Status(TaskContext& ctx,
                                                const ExecuteResult* /*executed*/) {
  if (ctx.kube == nullptr)
    return StatusResult::Running(absl::StrCat(kType, ": no Kubernetes client"));
  absl::StatusOr<k8s::Object> job =
      ctx.kube->Get(k8s::resources::kJob, TaskNamespace(ctx, ns_), job_name_);
  if (k8s::IsApiNotFound(job.status())) {
    return StatusResult::Failed(absl::StrCat("bootstrap job ", job_name_, " not found"));
  }
  if (!job.ok()) {
    return StatusResult::Running(
        absl::StrCat("reading bootstrap job ", job_name_, ": ", job.status().message()));
  }
  std::optional<ObjectCondition> complete = ConditionOf(*job, "Complete");
  if (complete.has_value() && complete->status == "True") {
    return StatusResult::Complete(absl::StrCat("bootstrap job ", job_name_, " completed"));
  }
  std::optional<ObjectCondition> failed = ConditionOf(*job, "Failed");
  if (failed.has_value() && failed->status == "True") {
    return StatusResult::Failed(absl::StrCat("bootstrap job failed: ", failed->message.empty()
                                                                           ? "bootstrap job failed"
                                                                           : failed->message));
  }
  return StatusResult::Running(absl::StrCat("waiting for bootstrap job ", job_name_));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewAwaitBootstrapCompleteTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  absl::StatusOr<std::string> job = StringParam(kType, params, "jobName");
  if (!job.ok()) return job.status();
  absl::StatusOr<std::string> ns = StringParam(kType, params, "namespace");
  if (!ns.ok()) return ns.status();
  if (job->empty()) return absl::InvalidArgumentError(absl::StrCat(kType, ": jobName is required"));
  return std::make_unique<AwaitBootstrapCompleteTask>(*std::move(job), *std::move(ns));
}

}  // namespace sei::tasks
