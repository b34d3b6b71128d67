// Read-only questions about a persisted plan that every executor transition
// asks first (plans.md §12 steps 1 and 2.1). Package-private.
#ifndef SEI_LIB_PLANNER_EXECUTOR_PLAN_CURSOR_H_
#define SEI_LIB_PLANNER_EXECUTOR_PLAN_CURSOR_H_

#include <string>

#include "absl/strings/string_view.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// True when the plan is Complete or Failed: the executor does no work on it.
// Any other phase (Active, or absent in a hand-written plan) is executed, as
// in the reference.
bool IsPlanSettled(const v1alpha1::TaskPlan& plan);

// Index of the current task, the first whose status is not Complete; -1 when
// every task is Complete.
int CurrentTaskIndex(const v1alpha1::TaskPlan& plan);

// "task <index> <type>", the prefix of every note about a task.
std::string TaskLabel(const v1alpha1::TaskPlan& plan, int index);

// The wire spelling of a node phase ("Running"), "(empty)" for the zero value.
absl::string_view NodePhaseName(v1alpha1::NodePhase phase);

// The wire spelling of a plan phase ("Active"), "(empty)" for the zero value.
absl::string_view PlanPhaseName(v1alpha1::PlanPhase phase);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_PLAN_CURSOR_H_
