#include "lib/planner/plan/resolve_plan.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/planner/core/conditions.h"
#include "lib/planner/core/plan_kind.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/plan/drift.h"
#include "lib/planner/plan/plan_builder.h"

namespace sei::planner {
namespace {

void SetNodeUpdateCondition(v1alpha1::SeiNode* node, absl::string_view status,
                            absl::string_view reason, absl::string_view message,
                            absl::Time now) {
  SetCondition(node->mutable_status()->mutable_conditions(),
               {node_update_condition::kType, status, reason, message},
               node->metadata().generation(), now);
}

// Step 3: retire a Complete/Failed plan.
FinishedPlan RetireTerminalPlan(v1alpha1::SeiNode* node, absl::Time now) {
  const v1alpha1::TaskPlan& plan = node->status().plan();
  const bool complete = plan.phase() == v1alpha1::PLAN_PHASE_COMPLETE;

  if (IsConditionTrue(node->status().conditions(), node_update_condition::kType)) {
    if (complete) {
      SetNodeUpdateCondition(node, kConditionFalse, node_update_condition::kReasonComplete,
                             absl::StrCat("plan ", plan.id(), " completed"), now);
    } else {
      const std::string detail =
          plan.has_failed_task_detail()
              ? absl::StrCat("task ", plan.failed_task_detail().type(), ": ",
                             plan.failed_task_detail().error())
              : "unknown";
      SetNodeUpdateCondition(node, kConditionFalse, node_update_condition::kReasonFailed,
                             absl::StrCat("plan ", plan.id(), " failed: ", detail), now);
    }
  }

  FinishedPlan finished;
  finished.plan_id = plan.id();
  finished.kind_label = std::string(PlanKindLabel(ClassifyPlan(plan)));
  finished.outcome = complete ? "complete" : "failed";
  if (plan.tasks_size() > 0 && plan.tasks(0).has_submitted_at()) {
    finished.duration = now - FromTimestamp(plan.tasks(0).submitted_at());
  }
  node->mutable_status()->clear_plan();
  return finished;
}

bool IsTerminal(v1alpha1::PlanPhase phase) {
  return phase == v1alpha1::PLAN_PHASE_COMPLETE || phase == v1alpha1::PLAN_PHASE_FAILED;
}

}  // namespace

absl::StatusOr<ResolveOutcome> ResolvePlan(v1alpha1::SeiNode* node, const ResolveInputs& in,
                                           std::optional<FinishedPlan>* finished_on_error) {
  ResolveOutcome outcome;
  v1alpha1::SeiNodeStatus* status = node->mutable_status();

  // 1. Probe result, only for a Running node.
  if (in.sidecar_health.has_value() && status->phase() == v1alpha1::NODE_PHASE_RUNNING) {
    ApplySidecarHealth(*in.sidecar_health, in.now, node);
    outcome.probe_outcome = std::string(ProbeOutcomeLabel(*in.sidecar_health));
  }

  // 2. Resume.
  if (status->has_plan() && status->plan().phase() == v1alpha1::PLAN_PHASE_ACTIVE) {
    outcome.action = ResolveOutcome::Action::kResumed;
    return outcome;
  }

  // 3. Observe a terminal plan. A plan in any other phase (absent in a
  // hand-written object) is neither resumed nor retired: the builder below
  // replaces it, as in the reference.
  if (status->has_plan() && IsTerminal(status->plan().phase())) {
    outcome.finished = RetireTerminalPlan(node, in.now);
  }

  // 4-6. Mode, validation, build.
  absl::StatusOr<PlanBuild> build =
      BuildPlanForNode(*node, PlanContext{in.new_plan_id, in.config});
  if (!build.ok()) {
    if (finished_on_error != nullptr) *finished_on_error = outcome.finished;
    return build.status();
  }
  outcome.override_notes = std::move(build->override_notes);
  if (!build->plan.has_value()) {
    outcome.action = ResolveOutcome::Action::kNone;
    return outcome;
  }

  // 7. Store.
  if (build->update_started_message.has_value()) {
    SetNodeUpdateCondition(node, kConditionTrue, node_update_condition::kReasonStarted,
                           *build->update_started_message, in.now);
  }
  *status->mutable_plan() = *std::move(build->plan);
  if (status->phase() == v1alpha1::NODE_PHASE_UNSPECIFIED ||
      status->phase() == v1alpha1::NODE_PHASE_PENDING) {
    status->set_phase(v1alpha1::NODE_PHASE_INITIALIZING);
    StampTime(in.now, status->mutable_phase_transition_time());
  }
  outcome.action = ResolveOutcome::Action::kBuilt;
  return outcome;
}

}  // namespace sei::planner
