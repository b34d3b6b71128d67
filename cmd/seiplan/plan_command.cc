#include "cmd/seiplan/plan_command.h"

#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cmd/seiplan/admission.h"
#include "cmd/seiplan/exit_codes.h"
#include "cmd/seiplan/plan_ids.h"
#include "cmd/seiplan/plan_table.h"
#include "lib/api/json_codec.h"
#include "lib/api/yaml_documents.h"
#include "lib/planner/core/plan_kind.h"
#include "lib/planner/core/task_id.h"
#include "lib/planner/nodetask/kind.h"
#include "lib/planner/nodetask/task_params.h"
#include "lib/planner/plan/resolve_plan.h"

namespace sei::seiplan {
namespace {

using nlohmann::ordered_json;

// The SeiNode a task targets, when the same file defines it.
const v1alpha1::SeiNode* FindTarget(const std::vector<api::Manifest>& manifests,
                                    const v1alpha1::SeiNodeTask& task) {
  for (const api::Manifest& m : manifests) {
    const auto* node = std::get_if<v1alpha1::SeiNode>(&m.object);
    if (node != nullptr && node->metadata().name() == task.spec().target().node_ref().name() &&
        node->metadata().namespace_() == task.metadata().namespace_()) {
      return node;
    }
  }
  return nullptr;
}

void PrintViolations(const CommandContext& ctx, const std::string& label,
                     const planner::FieldViolations& violations) {
  for (const planner::FieldViolation& v : violations) {
    ctx.err << label << ": " << planner::FormatViolation(v) << "\n";
  }
}

absl::string_view ActionWord(planner::ResolveOutcome::Action action) {
  switch (action) {
    case planner::ResolveOutcome::Action::kBuilt: return "built a new plan";
    case planner::ResolveOutcome::Action::kResumed: return "resumed the active plan";
    case planner::ResolveOutcome::Action::kNone: return "no plan";
  }
  return "";
}

// Plans one SeiNode; nullopt when it is rejected (reported on ctx.err).
std::optional<ordered_json> PlanNode(const CommandContext& ctx, const api::Manifest& manifest,
                                     const std::function<std::string()>& plan_ids) {
  std::string label = DescribeManifest(manifest);
  planner::FieldViolations violations = AdmissionViolations(manifest);
  if (!violations.empty()) {
    PrintViolations(ctx, label, violations);
    return std::nullopt;
  }
  v1alpha1::SeiNode node = std::get<v1alpha1::SeiNode>(manifest.object);
  v1alpha1::NodePhase before = node.status().phase();
  planner::ResolveInputs inputs;
  inputs.now = ctx.now;
  inputs.new_plan_id = plan_ids;
  inputs.config.default_sidecar_image = ctx.options.sidecar_image;
  inputs.sidecar_health = ctx.options.sidecar_health;
  absl::StatusOr<planner::ResolveOutcome> outcome = planner::ResolvePlan(&node, inputs);
  if (!outcome.ok()) {
    ctx.err << label << ": cannot build a plan: " << outcome.status().message() << "\n";
    return std::nullopt;
  }
  for (const std::string& note : outcome->override_notes) ctx.err << label << ": " << note << "\n";
  if (outcome->finished) {
    ctx.err << label << ": retired " << outcome->finished->kind_label << " plan "
            << outcome->finished->plan_id << " (" << outcome->finished->outcome << ")\n";
  }

  bool has_plan = outcome->action != planner::ResolveOutcome::Action::kNone;
  if (ctx.options.output == OutputFormat::kTable) {
    ctx.out << label << ": " << ActionWord(outcome->action) << "; phase "
            << PhaseName(before) << " -> " << PhaseName(node.status().phase()) << "\n";
    for (const v1alpha1::Condition& c : node.status().conditions()) {
      ctx.out << "condition " << c.type() << "=" << c.status() << " (" << c.reason()
              << "): " << c.message() << "\n";
    }
    if (has_plan) {
      ctx.out << RenderPlanTable(node.status().plan());
    } else {
      ctx.out << "no plan needed\n";
    }
    ctx.out << "\n";
  }
  return has_plan ? ordered_json(api::EncodeMessage(node.status().plan())) : ordered_json(nullptr);
}

// Describes the task one SeiNodeTask would synthesize; nullopt when rejected.
std::optional<ordered_json> PlanTask(const CommandContext& ctx, const api::Manifest& manifest) {
  std::string label = DescribeManifest(manifest);
  planner::FieldViolations violations = AdmissionViolations(manifest);
  if (!violations.empty()) {
    PrintViolations(ctx, label, violations);
    return std::nullopt;
  }
  const auto& task = std::get<v1alpha1::SeiNodeTask>(manifest.object);
  const v1alpha1::SeiNode* target = FindTarget(ctx.manifests, task);
  planner::nodetask::ParamsResult built = planner::nodetask::BuildTaskRequest(task, target);
  if (built.failure) {
    ctx.err << label << ": would fail with " << built.failure->reason << ": "
            << built.failure->message << "\n";
    return std::nullopt;
  }
  std::string id = task.metadata().uid().empty()
                       ? ""
                       : planner::TaskId(task.metadata().uid(), task.spec().kind(), 0);
  ordered_json request = {{"id", id},
                          {"type", built.request.type},
                          {"params", api::EncodeMessage(built.request.params)}};
  if (ctx.options.output == OutputFormat::kTable) {
    ctx.out << label << ": kind " << task.spec().kind() << " -> task " << built.request.type
            << "\n  id      "
            << (id.empty() ? "UUIDv5(\"<metadata.uid>/" + task.spec().kind() + "/0\")" : id)
            << "\n  params  " << request["params"].dump() << "\n";
    if (target == nullptr) {
      ctx.out << "  (target SeiNode " << task.spec().target().node_ref().name()
              << " is not in this file: params that depend on it are built at run time)\n";
    }
    ctx.out << "\n";
  }
  return request;
}

}  // namespace

int RunPlan(const CommandContext& ctx) {
  std::function<std::string()> plan_ids = MakePlanIdSource(ctx.options.plan_id);
  std::vector<ordered_json> results;
  bool rejected = false;
  for (const api::Manifest& manifest : ctx.manifests) {
    std::optional<ordered_json> result =
        std::holds_alternative<v1alpha1::SeiNode>(manifest.object)
            ? PlanNode(ctx, manifest, plan_ids)
            : PlanTask(ctx, manifest);
    if (!result) {
      rejected = true;
      continue;
    }
    results.push_back(std::move(*result));
  }
  if (ctx.options.output == OutputFormat::kJson && !results.empty()) {
    ordered_json doc = results.size() == 1 ? results[0] : ordered_json(results);
    ctx.out << doc.dump(2) << "\n";
  } else if (ctx.options.output == OutputFormat::kYaml && !results.empty()) {
    ctx.out << api::EmitYamlStream(results);
  }
  return rejected ? kExitRejected : kExitOk;
}

}  // namespace sei::seiplan
