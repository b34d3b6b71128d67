// ResolvePlan (plans.md §5): once per reconcile, after peer resolution,
// decide what status.plan should be — keep the Active plan, retire a finished
// one, and build the next plan if one is needed. Pure: it mutates the
// in-memory SeiNode only; the reconciler persists status and performs I/O.
#ifndef SEI_LIB_PLANNER_PLAN_RESOLVE_PLAN_H_
#define SEI_LIB_PLANNER_PLAN_RESOLVE_PLAN_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/planner/core/planner_config.h"
#include "lib/planner/plan/sidecar_health.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

struct ResolveInputs {
  // Stamped into conditions and phaseTransitionTime (whole seconds).
  absl::Time now = absl::UnixEpoch();
  // Source of fresh plan IDs (UUIDv4 in production); called once per built plan.
  std::function<std::string()> new_plan_id;
  PlannerConfig config;
  // The healthz result, when the caller probed the sidecar (§13.4). It is
  // applied only while status.phase is Running: during initialisation the
  // init plan owns the sidecar, and its readiness means nothing yet.
  std::optional<SidecarHealth> sidecar_health;
};

// A plan that was found Complete or Failed and retired, for the
// sei.controller.plan.duration metric (§15).
struct FinishedPlan {
  std::string plan_id;
  std::string kind_label;  // PlanKindLabel(ClassifyPlan(plan))
  std::string outcome;     // "complete" | "failed"
  // now − tasks[0].submittedAt; nullopt when unset (the metric is skipped).
  std::optional<absl::Duration> duration;
};

struct ResolveOutcome {
  enum class Action {
    kResumed,  // an Active plan exists: the caller executes it
    kBuilt,    // a new plan was stored: persist it and requeue after 1 ms;
               // never execute it in the same reconcile (§4 stage 2)
    kNone,     // no plan needed (§8.6)
  };
  Action action = Action::kNone;
  std::optional<FinishedPlan> finished;
  // Rejected user overrides of a newly built init plan, for logging (§10).
  std::vector<std::string> override_notes;
  // "ready" | "not_ready" | "unreachable" when a probe result was applied.
  std::optional<std::string> probe_outcome;
};

// Steps (§5): (1) apply the probe result to SidecarReady when Running;
// (2) an Active plan → kResumed, nothing else; (3) a Complete/Failed plan →
// NodeUpdateInProgress True becomes False (UpdateComplete `plan <id>
// completed` / UpdateFailed `plan <id> failed: task <type>: <error>` or
// `... failed: unknown`), the plan is reported in `finished` and
// status.plan cleared; (4-6) mode, validation and build (BuildPlanForNode);
// (7) store the plan, a NodeUpdate plan with NodeUpdateInProgress=True/
// UpdateStarted, and move an empty/Pending phase to Initializing with
// phaseTransitionTime = now. Conditions carry observedGeneration =
// metadata.generation.
//
// Errors of steps 4-6 are returned. Status changes of steps 1-3 have already
// been applied to `node` by then, so the reconciler can still emit
// PlanBuildFailed and flush them (D14). Pass `finished_on_error` to also
// receive the plan retired in step 3 when an error is returned (its metric
// would otherwise be lost, since the flush persists the cleared plan).
absl::StatusOr<ResolveOutcome> ResolvePlan(v1alpha1::SeiNode* node, const ResolveInputs& in,
                                           std::optional<FinishedPlan>* finished_on_error =
                                               nullptr);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_RESOLVE_PLAN_H_
