// The human-readable rendering of a plan: one row per task.
#ifndef SEI_CMD_SEIPLAN_PLAN_TABLE_H_
#define SEI_CMD_SEIPLAN_PLAN_TABLE_H_

#include <string>

#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::seiplan {

// A header line (plan ID, phase, kind, target/failed phases) followed by an
// aligned table: index, type, status, retries used/budget, task ID, params
// as compact JSON.
std::string RenderPlanTable(const v1alpha1::TaskPlan& plan);

// "Initializing", "Running", ... or "<none>" for an absent phase.
std::string PhaseName(v1alpha1::NodePhase phase);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_PLAN_TABLE_H_
