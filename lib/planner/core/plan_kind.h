// What kind of plan a TaskPlan is, for metrics and for behaviour that only
// init plans have (plans.md §4, "Plan-type classification").
#ifndef SEI_LIB_PLANNER_CORE_PLAN_KIND_H_
#define SEI_LIB_PLANNER_CORE_PLAN_KIND_H_

#include "absl/strings/string_view.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

enum class PlanKind { kInit, kNodeUpdate, kMarkReadyReapply, kUnknown };

// Scans tasks in order: the first observe-image → node-update, the first
// ensure-data-pvc → init; else a single mark-ready task → mark-ready-reapply;
// else unknown.
PlanKind ClassifyPlan(const v1alpha1::TaskPlan& plan);

// The metric label: "init", "node-update", "mark-ready-reapply", "unknown".
absl::string_view PlanKindLabel(PlanKind kind);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_PLAN_KIND_H_
