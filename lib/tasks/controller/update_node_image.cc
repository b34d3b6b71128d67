#include "lib/tasks/controller/update_node_image.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/task_params_reader.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kUpdateNodeImage;

}  // namespace

ExecuteResult UpdateNodeImageTask::Execute(TaskContext& ctx) {
  if (ctx.kube == nullptr)
    return ExecuteResult::Transient(absl::StrCat(kType, ": no Kubernetes client"));
  absl::StatusOr<k8s::Object> target =
      ctx.kube->Get(k8s::resources::kSeiNode, params_.ns, params_.node_name);
  if (k8s::IsApiNotFound(target.status())) {
    return ExecuteResult::Terminal(
        absl::StrCat("target SeiNode \"", params_.node_name, "\" not found"));
  }
  if (!target.ok()) {
    return ExecuteResult::Transient(absl::StrCat("reading target SeiNode \"", params_.node_name,
                                                 "\": ", target.status().message()));
  }
  if (StringAt(*target, "spec/image") == params_.image) {
    return ExecuteResult::Waiting(
        absl::StrCat("spec.image is ", params_.image, "; waiting for the rollout"));
  }
  // Only spec.image: the apply must not send the other required fields as
  // empty values, nor claim them for this field manager.
  const k8s::Object partial = {
      {"apiVersion", k8s::resources::kSeiNode.ApiVersion()},
      {"kind", k8s::resources::kSeiNode.kind},
      {"metadata", {{"name", params_.node_name}, {"namespace", params_.ns}}},
      {"spec", {{"image", params_.image}}}};
  k8s::PatchOptions options;
  options.field_manager = std::string(kTaskControllerFieldManager);
  options.force = true;
  absl::StatusOr<k8s::Object> applied =
      ctx.kube->Patch(k8s::resources::kSeiNode, params_.ns, params_.node_name,
                      k8s::PatchType::kApply, partial, options);
  if (!applied.ok()) {
    return ExecuteResult::Transient(absl::StrCat("applying spec.image to SeiNode \"",
                                                 params_.node_name,
                                                 "\": ", applied.status().message()));
  }
  return ExecuteResult::Waiting(
      absl::StrCat("set spec.image to ", params_.image, "; waiting for the rollout"));
}

StatusResult UpdateNodeImageTask::Status(TaskContext& ctx, const ExecuteResult* /*executed*/) {
  if (ctx.kube == nullptr)
    return StatusResult::Running(absl::StrCat(kType, ": no Kubernetes client"));
  absl::StatusOr<k8s::Object> target =
      ctx.kube->Get(k8s::resources::kSeiNode, params_.ns, params_.node_name);
  if (!target.ok()) {
    return StatusResult::Running(absl::StrCat("reading target SeiNode \"", params_.node_name,
                                              "\": ", target.status().message()));
  }
  const std::string current = StringAt(*target, "status/currentImage").value_or("");
  if (current == params_.image) return StatusResult::Complete(current);
  return StatusResult::Running(
      absl::StrCat("status.currentImage is \"", current, "\", waiting for ", params_.image));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewUpdateNodeImageTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  UpdateNodeImageParams out;
  for (const auto& [key, field] :
       {std::pair<absl::string_view, std::string*>{"nodeName", &out.node_name},
        {"namespace", &out.ns},
        {"image", &out.image}}) {
    absl::StatusOr<std::string> value = StringParam(kType, params, key);
    if (!value.ok()) return value.status();
    *field = *std::move(value);
  }
  if (out.node_name.empty() || out.ns.empty() || out.image.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kType, ": nodeName, namespace, and image are required"));
  }
  return std::make_unique<UpdateNodeImageTask>(std::move(out));
}

}  // namespace sei::tasks
