// Controller-side validation of a SeiNode, run every time a plan would be
// built (plans.md §6.2, api.md §8). These rules complement the CRD's CEL
// rules: they catch combinations the schema accepts but no plan can serve.
#ifndef SEI_LIB_PLANNER_PLAN_PLANNING_RULES_H_
#define SEI_LIB_PLANNER_PLAN_PLANNING_RULES_H_

#include "absl/status/status.h"
#include "lib/planner/core/field_violation.h"
#include "lib/planner/core/node_mode.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// Every rule of plans.md §6.2 the node violates, in the order of the table,
// each with its JSON field path and the exact user-visible message. The mode
// is chosen as ModeOf does (fullNode, archive, replayer, validator); a node
// without any mode sub-spec yields the single ModeOf error at path `spec`.
// Rules that only make sense once an earlier rule holds (e.g. the node-key
// Secret name when nodeKey is absent) are not reported twice.
FieldViolations PlanningViolations(const v1alpha1::SeiNode& node);

// The same rules for an explicitly chosen mode. This is the only way to reach
// the "<mode> sub-spec is nil" rules, since ModeOf picks a present sub-spec.
FieldViolations PlanningViolationsForMode(const v1alpha1::SeiNode& node, NodeMode mode);

// OK, or InvalidArgument carrying the first violation's message only: the
// reference stops at the first broken rule and its text is user-visible.
absl::Status ValidateForPlanning(const v1alpha1::SeiNode& node);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_PLANNING_RULES_H_
