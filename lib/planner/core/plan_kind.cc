#include "lib/planner/core/plan_kind.h"

#include "lib/planner/core/task_catalog.h"

namespace sei::planner {

PlanKind ClassifyPlan(const v1alpha1::TaskPlan& plan) {
  for (const v1alpha1::PlannedTask& task : plan.tasks()) {
    if (task.type() == task_type::kObserveImage) return PlanKind::kNodeUpdate;
    if (task.type() == task_type::kEnsureDataPvc) return PlanKind::kInit;
  }
  if (plan.tasks_size() == 1 && plan.tasks(0).type() == task_type::kMarkReady) {
    return PlanKind::kMarkReadyReapply;
  }
  return PlanKind::kUnknown;
}

absl::string_view PlanKindLabel(PlanKind kind) {
  switch (kind) {
    case PlanKind::kInit: return "init";
    case PlanKind::kNodeUpdate: return "node-update";
    case PlanKind::kMarkReadyReapply: return "mark-ready-reapply";
    case PlanKind::kUnknown: return "unknown";
  }
  return "unknown";
}

}  // namespace sei::planner
