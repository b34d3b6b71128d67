#include "lib/tasks/controller/apply_statefulset.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/statefulset_sync.h"
#include "lib/tasks/controller/task_params_reader.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kApplyStatefulSet;

}  // namespace

ExecuteResult ApplyStatefulSetTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, kType, OwnerRule::kTransient)) return *failed;
  if (auto failed = CheckPlatform(ctx, kType)) return *failed;
  absl::StatusOr<StatefulSetSync> sync = SyncStatefulSet(ctx);
  if (!sync.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("syncing the StatefulSet: ", sync.status().message()));
  }
  if (sync->kind == StatefulSetSync::Kind::kSynced) return ExecuteResult::Done(sync->message);
  return ExecuteResult::Waiting(sync->message);
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewApplyStatefulSetTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  return std::make_unique<ApplyStatefulSetTask>();
}

}  // namespace sei::tasks
