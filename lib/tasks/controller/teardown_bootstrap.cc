#include "lib/tasks/controller/teardown_bootstrap.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/render/labels.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kTeardownBootstrap;

// The object, nullopt when NotFound.
absl::StatusOr<std::optional<k8s::Object>> GetIfPresent(k8s::KubeClient& kube,
                                                        const k8s::Resource& resource,
                                                        absl::string_view ns,
                                                        absl::string_view name) {
  absl::StatusOr<k8s::Object> object = kube.Get(resource, ns, name);
  if (k8s::IsApiNotFound(object.status())) return std::optional<k8s::Object>();
  if (!object.ok()) return object.status();
  return std::optional<k8s::Object>(*std::move(object));
}

absl::Status DeleteIgnoringNotFound(k8s::KubeClient& kube, const k8s::Resource& resource,
                                    absl::string_view ns, absl::string_view name,
                                    k8s::Propagation propagation) {
  k8s::DeleteOptions options;
  options.propagation = propagation;
  absl::Status deleted = kube.Delete(resource, ns, name, options);
  return k8s::IsApiNotFound(deleted) ? absl::OkStatus() : deleted;
}

bool IsBootstrapService(const k8s::Object& service) {
  const auto labels = StringMapAt(service, "metadata/labels");
  auto it = labels.find(std::string(render::kComponentLabel));
  return it != labels.end() && it->second == render::kBootstrapComponent;
}

}  // namespace

ExecuteResult TeardownBootstrapTask::Execute(TaskContext& ctx) {
  if (ctx.kube == nullptr)
    return ExecuteResult::Transient(absl::StrCat(kType, ": no Kubernetes client"));
  const std::string ns = TaskNamespace(ctx, params_.ns);

  absl::StatusOr<std::optional<k8s::Object>> job =
      GetIfPresent(*ctx.kube, k8s::resources::kJob, ns, params_.job_name);
  if (!job.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("reading bootstrap job ", params_.job_name, ": ", job.status().message()));
  }
  if (job->has_value() && !IsTerminating(**job)) {
    if (absl::Status s = DeleteIgnoringNotFound(*ctx.kube, k8s::resources::kJob, ns,
                                                params_.job_name, k8s::Propagation::kForeground);
        !s.ok()) {
      return ExecuteResult::Transient(
          absl::StrCat("deleting bootstrap job ", params_.job_name, ": ", s.message()));
    }
  }

  absl::StatusOr<std::optional<k8s::Object>> service =
      GetIfPresent(*ctx.kube, k8s::resources::kService, ns, params_.service_name);
  if (!service.ok()) {
    return ExecuteResult::Transient(absl::StrCat("reading bootstrap service ", params_.service_name,
                                                 ": ", service.status().message()));
  }
  if (service->has_value() && IsBootstrapService(**service) && !IsTerminating(**service)) {
    if (absl::Status s =
            DeleteIgnoringNotFound(*ctx.kube, k8s::resources::kService, ns, params_.service_name,
                                   k8s::Propagation::kBackground);
        !s.ok()) {
      return ExecuteResult::Transient(
          absl::StrCat("deleting bootstrap service ", params_.service_name, ": ", s.message()));
    }
  }
  return ExecuteResult::Done(absl::StrCat("bootstrap job ", params_.job_name, " and service ",
                                          params_.service_name, " torn down"));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewTeardownBootstrapTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  TeardownBootstrapParams out;
  for (const auto& [key, field] :
       {std::pair<absl::string_view, std::string*>{"jobName", &out.job_name},
        {"serviceName", &out.service_name},
        {"namespace", &out.ns}}) {
    absl::StatusOr<std::string> value = StringParam(kType, params, key);
    if (!value.ok()) return value.status();
    *field = *std::move(value);
  }
  if (out.job_name.empty() || out.service_name.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kType, ": jobName and serviceName are required"));
  }
  return std::make_unique<TeardownBootstrapTask>(std::move(out));
}

}  // namespace sei::tasks
