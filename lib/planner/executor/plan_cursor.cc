#include "lib/planner/executor/plan_cursor.h"

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
  switch (phase) {
    case v1alpha1::NODE_PHASE_PENDING: return "Pending";
    case v1alpha1::NODE_PHASE_INITIALIZING: return "Initializing";
    case v1alpha1::NODE_PHASE_RUNNING: return "Running";
    case v1alpha1::NODE_PHASE_FAILED: return "Failed";
    case v1alpha1::NODE_PHASE_TERMINATING: return "Terminating";
    default: return "(empty)";
  }
}

absl::string_view PlanPhaseName(v1alpha1::PlanPhase phase) {
  switch (phase) {
    case v1alpha1::PLAN_PHASE_ACTIVE: return "Active";
    case v1alpha1::PLAN_PHASE_COMPLETE: return "Complete";
    case v1alpha1::PLAN_PHASE_FAILED: return "Failed";
    default: return "(empty)";
  }
}

}  // namespace sei::planner
