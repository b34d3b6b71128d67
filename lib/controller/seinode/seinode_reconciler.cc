#include "lib/controller/seinode/seinode_reconciler.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controller/common/object_codec.h"
#include "lib/controller/common/status_flush.h"
#include "lib/controller/seinode/peer_resolver.h"
#include "lib/controller/seinode/plan_action_performer.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/conditions.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/core/wire_names.h"
#include "lib/planner/executor/executor_env.h"
#include "lib/planner/executor/simulated_pass.h"
#include "lib/planner/plan/resolve_plan.h"
#include "lib/planner/plan/sidecar_health.h"
#include "lib/tasks/controller/statefulset_sync.h"
#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/render/names.h"

namespace sei::controller {
namespace {

using v1alpha1::NodePhase;

constexpr absl::Duration kPersistOnlyRequeue = absl::Milliseconds(1);
// A Running node whose sidecar could not be reached is probed again this
// soon: its pod may be restarting, and nothing else may wake the node before
// the long safety resync (a replaced pod's Ready condition never flips until
// mark-ready is re-issued).
constexpr absl::Duration kUnreachableReprobe = absl::Seconds(10);

bool PlanActive(const v1alpha1::SeiNode& node) {
  return node.status().has_plan() && node.status().plan().phase() == v1alpha1::PLAN_PHASE_ACTIVE;
}

// The Paused condition, set on every non-deleting reconcile (§13.5).
void SetPausedCondition(v1alpha1::SeiNode* node, absl::Time now) {
  const bool paused = node->spec().paused();
  planner::SetCondition(
      node->mutable_status()->mutable_conditions(),
      paused ? planner::ConditionUpdate{"Paused", planner::kConditionTrue, "Paused",
                                        "spec.paused is true; reconciliation is frozen"}
             : planner::ConditionUpdate{"Paused", planner::kConditionFalse, "NotPaused",
                                        "spec.paused is unset or false"},
      node->metadata().generation(), now);
}

// What the SidecarReady condition looked like, for the readiness events.
struct ReadinessBefore {
  bool present = false;
  std::string status;
};

ReadinessBefore CaptureReadiness(const v1alpha1::SeiNode& node) {
  const v1alpha1::Condition* c =
      planner::FindCondition(node.status().conditions(), planner::sidecar_ready::kType);
  if (c == nullptr) return {};
  return {true, c->status()};
}

planner::SidecarHealth Probe(sidecar::SidecarClientFactory& sidecars,
                             const v1alpha1::SeiNode& node) {
  absl::StatusOr<std::unique_ptr<sidecar::SidecarClient>> client =
      sidecars.ForNode(node.metadata().namespace_(), node.metadata().name());
  if (!client.ok())
    return planner::SidecarHealth::Unreachable(std::string(client.status().message()));
  absl::StatusOr<sidecar::Health> health = (*client)->Healthz();
  if (!health.ok())
    return planner::SidecarHealth::Unreachable(std::string(health.status().message()));
  return *health == sidecar::Health::kReady ? planner::SidecarHealth::Ready()
                                            : planner::SidecarHealth::NotReady();
}

absl::Status Annotate(const absl::Status& status, absl::string_view what) {
  if (status.ok()) return status;
  // Keep the code and payloads (IsApiConflict & co. must still work).
  absl::Status out(status.code(), absl::StrCat(what, ": ", status.message()));
  status.ForEachPayload(
      [&out](absl::string_view url, const absl::Cord& payload) { out.SetPayload(url, payload); });
  return out;
}

std::vector<std::string> Finalizers(const k8s::Object& object) {
  std::vector<std::string> out;
  const k8s::Object& meta = object["metadata"];
  if (meta.contains("finalizers") && meta["finalizers"].is_array()) {
    for (const k8s::Object& f : meta["finalizers"]) {
      if (f.is_string()) out.push_back(f.get<std::string>());
    }
  }
  return out;
}

// A metadata merge patch guarded by the resourceVersion it was computed from.
k8s::Object FinalizersPatch(const k8s::Object& object, const std::vector<std::string>& finalizers) {
  return {{"metadata",
           {{"resourceVersion", object["metadata"].value("resourceVersion", "")},
            {"finalizers", finalizers}}}};
}

}  // namespace

SeiNodeReconciler::SeiNodeReconciler(SeiNodeReconcilerDeps deps, SeiNodeReconcilerOptions options)
    : deps_(std::move(deps)), options_(options) {}

absl::StatusOr<k8s::Object> SeiNodeReconciler::EnsureFinalizer(const k8s::Object& object) {
  std::vector<std::string> finalizers = Finalizers(object);
  if (std::find(finalizers.begin(), finalizers.end(), kSeiNodeFinalizer) != finalizers.end()) {
    return object;
  }
  finalizers.emplace_back(kSeiNodeFinalizer);
  const k8s::Object& meta = object["metadata"];
  return deps_.kube->Patch(k8s::resources::kSeiNode, meta.value("namespace", ""),
                           meta.value("name", ""), k8s::PatchType::kMerge,
                           FinalizersPatch(object, finalizers), k8s::PatchOptions());
}

absl::Status SeiNodeReconciler::RemoveFinalizer(const k8s::Object& object) {
  std::vector<std::string> finalizers = Finalizers(object);
  finalizers.erase(std::remove(finalizers.begin(), finalizers.end(), kSeiNodeFinalizer),
                   finalizers.end());
  const k8s::Object& meta = object["metadata"];
  return deps_.kube
      ->Patch(k8s::resources::kSeiNode, meta.value("namespace", ""), meta.value("name", ""),
              k8s::PatchType::kMerge, FinalizersPatch(object, finalizers), k8s::PatchOptions())
      .status();
}

ReconcileResult SeiNodeReconciler::ReconcileDeletion(k8s::Object object, v1alpha1::SeiNode node) {
  const std::vector<std::string> finalizers = Finalizers(object);
  if (std::find(finalizers.begin(), finalizers.end(), kSeiNodeFinalizer) == finalizers.end()) {
    return ReconcileResult::Done();  // §14 step 1: not ours to clean up
  }
  const std::string& ns = node.metadata().namespace_();
  const std::string& name = node.metadata().name();
  // Step 2: Terminating, in its own optimistic-lock status patch.
  if (node.status().phase() != v1alpha1::NODE_PHASE_TERMINATING) {
    v1alpha1::SeiNode terminating = node;
    terminating.mutable_status()->set_phase(v1alpha1::NODE_PHASE_TERMINATING);
    planner::StampTime(deps_.clock(),
                       terminating.mutable_status()->mutable_phase_transition_time());
    absl::StatusOr<FlushResult> flushed =
        FlushStatus(*deps_.kube, k8s::resources::kSeiNode, object, terminating);
    if (!flushed.ok())
      return ReconcileResult::Error(Annotate(flushed.status(), "marking Terminating"));
    absl::StatusOr<k8s::Object> reread = deps_.kube->Get(k8s::resources::kSeiNode, ns, name);
    if (!reread.ok()) {
      if (k8s::IsApiNotFound(reread.status())) return ReconcileResult::Done();
      return ReconcileResult::Error(reread.status());
    }
    object = *std::move(reread);
  }
  // Step 3: the data PVC, unless it was imported (never ours to delete).
  if (node.spec().has_data_volume() && node.spec().data_volume().has_import_volume() &&
      !node.spec().data_volume().import_volume().pvc_name().empty()) {
    deps_.reporter->Log(LogLevel::kInfo, node,
                        absl::StrCat("keeping imported data PVC \"",
                                     node.spec().data_volume().import_volume().pvc_name(), "\""));
  } else {
    const std::string pvc = tasks::render::DataPvcName(node);
    absl::Status deleted =
        deps_.kube->Delete(k8s::resources::kPersistentVolumeClaim, ns, pvc, k8s::DeleteOptions());
    if (!deleted.ok() && !k8s::IsApiNotFound(deleted)) {
      return ReconcileResult::Error(Annotate(deleted, absl::StrCat("deleting data PVC ", pvc)));
    }
    deps_.reporter->Log(LogLevel::kInfo, node, absl::StrCat("deleted data PVC \"", pvc, "\""));
  }
  // Steps 4-5.
  retry_holds_.Forget(node.metadata().uid());
  deps_.reporter->NodeDeleted(ns, name);
  if (absl::Status s = RemoveFinalizer(object); !s.ok() && !k8s::IsApiNotFound(s)) {
    return ReconcileResult::Error(Annotate(s, "removing the finalizer"));
  }
  deps_.reporter->Log(LogLevel::kInfo, node, "finalizer removed; deletion complete");
  return ReconcileResult::Done();
}

ReconcileResult SeiNodeReconciler::Reconcile(absl::string_view ns, absl::string_view name) {
  ReconcileResult result = ReconcileOnce(ns, name);
  if (!result.error.ok()) deps_.reporter->ReconcileError(ns, name, result.error);
  return result;
}

ReconcileResult SeiNodeReconciler::ReconcileOnce(absl::string_view ns, absl::string_view name) {
  // Whole seconds, as the API stores time: decisions made now and after a
  // status round trip must agree.
  const absl::Time now = absl::FromUnixSeconds(absl::ToUnixSeconds(deps_.clock()));
  // Step 1.
  absl::StatusOr<k8s::Object> read = deps_.kube->Get(k8s::resources::kSeiNode, ns, name);
  if (!read.ok()) {
    if (k8s::IsApiNotFound(read.status())) return ReconcileResult::Done();
    return ReconcileResult::Error(Annotate(read.status(), "reading the SeiNode"));
  }
  k8s::Object object = *std::move(read);
  v1alpha1::SeiNode node;
  if (absl::Status s = DecodeObject(object, &node); !s.ok()) {
    // The server accepted it, so only a schema we do not know can cause
    // this; retrying will not help until the object changes (a watch event).
    v1alpha1::SeiNode named;
    named.mutable_metadata()->set_namespace_(std::string(ns));
    named.mutable_metadata()->set_name(std::string(name));
    deps_.reporter->Log(LogLevel::kError, named,
                        absl::StrCat("cannot decode SeiNode: ", s.message()));
    return ReconcileResult::Done();
  }
  // Step 2.
  if (node.status().phase() != v1alpha1::NODE_PHASE_UNSPECIFIED)
    deps_.reporter->PhaseObserved(node);
  // Step 3.
  if (node.metadata().has_deletion_timestamp()) return ReconcileDeletion(std::move(object), node);
  // Step 4: before the snapshot, because it changes resourceVersion.
  absl::StatusOr<k8s::Object> with_finalizer = EnsureFinalizer(object);
  if (!with_finalizer.ok()) {
    return ReconcileResult::Error(Annotate(with_finalizer.status(), "adding the finalizer"));
  }
  object = *std::move(with_finalizer);
  // Step 5: the snapshot is `object` itself (the patch base).
  const NodePhase observed_phase = node.status().phase();
  const std::optional<absl::Time> previous_transition =
      node.status().has_phase_transition_time()
          ? std::optional<absl::Time>(planner::FromTimestamp(node.status().phase_transition_time()))
          : std::nullopt;  // captured before any mutation (D5)
  const ReadinessBefore readiness_before = CaptureReadiness(node);
  // Step 6.
  SetPausedCondition(&node, now);

  auto flush = [&]() -> absl::Status {
    absl::StatusOr<FlushResult> flushed =
        FlushStatus(*deps_.kube, k8s::resources::kSeiNode, object, node);
    return flushed.ok() ? absl::OkStatus() : Annotate(flushed.status(), "writing status");
  };
  auto report_phase_change = [&]() {
    if (node.status().phase() == observed_phase) return;
    std::optional<absl::Duration> in_previous;
    if (observed_phase != v1alpha1::NODE_PHASE_UNSPECIFIED && previous_transition.has_value()) {
      in_previous = now - *previous_transition;
    }
    deps_.reporter->PhaseChanged(node, observed_phase, node.status().phase(), in_previous);
  };

  // Step 7.
  if (node.status().phase() == v1alpha1::NODE_PHASE_FAILED) {
    if (absl::Status s = flush(); !s.ok()) return ReconcileResult::Error(s);
    deps_.reporter->NodeFailed(node);
    deps_.reporter->PlanActivity(node, false);
    return ReconcileResult::Done();
  }
  // Step 8: the StatefulSet the node tracks (D6: nothing until tracked).
  tasks::TaskContext task_ctx{deps_.kube, &node, deps_.platform, now};
  if (absl::Status s = tasks::SyncTrackedStatefulSet(task_ctx); !s.ok()) {
    return ReconcileResult::Error(Annotate(s, "syncing the StatefulSet"));
  }
  // Step 9.
  if (node.spec().paused()) {
    if (absl::Status s = flush(); !s.ok()) return ReconcileResult::Error(s);
    report_phase_change();
    return ReconcileResult::Done();
  }
  // Step 10.
  absl::StatusOr<PeerResolution> peers = ResolveLabelPeers(*deps_.kube, *deps_.sidecars, &node);
  if (!peers.ok()) return ReconcileResult::Error(peers.status());
  for (const std::string& note : peers->notes) deps_.reporter->Log(LogLevel::kWarn, node, note);
  // Step 11.
  const bool plan_already_active = PlanActive(node);
  // Step 12, with the probe of §13.4 for Running nodes.
  planner::ResolveInputs inputs;
  inputs.now = now;
  inputs.new_plan_id = deps_.new_plan_id;
  inputs.config.default_sidecar_image = deps_.platform->sidecar_image;
  if (node.status().phase() == v1alpha1::NODE_PHASE_RUNNING) {
    inputs.sidecar_health = Probe(*deps_.sidecars, node);
  }
  std::optional<planner::FinishedPlan> finished_on_error;
  absl::StatusOr<planner::ResolveOutcome> outcome =
      planner::ResolvePlan(&node, inputs, &finished_on_error);
  if (!outcome.ok()) {
    // D14: say so on the object, keep this reconcile's probe/peer updates.
    deps_.reporter->PlanBuildFailed(node, outcome.status());
    if (finished_on_error.has_value()) deps_.reporter->PlanFinished(node, *finished_on_error);
    if (absl::Status s = flush(); !s.ok()) return ReconcileResult::Error(s);
    report_phase_change();
    return ReconcileResult::Error(outcome.status());
  }
  if (outcome->probe_outcome.has_value())
    deps_.reporter->SidecarProbed(node, *outcome->probe_outcome);
  if (outcome->finished.has_value()) deps_.reporter->PlanFinished(node, *outcome->finished);
  for (const std::string& note : outcome->override_notes) {
    deps_.reporter->Log(LogLevel::kWarn, node, note);
  }
  // Step 13.
  const ReadinessBefore readiness_after = CaptureReadiness(node);
  if (readiness_after.status == planner::kConditionFalse && planner::SidecarAwaitsMarkReady(node) &&
      (!readiness_before.present || readiness_before.status != planner::kConditionFalse)) {
    deps_.reporter->SidecarReadinessLost(node);
  } else if (readiness_after.status == planner::kConditionTrue && readiness_before.present &&
             readiness_before.status == planner::kConditionFalse) {
    deps_.reporter->SidecarReadinessRestored(node);
  }
  // Step 14.
  ReconcileResult result = ReconcileResult::Done();
  if (node.status().has_plan() && !plan_already_active) {
    deps_.reporter->Log(LogLevel::kInfo, node,
                        absl::StrCat("built plan ", node.status().plan().id(), " with ",
                                     node.status().plan().tasks_size(), " tasks"));
    result = ReconcileResult::After(kPersistOnlyRequeue);
  } else if (std::optional<absl::Duration> wait =
                 retry_holds_.Remaining(node.metadata().uid(), node.status().plan(), now)) {
    // Woken by a watch event while the current task waits out its retry
    // backoff: everything above ran, the attempt itself waits (retry_holds.h).
    deps_.reporter->Log(LogLevel::kDebug, node,
                        absl::StrCat("plan ", node.status().plan().id(),
                                     ": retry backoff holds for another ",
                                     absl::FormatDuration(*wait)));
    result = ReconcileResult::After(*wait);
  } else if (PlanActive(node)) {
    planner::ExecutorEnv env;
    env.now = now;
    env.config = inputs.config;
    PlanActionPerformer performer(PerformerDeps{deps_.kube, deps_.sidecars, deps_.platform, now},
                                  &node);
    planner::PassResult pass = planner::RunPass(
        &node, env, [&performer](const planner::Action& a, const v1alpha1::PlannedTask* t) {
          return performer.Perform(a, t);
        });
    for (const std::string& line : performer.log())
      deps_.reporter->Log(LogLevel::kDebug, node, line);
    deps_.reporter->Log(
        LogLevel::kInfo, node,
        absl::StrCat("plan ", node.status().plan().id(), ": ", pass.final_step.note));
    if (pass.final_step.kind == planner::Step::Kind::kRequeue) {
      result = ReconcileResult::After(pass.final_step.requeue_after);
    }
    retry_holds_.AfterPass(node.metadata().uid(), node.status().plan(),
                           result.requeue_after.value_or(absl::ZeroDuration()), now);
  }
  // Step 15.
  if (absl::Status s = flush(); !s.ok()) return ReconcileResult::Error(s);
  deps_.reporter->PlanActivity(node, PlanActive(node));
  // Step 16.
  report_phase_change();
  // Step 17 (D8): no periodic requeue of a settled Running node beyond the
  // long safety resync; watches wake it.
  if (node.status().phase() == v1alpha1::NODE_PHASE_RUNNING && !PlanActive(node) &&
      !result.requeue_after.has_value()) {
    if (outcome->probe_outcome == std::optional<std::string>("unreachable")) {
      result = ReconcileResult::After(kUnreachableReprobe);
    } else if (options_.steady_state_resync > absl::ZeroDuration()) {
      result = ReconcileResult::After(options_.steady_state_resync);
    }
  }
  return result;
}

}  // namespace sei::controller
