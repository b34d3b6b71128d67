#include "lib/controller/nodetask/nodetask_reconciler.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controller/common/object_codec.h"
#include "lib/controller/common/status_flush.h"
#include "lib/controller/nodetask/nodetask_action_performer.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/planner/nodetask/reconcile.h"
#include "lib/planner/nodetask/status_transitions.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::controller {
namespace {

namespace nt = planner::nodetask;

// Bounds one reconcile: the machine submits at most once and polls once per
// drive step, so a handful of actions is all a healthy reconcile needs.
constexpr int kMaxActionsPerReconcile = 16;

}  // namespace

NodeTaskReconciler::NodeTaskReconciler(NodeTaskReconcilerDeps deps) : deps_(std::move(deps)) {}

ReconcileResult NodeTaskReconciler::Reconcile(absl::string_view ns, absl::string_view name) {
  ReconcileResult result = ReconcileOnce(ns, name);
  if (!result.error.ok()) deps_.reporter->ReconcileError(ns, name, result.error);
  return result;
}

ReconcileResult NodeTaskReconciler::ReconcileOnce(absl::string_view ns, absl::string_view name) {
  const absl::Time now = absl::FromUnixSeconds(absl::ToUnixSeconds(deps_.clock()));
  absl::StatusOr<k8s::Object> read = deps_.kube->Get(k8s::resources::kSeiNodeTask, ns, name);
  if (!read.ok()) {
    if (k8s::IsApiNotFound(read.status())) return ReconcileResult::Done();
    return ReconcileResult::Error(read.status());
  }
  const k8s::Object snapshot = *std::move(read);
  v1alpha1::SeiNodeTask task;
  if (absl::Status s = DecodeObject(snapshot, &task); !s.ok()) {
    v1alpha1::SeiNodeTask named;
    named.mutable_metadata()->set_namespace_(std::string(ns));
    named.mutable_metadata()->set_name(std::string(name));
    deps_.reporter->Log(LogLevel::kError, named,
                        absl::StrCat("cannot decode SeiNodeTask: ", s.message()));
    return ReconcileResult::Done();
  }
  if (task.status().phase() != v1alpha1::NODE_TASK_PHASE_UNSPECIFIED) {
    deps_.reporter->PhaseObserved(task);
  }
  // Terminal tasks are never written again (§11.1 step 2): no target read.
  if (nt::IsTerminal(task)) return ReconcileResult::Done();
  const v1alpha1::NodeTaskPhase starting_phase = task.status().phase();

  // The target, read uncached: a NotFound here is a confirmed absence (D3).
  const std::string target_name = task.spec().target().node_ref().name();
  v1alpha1::SeiNode target;
  nt::TargetLookup lookup = nt::TargetLookup::Error("target not read");
  absl::StatusOr<k8s::Object> target_object =
      deps_.kube->Get(k8s::resources::kSeiNode, ns, target_name);
  if (target_object.ok()) {
    if (absl::Status s = DecodeObject(*target_object, &target); s.ok()) {
      lookup = nt::TargetLookup::Found(target);
    } else {
      lookup = nt::TargetLookup::Error(absl::StrCat("decoding the target: ", s.message()));
    }
  } else if (k8s::IsApiNotFound(target_object.status())) {
    lookup = nt::TargetLookup::NotFound();
  } else {
    lookup = nt::TargetLookup::Error(std::string(target_object.status().message()));
  }

  NodeTaskActionPerformer performer(
      NodeTaskPerformerDeps{deps_.kube, deps_.sidecars, deps_.platform, now}, std::string(ns),
      target_name);
  nt::Step step = nt::Begin(&task, lookup, now);
  for (int performed = 0; step.kind == nt::Step::Kind::kPerform; ++performed) {
    if (performed == kMaxActionsPerReconcile) {
      deps_.reporter->Log(LogLevel::kError, task,
                          "the task state machine asked for too many actions; stopping");
      step = nt::Step();
      step.requeue_after = nt::kTransientRetryRequeue;
      break;
    }
    nt::Observation observation = performer.Perform(step.action);
    deps_.reporter->Log(
        LogLevel::kDebug, task,
        absl::StrCat(nt::ActionKindName(step.action.kind), " ", step.action.request.type, " -> ",
                     nt::ObservationKindName(observation.kind),
                     observation.message.empty() ? "" : ": ", observation.message));
    step = nt::Observe(&task, step.action, observation, now);
  }
  if (!step.note.empty()) deps_.reporter->Log(LogLevel::kInfo, task, step.note);

  absl::StatusOr<FlushResult> flushed =
      FlushStatus(*deps_.kube, k8s::resources::kSeiNodeTask, snapshot, task);
  if (!flushed.ok()) {
    // Events describe a state that was not persisted; the retry from a fresh
    // read will decide (and report) again.
    return ReconcileResult::Error(flushed.status());
  }
  for (const nt::Event& event : step.events) deps_.reporter->Event(task, event);
  if (task.status().phase() != starting_phase) {
    deps_.reporter->PhaseChanged(task, starting_phase, task.status().phase());
  }
  ReconcileResult result = ReconcileResult::Done();
  result.requeue_after = step.requeue_after;
  return result;
}

}  // namespace sei::controller
