#include "lib/tasks/controller/observe_image.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/plan/drift.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/pod_cycle.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/platform/platform_config.h"
#include "lib/tasks/render/names.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kObserveImage;

}  // namespace

RolloutCheck CheckRollout(const TaskContext& ctx) {
  const std::string name = render::StatefulSetName(*ctx.node);
  const std::string quoted = absl::StrCat("StatefulSet \"", name, "\"");
  absl::StatusOr<std::optional<k8s::Object>> sts =
      FetchStatefulSet(*ctx.kube, ctx.node->metadata().namespace_(), name);
  if (!sts.ok()) {
    return {RolloutCheck::Kind::kError,
            absl::StrCat("reading ", quoted, ": ", sts.status().message())};
  }
  if (!sts->has_value()) return {RolloutCheck::Kind::kMissing, absl::StrCat(quoted, " not found")};
  const k8s::Object& live = **sts;
  const int64_t generation = IntAt(live, "metadata/generation").value_or(0);
  const int64_t observed = IntAt(live, "status/observedGeneration").value_or(0);
  if (observed < generation) {
    return {RolloutCheck::Kind::kInProgress,
            absl::StrCat("waiting for ", quoted, " to observe generation ", generation,
                         " (observed ", observed, ")")};
  }
  std::optional<int64_t> replicas = IntAt(live, "spec/replicas");
  const int64_t updated = IntAt(live, "status/updatedReplicas").value_or(0);
  if (!replicas.has_value()) {
    return {RolloutCheck::Kind::kInProgress, absl::StrCat(quoted, " has no spec.replicas yet")};
  }
  if (updated < *replicas) {
    return {RolloutCheck::Kind::kInProgress,
            absl::StrCat("waiting for ", quoted, " rollout: ", updated, " of ", *replicas,
                         " replicas updated")};
  }
  return {RolloutCheck::Kind::kRolledOut, absl::StrCat(quoted, " rolled out")};
}

void StampObservedImages(TaskContext& ctx) {
  v1alpha1::SeiNodeStatus* status = ctx.node->mutable_status();
  status->set_current_image(ctx.node->spec().image());
  status->set_current_sidecar_image(
      planner::EffectiveSidecarImage(ctx.node->spec(), PlannerConfigOf(*ctx.platform)));
}

bool ObserveRolloutAndStamp(TaskContext& ctx) {
  if (ctx.kube == nullptr || ctx.node == nullptr || ctx.platform == nullptr) return false;
  if (CheckRollout(ctx).kind != RolloutCheck::Kind::kRolledOut) return false;
  StampObservedImages(ctx);
  return true;
}

ExecuteResult ObserveImageTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, kType, OwnerRule::kTerminal)) return *failed;
  if (auto failed = CheckPlatform(ctx, kType)) return *failed;
  RolloutCheck check = CheckRollout(ctx);
  switch (check.kind) {
    case RolloutCheck::Kind::kMissing:
    case RolloutCheck::Kind::kInProgress:
      return ExecuteResult::Waiting(std::move(check.message));
    case RolloutCheck::Kind::kError:
      return ExecuteResult::Transient(std::move(check.message));
    case RolloutCheck::Kind::kRolledOut:
      break;
  }
  StampObservedImages(ctx);
  return ExecuteResult::Done(
      absl::StrCat(check.message, "; observed image ", ctx.node->status().current_image()));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewObserveImageTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  return std::make_unique<ObserveImageTask>();
}

}  // namespace sei::tasks
