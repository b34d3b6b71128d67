#include "lib/tasks/controller/ensure_data_pvc.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/import_pvc_validation.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/render/data_pvc.h"
#include "lib/tasks/render/names.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kEnsureDataPvc;

}  // namespace

ExecuteResult EnsureDataPvcTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, kType, OwnerRule::kTerminal)) return *failed;
  if (auto failed = CheckPlatform(ctx, kType)) return *failed;
  const std::string& import = ctx.node->spec().data_volume().import_volume().pvc_name();
  if (import.empty()) return Create(ctx);
  return ReportValidation(ctx, kImportPvcCondition, ValidateImportedPvc(ctx, import));
}

ExecuteResult EnsureDataPvcTask::Create(TaskContext& ctx) {
  absl::StatusOr<k8s::Object> desired = render::RenderDataPvc(*ctx.node, *ctx.platform);
  if (!desired.ok()) return ExecuteResult::Terminal(std::string(desired.status().message()));
  const std::string& ns = ctx.node->metadata().namespace_();
  const std::string name = render::DataPvcName(*ctx.node);

  absl::StatusOr<k8s::Object> live =
      ctx.kube->Get(k8s::resources::kPersistentVolumeClaim, ns, name);
  if (live.ok()) {
    if (HasOwnerReference(*live, "SeiNode", ctx.node->metadata().uid(),
                          /*controller_only=*/true)) {
      return ExecuteResult::Done(absl::StrCat("data PVC \"", name, "\" exists"));
    }
    return ExecuteResult::Terminal(
        absl::StrCat("data PVC \"", name, "\" already exists and is not owned by SeiNode \"",
                     ctx.node->metadata().name(),
                     "\"; set spec.dataVolume.import.pvcName to adopt, or delete the PVC"));
  }
  if (!k8s::IsApiNotFound(live.status())) {
    return ExecuteResult::Transient(
        absl::StrCat("checking for existing data PVC: ", live.status().message()));
  }
  absl::StatusOr<k8s::Object> created =
      ctx.kube->Create(k8s::resources::kPersistentVolumeClaim, ns, *desired);
  if (k8s::IsApiAlreadyExists(created.status())) {
    // Someone created it between the GET and the CREATE; the next pass
    // decides whether it is ours.
    return ExecuteResult::Transient(
        absl::StrCat("data PVC created concurrently: ", created.status().message()));
  }
  if (!created.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("creating data PVC \"", name, "\": ", created.status().message()));
  }
  return ExecuteResult::Done(absl::StrCat("created data PVC \"", name, "\""));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewEnsureDataPvcTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  return std::make_unique<EnsureDataPvcTask>();
}

}  // namespace sei::tasks
