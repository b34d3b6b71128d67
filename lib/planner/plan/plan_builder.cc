#include "lib/planner/plan/plan_builder.h"

#include <iterator>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/types/span.h"
#include "lib/planner/core/node_mode.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/planner/core/task_id.h"
#include "lib/planner/plan/config_intent.h"
#include "lib/planner/plan/drift.h"
#include "lib/planner/plan/planning_rules.h"
#include "lib/planner/plan/progression.h"
#include "lib/planner/plan/sidecar_health.h"
#include "lib/planner/plan/task_params.h"

namespace sei::planner {
namespace {

using v1alpha1::TaskPlan;
namespace tt = task_type;

// Task types in plan order, as the builders list them.
using TypeList = absl::Span<const absl::string_view>;

// Collects (type, params) in order, then stamps identity and budgets. Each
// task's params are written straight into the task.
class PlanAssembler {
 public:
  // `expected_tasks` only sizes the task list up front.
  PlanAssembler(const v1alpha1::SeiNode& node, int expected_tasks) : node_(node) {
    plan_.mutable_tasks()->Reserve(expected_tasks);
  }

  // Appends `types` with params derived from the node and `segment`.
  absl::Status Add(TypeList types, const TaskParamsInputs& segment) {
    for (absl::string_view type : types) {
      absl::Status status = AddTask(type, segment);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }
  absl::Status Add(const Progression& types, const TaskParamsInputs& segment) {
    for (const std::string& type : types) {
      absl::Status status = AddTask(type, segment);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }
  absl::Status Add(TypeList types) { return Add(types, TaskParamsInputs{&node_}); }

  absl::StatusOr<TaskPlan> Finish(const PlanContext& context, v1alpha1::NodePhase target_phase,
                                  v1alpha1::NodePhase failed_phase) {
    if (!context.new_plan_id) {
      return absl::FailedPreconditionError("PlanContext.new_plan_id is not set");
    }
    plan_.set_id(context.new_plan_id());
    const std::string& plan_id = plan_.id();
    if (plan_id.empty()) {
      return absl::FailedPreconditionError("PlanContext.new_plan_id returned an empty plan ID");
    }
    plan_.set_phase(v1alpha1::PLAN_PHASE_ACTIVE);
    plan_.set_target_phase(target_phase);
    plan_.set_failed_phase(failed_phase);
    for (int i = 0; i < plan_.tasks_size(); ++i) {
      v1alpha1::PlannedTask* task = plan_.mutable_tasks(i);
      const TaskTypeInfo* info = LookupTaskType(task->type());
      if (info == nullptr) {
        return absl::InternalError(absl::StrCat("unknown task type \"", task->type(), "\""));
      }
      task->set_id(TaskId(plan_id, task->type(), i));
      task->set_status(v1alpha1::TASK_STATUS_PENDING);
      task->set_max_retries(info->max_retries);
    }
    return std::move(plan_);
  }

 private:
  absl::Status AddTask(absl::string_view type, const TaskParamsInputs& segment) {
    v1alpha1::PlannedTask* task = plan_.add_tasks();
    task->mutable_type()->assign(type.data(), type.size());
    return WriteTaskParams(type, segment, task->mutable_params());
  }

  const v1alpha1::SeiNode& node_;
  TaskPlan plan_;
};

// ValidatorGateTypes without copying the type strings.
absl::InlinedVector<absl::string_view, 3> GateTypes(const v1alpha1::SeiNodeSpec& spec) {
  absl::InlinedVector<absl::string_view, 3> gates;
  if (!spec.has_validator() || IsGenesisCeremony(spec)) return gates;
  const v1alpha1::ValidatorSpec& v = spec.validator();
  if (!v.signing_key().secret().secret_name().empty()) gates.push_back(tt::kValidateSigningKey);
  if (!v.node_key().secret().secret_name().empty()) gates.push_back(tt::kValidateNodeKey);
  if (!v.operator_keyring().secret().secret_name().empty()) {
    gates.push_back(tt::kValidateOperatorKeyring);
  }
  return gates;
}

// The init plans' config intent; its notes go to the caller for logging.
absl::StatusOr<ConfigIntent> InitConfigIntent(const v1alpha1::SeiNode& node,
                                              std::vector<std::string>* override_notes) {
  absl::StatusOr<NodeMode> mode = ModeOf(node);
  if (!mode.ok()) return mode.status();
  ConfigIntent intent = BuildConfigIntent(node.spec(), *mode);
  if (override_notes != nullptr) {
    override_notes->insert(override_notes->end(), intent.notes.begin(), intent.notes.end());
  }
  return intent;
}

absl::StatusOr<std::vector<std::string>> SidecarProgression(const v1alpha1::SeiNodeSpec& spec,
                                                            ProgressionStage stage) {
  return BuildSidecarProgression(ProgressionOptionsFor(spec, stage));
}

}  // namespace

std::vector<std::string> ValidatorGateTypes(const v1alpha1::SeiNodeSpec& spec) {
  absl::InlinedVector<absl::string_view, 3> gates = GateTypes(spec);
  return std::vector<std::string>(gates.begin(), gates.end());
}

std::vector<std::string> PlanTaskTypes(const TaskPlan& plan) {
  std::vector<std::string> types;
  for (const v1alpha1::PlannedTask& task : plan.tasks()) types.push_back(task.type());
  return types;
}

absl::StatusOr<TaskPlan> BuildInitBasePlan(const v1alpha1::SeiNode& node,
                                           const PlanContext& context,
                                           std::vector<std::string>* override_notes) {
  absl::StatusOr<ConfigIntent> intent = InitConfigIntent(node, override_notes);
  if (!intent.ok()) return intent.status();
  absl::StatusOr<Progression> sidecar =
      SidecarProgression(node.spec(), ProgressionStage::kBase);
  if (!sidecar.ok()) return sidecar.status();

  const auto gates = GateTypes(node.spec());
  PlanAssembler plan(node, static_cast<int>(4 + gates.size() + sidecar->size()));
  absl::Status status = plan.Add({tt::kEnsureDataPvc});
  if (status.ok()) status = plan.Add(gates);
  if (status.ok()) {
    status = plan.Add({tt::kApplyRbacProxyConfig, tt::kApplyStatefulSet, tt::kApplyService});
  }
  if (status.ok()) {
    status = plan.Add(*sidecar, {&node, SnapshotSourceOf(node.spec()), &*intent});
  }
  if (!status.ok()) return status;
  return plan.Finish(context, v1alpha1::NODE_PHASE_RUNNING, v1alpha1::NODE_PHASE_FAILED);
}

absl::StatusOr<TaskPlan> BuildGenesisCeremonyPlan(const v1alpha1::SeiNode& node,
                                                  const PlanContext& context,
                                                  std::vector<std::string>* override_notes) {
  absl::StatusOr<ConfigIntent> intent = InitConfigIntent(node, override_notes);
  if (!intent.ok()) return intent.status();
  // A fixed list (§8.2): identities and gentxs first, then configure-genesis
  // waits (budget 180) for the group to publish the assembled genesis.json.
  constexpr absl::string_view kTypes[] = {
      tt::kEnsureDataPvc,          tt::kApplyRbacProxyConfig, tt::kApplyStatefulSet,
      tt::kApplyService,           tt::kGenerateIdentity,     tt::kGenerateGentx,
      tt::kUploadGenesisArtifacts, tt::kConfigureGenesis,     tt::kConfigApply,
      tt::kSetGenesisPeers,        tt::kConfigValidate,       tt::kMarkReady,
  };
  PlanAssembler plan(node, static_cast<int>(std::size(kTypes)));
  absl::Status status = plan.Add(kTypes, {&node, nullptr, &*intent});
  if (!status.ok()) return status;
  return plan.Finish(context, v1alpha1::NODE_PHASE_RUNNING, v1alpha1::NODE_PHASE_FAILED);
}

absl::StatusOr<TaskPlan> BuildBootstrapPlan(const v1alpha1::SeiNode& node,
                                            const PlanContext& context,
                                            std::vector<std::string>* override_notes) {
  absl::StatusOr<ConfigIntent> intent = InitConfigIntent(node, override_notes);
  if (!intent.ok()) return intent.status();
  absl::StatusOr<Progression> bootstrap_pod =
      SidecarProgression(node.spec(), ProgressionStage::kBootstrapPod);
  if (!bootstrap_pod.ok()) return bootstrap_pod.status();
  absl::StatusOr<Progression> production =
      SidecarProgression(node.spec(), ProgressionStage::kAfterBootstrap);
  if (!production.ok()) return production.status();

  const auto gates = GateTypes(node.spec());
  PlanAssembler plan(node, static_cast<int>(8 + gates.size() + bootstrap_pod->size() +
                                            production->size()));
  // Phase 0; the gates come after apply-rbac-proxy-config here (§8.3).
  absl::Status status = plan.Add({tt::kEnsureDataPvc, tt::kApplyRbacProxyConfig});
  if (status.ok()) status = plan.Add(gates);
  // Phase 1-2: the bootstrap Job's sidecar restores and syncs the snapshot.
  if (status.ok()) status = plan.Add({tt::kDeployBootstrapService, tt::kDeployBootstrapJob});
  if (status.ok()) {
    status = plan.Add(*bootstrap_pod, {&node, SnapshotSourceOf(node.spec()), &*intent});
  }
  // Phase 3-4: hand the volume over to the StatefulSet.
  if (status.ok()) {
    status = plan.Add({tt::kAwaitBootstrapComplete, tt::kTeardownBootstrap,
                       tt::kApplyStatefulSet, tt::kApplyService});
  }
  // Phase 5: the production pod, built with no snapshot source.
  if (status.ok()) status = plan.Add(*production, {&node, nullptr, &*intent});
  if (!status.ok()) return status;
  return plan.Finish(context, v1alpha1::NODE_PHASE_RUNNING, v1alpha1::NODE_PHASE_FAILED);
}

absl::StatusOr<TaskPlan> BuildNodeUpdatePlan(const v1alpha1::SeiNode& node,
                                             const PlanContext& context) {
  const auto gates = GateTypes(node.spec());
  PlanAssembler plan(node, static_cast<int>(gates.size() + 7));
  absl::Status status = plan.Add(gates);
  // Update plans never re-apply the config intent; config-patch only updates
  // the controller-owned external address on the still-running old pod.
  if (status.ok()) {
    status = plan.Add({tt::kApplyStatefulSet, tt::kApplyService, tt::kConfigPatch,
                       tt::kConfigValidate, tt::kReplacePod, tt::kObserveImage, tt::kMarkReady});
  }
  if (!status.ok()) return status;
  // No failedPhase: a failed update leaves the node Running and is rebuilt.
  return plan.Finish(context, v1alpha1::NODE_PHASE_RUNNING, v1alpha1::NODE_PHASE_UNSPECIFIED);
}

absl::StatusOr<TaskPlan> BuildMarkReadyPlan(const v1alpha1::SeiNode& node,
                                            const PlanContext& context) {
  PlanAssembler plan(node, 1);
  absl::Status status = plan.Add({tt::kMarkReady});
  if (!status.ok()) return status;
  return plan.Finish(context, v1alpha1::NODE_PHASE_RUNNING, v1alpha1::NODE_PHASE_UNSPECIFIED);
}

absl::StatusOr<PlanBuild> BuildInitPlan(const v1alpha1::SeiNode& node,
                                        const PlanContext& context) {
  PlanBuild build;
  absl::StatusOr<TaskPlan> plan;
  if (IsGenesisCeremony(node.spec())) {
    plan = BuildGenesisCeremonyPlan(node, context, &build.override_notes);
  } else if (NeedsBootstrap(node.spec())) {
    plan = BuildBootstrapPlan(node, context, &build.override_notes);
  } else {
    plan = BuildInitBasePlan(node, context, &build.override_notes);
  }
  if (!plan.ok()) return plan.status();
  build.plan = *std::move(plan);
  return build;
}

absl::StatusOr<PlanBuild> BuildRunningPlan(const v1alpha1::SeiNode& node,
                                           const PlanContext& context) {
  PlanBuild build;
  const ImageDrift drift = DetectImageDrift(node, context.config);
  if (drift.any()) {
    absl::StatusOr<TaskPlan> plan = BuildNodeUpdatePlan(node, context);
    if (!plan.ok()) return plan.status();
    build.plan = *std::move(plan);
    build.update_started_message = DriftMessage(node, context.config, drift);
    return build;
  }
  if (SidecarAwaitsMarkReady(node)) {
    absl::StatusOr<TaskPlan> plan = BuildMarkReadyPlan(node, context);
    if (!plan.ok()) return plan.status();
    build.plan = *std::move(plan);
  }
  return build;
}

absl::StatusOr<PlanBuild> BuildPlanForNode(const v1alpha1::SeiNode& node,
                                           const PlanContext& context) {
  absl::StatusOr<NodeMode> mode = ModeOf(node);
  if (!mode.ok()) return mode.status();
  absl::Status valid = ValidateForPlanning(node);
  if (!valid.ok()) return valid;
  if (node.status().phase() == v1alpha1::NODE_PHASE_RUNNING) {
    return BuildRunningPlan(node, context);
  }
  return BuildInitPlan(node, context);
}

absl::StatusOr<std::optional<TaskPlan>> BuildPlan(const v1alpha1::SeiNode& node,
                                                  const PlanContext& context) {
  absl::StatusOr<PlanBuild> build = BuildPlanForNode(node, context);
  if (!build.ok()) return build.status();
  return std::move(build->plan);
}

}  // namespace sei::planner
