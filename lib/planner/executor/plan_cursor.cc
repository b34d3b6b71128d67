#include "lib/planner/executor/plan_cursor.h"

#include "lib/planner/core/wire_names.h"

#include "absl/strings/str_cat.h"

namespace sei::planner {

bool IsPlanSettled(const v1alpha1::TaskPlan& plan) {
  return plan.phase() == v1alpha1::PLAN_PHASE_COMPLETE ||
         plan.phase() == v1alpha1::PLAN_PHASE_FAILED;
}

int CurrentTaskIndex(const v1alpha1::TaskPlan& plan) {
  for (int i = 0; i < plan.tasks_size(); ++i) {
    if (plan.tasks(i).status() != v1alpha1::TASK_STATUS_COMPLETE) return i;
  }
  return -1;
}

std::string TaskLabel(const v1alpha1::TaskPlan& plan, int index) {
  return absl::StrCat("task ", index, " ", plan.tasks(index).type());
}

absl::string_view NodePhaseName(v1alpha1::NodePhase phase) {
  absl::string_view name = WireName(phase);
  return name.empty() ? "(empty)" : name;
}

absl::string_view PlanPhaseName(v1alpha1::PlanPhase phase) {
  absl::string_view name = WireName(phase);
  return name.empty() ? "(empty)" : name;
}

}  // namespace sei::planner
