// Builders for every SeiNode plan (plans.md §8): init base, genesis ceremony,
// snapshot bootstrap, NodeUpdate, mark-ready re-approval, and the decision
// that a Running node needs nothing. Pure: the plan ID comes from the caller
// and the result is a TaskPlan value the caller stores in status.plan.
//
// Every built plan has phase Active, all tasks Pending with the deterministic
// IDs TaskId(plan.id, type, index) (§3), maxRetries from the task catalogue
// (§11), params per §9, and targetPhase/failedPhase per §4.
#ifndef SEI_LIB_PLANNER_PLAN_PLAN_BUILDER_H_
#define SEI_LIB_PLANNER_PLAN_PLAN_BUILDER_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/planner/core/planner_config.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

struct PlanContext {
  // A fresh plan ID (a random UUIDv4 in production, §3). Called exactly once
  // per built plan and never when no plan is built.
  std::function<std::string()> new_plan_id;
  PlannerConfig config;
};

// A build decision with the side information its caller must act on.
struct PlanBuild {
  // nullopt: a Running node with nothing to do (§8.6).
  std::optional<v1alpha1::TaskPlan> plan;
  // Init plans: rejected user overrides, to be logged (§10).
  std::vector<std::string> override_notes;
  // NodeUpdate plans: the message of NodeUpdateInProgress=True/UpdateStarted,
  // which the caller writes together with the plan (§8.4).
  std::optional<std::string> update_started_message;
};

// The entry point: selects the mode (ModeOf), validates (ValidateForPlanning,
// §6.2, run whenever a plan must be built), then builds by phase: Running →
// BuildRunningPlan, anything else → BuildInitPlan. Errors are those of mode
// selection, validation, or plan construction.
absl::StatusOr<PlanBuild> BuildPlanForNode(const v1alpha1::SeiNode& node,
                                           const PlanContext& context);

// BuildPlanForNode without the side information.
absl::StatusOr<std::optional<v1alpha1::TaskPlan>> BuildPlan(const v1alpha1::SeiNode& node,
                                                            const PlanContext& context);

// The builders below do not validate; callers other than BuildPlanForNode
// run ValidateForPlanning first.

// §8.1-§8.3: genesis ceremony for a validator with genesisCeremony, else the
// bootstrap plan when NeedsBootstrap, else the base plan.
absl::StatusOr<PlanBuild> BuildInitPlan(const v1alpha1::SeiNode& node, const PlanContext& context);

// §8.4-§8.6: a NodeUpdate plan on image/sidecar drift; else a mark-ready plan
// when SidecarReady is False/NotReady; else no plan.
absl::StatusOr<PlanBuild> BuildRunningPlan(const v1alpha1::SeiNode& node,
                                           const PlanContext& context);

// §8.1. `override_notes` (optional) receives rejected user overrides.
absl::StatusOr<v1alpha1::TaskPlan> BuildInitBasePlan(
    const v1alpha1::SeiNode& node, const PlanContext& context,
    std::vector<std::string>* override_notes = nullptr);

// §8.2.
absl::StatusOr<v1alpha1::TaskPlan> BuildGenesisCeremonyPlan(
    const v1alpha1::SeiNode& node, const PlanContext& context,
    std::vector<std::string>* override_notes = nullptr);

// §8.3.
absl::StatusOr<v1alpha1::TaskPlan> BuildBootstrapPlan(
    const v1alpha1::SeiNode& node, const PlanContext& context,
    std::vector<std::string>* override_notes = nullptr);

// §8.4 (the drift decision and condition are BuildRunningPlan's).
absl::StatusOr<v1alpha1::TaskPlan> BuildNodeUpdatePlan(const v1alpha1::SeiNode& node,
                                                       const PlanContext& context);

// §8.5: the single mark-ready task; every build has a new plan ID and so a
// new task ID, which makes the sidecar really run mark-ready again.
absl::StatusOr<v1alpha1::TaskPlan> BuildMarkReadyPlan(const v1alpha1::SeiNode& node,
                                                      const PlanContext& context);

// The validate-* gates a node's plans carry (§7.4): for a validator that is
// not a genesis-ceremony node, one per non-empty Secret name among
// signingKey, nodeKey, operatorKeyring, in that order.
std::vector<std::string> ValidatorGateTypes(const v1alpha1::SeiNodeSpec& spec);

// The ordered task types of a plan.
std::vector<std::string> PlanTaskTypes(const v1alpha1::TaskPlan& plan);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_PLAN_BUILDER_H_
