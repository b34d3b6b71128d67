#include "cmd/seiplan/simulate_command.h"

#include "absl/strings/str_cat.h"
#include "cmd/seiplan/admission.h"
#include "cmd/seiplan/exit_codes.h"
#include "cmd/seiplan/plan_ids.h"
#include "cmd/seiplan/plan_table.h"
#include "cmd/seiplan/simulated_world.h"
#include "lib/planner/core/plan_kind.h"
#include "lib/planner/executor/simulated_pass.h"
#include "lib/planner/plan/resolve_plan.h"

namespace sei::seiplan {
namespace {

// A runaway guard; real plans finish in a few hundred reconciles even with
// every retry budget spent (configure-genesis: 180 retries).
constexpr int kMaxReconciles = 5000;

enum class Ending { kRunning, kFailed, kRejected };

class NodeSimulation {
 public:
  NodeSimulation(const CommandContext& ctx, const api::Manifest& manifest,
                 const std::function<std::string()>& plan_ids)
      : ctx_(ctx),
        label_(DescribeManifest(manifest)),
        node_(std::get<v1alpha1::SeiNode>(manifest.object)),
        plan_ids_(plan_ids),
        now_(ctx.now),
        world_(ctx.options.failures, Config(ctx), ctx.options.sidecar_health) {}

  Ending Run() {
    ctx_.out << label_ << ": simulating from phase " << PhaseName(node_.status().phase())
             << "\n";
    for (int reconcile = 0; reconcile < kMaxReconciles; ++reconcile) {
      if (node_.status().phase() == v1alpha1::NODE_PHASE_FAILED) {
        const v1alpha1::FailedTaskInfo& f = node_.status().plan().failed_task_detail();
        Print(absl::StrCat("node is Failed: failedTaskDetail {type: ", f.type(), ", error: ",
                           f.error(), ", retryCount: ", f.retry_count(), ", maxRetries: ",
                           f.max_retries(), "}; the operator stops here (delete and recreate "
                           "the SeiNode to retry)"));
        return Ending::kFailed;
      }
      std::optional<Ending> ending = Reconcile();
      if (ending) return *ending;
    }
    Print(absl::StrCat("gave up after ", kMaxReconciles, " reconciles"));
    return Ending::kRejected;
  }

 private:
  static planner::PlannerConfig Config(const CommandContext& ctx) {
    planner::PlannerConfig config;
    config.default_sidecar_image = ctx.options.sidecar_image;
    return config;
  }

  void Print(absl::string_view line) {
    ctx_.out << "  +" << absl::FormatDuration(now_ - ctx_.now) << "  " << line << "\n";
  }

  // One reconcile: ResolvePlan, then (for an already persisted plan) one
  // executor pass. Returns how the simulation ends, or nullopt to go on.
  std::optional<Ending> Reconcile() {
    planner::ResolveInputs inputs;
    inputs.now = now_;
    inputs.new_plan_id = plan_ids_;
    inputs.config = Config(ctx_);
    inputs.sidecar_health = world_.Health();
    v1alpha1::NodePhase before = node_.status().phase();
    absl::StatusOr<planner::ResolveOutcome> outcome = planner::ResolvePlan(&node_, inputs);
    if (!outcome.ok()) {
      Print(absl::StrCat("cannot build a plan: ", outcome.status().message()));
      return Ending::kRejected;
    }
    for (const std::string& note : outcome->override_notes) Print(note);
    if (outcome->finished) {
      Print(absl::StrCat(outcome->finished->kind_label, " plan ", outcome->finished->plan_id,
                         " retired (", outcome->finished->outcome, ")"));
    }
    switch (outcome->action) {
      case planner::ResolveOutcome::Action::kNone:
        Print(absl::StrCat("nothing to do; phase ", PhaseName(node_.status().phase()),
                           ", image ", node_.status().current_image()));
        return Ending::kRunning;
      case planner::ResolveOutcome::Action::kBuilt: {
        const v1alpha1::TaskPlan& plan = node_.status().plan();
        Print(absl::StrCat("built ", planner::PlanKindLabel(planner::ClassifyPlan(plan)),
                           " plan ", plan.id(), " with ", plan.tasks_size(), " tasks; phase ",
                           PhaseName(before), " -> ", PhaseName(node_.status().phase()),
                           "; persisted, executed from the next reconcile"));
        now_ += absl::Milliseconds(1);
        return std::nullopt;
      }
      case planner::ResolveOutcome::Action::kResumed:
        break;
    }
    planner::ExecutorEnv env{now_, Config(ctx_)};
    planner::PassResult pass = planner::RunPass(
        &node_, env, [this](const planner::Action& action, const v1alpha1::PlannedTask* task) {
          return world_.Perform(&node_, action, task);
        });
    for (const std::string& note : pass.notes) Print(note);
    const v1alpha1::TaskPlan& plan = node_.status().plan();
    if (plan.phase() == v1alpha1::PLAN_PHASE_FAILED &&
        node_.status().phase() != v1alpha1::NODE_PHASE_FAILED) {
      // A plan without a failedPhase (NodeUpdate, mark-ready) leaves the node
      // Running; the operator retires it and, while the drift persists,
      // builds it again. Stepping that loop further shows nothing new.
      Print("plan failed; the node stays " + PhaseName(node_.status().phase()) +
            " and the operator rebuilds the plan on the next reconcile");
      return Ending::kFailed;
    }
    if (pass.final_step.kind == planner::Step::Kind::kRequeue) {
      now_ += pass.final_step.requeue_after;
    }
    return std::nullopt;
  }

  const CommandContext& ctx_;
  std::string label_;
  v1alpha1::SeiNode node_;
  const std::function<std::string()>& plan_ids_;
  absl::Time now_;
  SimulatedWorld world_;
};

}  // namespace

int RunSimulate(const CommandContext& ctx) {
  std::function<std::string()> plan_ids = MakePlanIdSource(ctx.options.plan_id);
  int status = kExitOk;
  for (const api::Manifest& manifest : ctx.manifests) {
    std::string label = DescribeManifest(manifest);
    if (!std::holds_alternative<v1alpha1::SeiNode>(manifest.object)) {
      ctx.out << label << ": skipped (simulate steps SeiNode plans; see `seiplan plan`)\n\n";
      continue;
    }
    planner::FieldViolations violations = AdmissionViolations(manifest);
    if (!violations.empty()) {
      for (const auto& v : violations) ctx.err << label << ": " << planner::FormatViolation(v) << "\n";
      status = kExitRejected;
      continue;
    }
    NodeSimulation simulation(ctx, manifest, plan_ids);
    Ending ending = simulation.Run();
    if (ending != Ending::kRunning) status = kExitRejected;
    ctx.out << "\n";
  }
  return status;
}

}  // namespace sei::seiplan
