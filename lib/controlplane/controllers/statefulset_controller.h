// The simulated StatefulSet controller (kube-controller-manager's
// statefulset controller, reduced to what a single simulated node needs):
// stable pod identities `<set>-<ordinal>`, revisions, the OnDelete and
// RollingUpdate strategies, scaling and status.
//
// One Step() is one reconcile pass over every StatefulSet:
//   1. ControllerRevisions: `<set>-<hash>` of the pod template (the update
//      revision) exists, owned by the set; the oldest unused ones beyond
//      spec.revisionHistoryLimit (default 10) are deleted.
//   2. Pods: ordinals [start, start + spec.replicas) (spec.ordinals.start,
//      default 0; replicas default 1) are created from the template, with
//      the template's labels plus `controller-revision-hash: <revision>`,
//      `statefulset.kubernetes.io/pod-name`, `apps.kubernetes.io/pod-index`,
//      a controller owner reference (blockOwnerDeletion), spec.hostname =
//      pod name and spec.subdomain = spec.serviceName; PVCs of
//      spec.volumeClaimTemplates (`<claim>-<pod>`) are created first and
//      mounted. A pod is never created while any object of its name exists
//      — the old pod must be gone, terminating included — which is what
//      keeps a single-replica set with a ReadWriteOnce volume from running
//      two copies. podManagementPolicy OrderedReady (default) creates one
//      pod at a time, each after its predecessors are Running and Ready,
//      and scales down from the highest ordinal, one at a time; Parallel
//      does both at once. Finished (Succeeded/Failed) pods are deleted and
//      recreated. Matching orphans named `<set>-<ordinal>` are adopted.
//   3. Update strategy: OnDelete never deletes a pod for an update; a pod
//      recreated after someone deleted it gets the update revision.
//      RollingUpdate (the default) deletes, when every pod is Running and
//      Ready, the highest-ordinal pod (>= partition) not at the update
//      revision; pods below the partition are recreated at the current
//      revision.
//   4. Status, through the /status subresource: observedGeneration,
//      replicas, readyReplicas, currentReplicas, updatedReplicas,
//      availableReplicas (minReadySeconds honoured), currentRevision,
//      updateRevision, collisionCount; zero counts omitted like the real
//      API (omitempty). currentRevision becomes updateRevision when every
//      pod runs it and is Ready (see promote_on_delete_revision for
//      OnDelete).
// Deleting a StatefulSet is left to the store's garbage collector.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_STATEFULSET_CONTROLLER_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_STATEFULSET_CONTROLLER_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/controllers/cluster_types.h"
#include "lib/controlplane/controllers/pod_hooks.h"
#include "lib/controlplane/controllers/step_errors.h"

namespace sei::controlplane {

struct StatefulSetControllerOptions {
  // Time source (minReadySeconds); nullptr = RealClock(). Must outlive the
  // controller.
  const Clock* clock = nullptr;
  // Called with each pod right before it is created. Done here rather than
  // when the kubelet first sees the pod so that nobody can observe the new
  // pod (status.updatedReplicas) before the hook ran.
  PodHook on_new_pod;
  // With updateStrategy OnDelete, set status.currentRevision to
  // updateRevision once every pod runs it and is ready (the RollingUpdate
  // rule). Kubernetes 1.32 never does (kubernetes/kubernetes#73492; changed
  // upstream in 2026 by #136833): false reproduces 1.32 exactly.
  bool promote_on_delete_revision = true;
  // Maintain ControllerRevision objects as the real controller does.
  // Without them a RollingUpdate partition recreates low ordinals from the
  // current template (the previous revision's template is unknown).
  bool controller_revisions = true;
  // managedFields manager of every write.
  std::string field_manager = "kube-controller-manager";
};

class StatefulSetController {
 public:
  // `store` and `registry` must outlive the controller.
  StatefulSetController(ObjectStore* store, const ResourceRegistry* registry,
                        StatefulSetControllerOptions options = StatefulSetControllerOptions());

  // One pass over every StatefulSet. Errors (a conflicting concurrent
  // write…) do not stop the pass; the first is returned and the next Step
  // retries. Not thread-safe: one caller at a time.
  absl::Status Step();

 private:
  struct SetContext;  // statefulset_controller.cc

  absl::Status StepUnguarded();
  void Sync(const nlohmann::json& set, StepErrors* errors);
  // ControllerRevisions of the set; returns the templates by revision name.
  nlohmann::json SyncRevisions(SetContext& ctx, StepErrors* errors);
  void CreatePod(SetContext& ctx, int64_t ordinal, const std::string& revision,
                 const nlohmann::json& pod_template, StepErrors* errors);
  void DeletePod(SetContext& ctx, int64_t ordinal, StepErrors* errors);
  void WriteStatus(SetContext& ctx, StepErrors* errors);

  ObjectStore* const store_;
  const ClusterTypes types_;
  const StatefulSetControllerOptions options_;
  const Clock* const clock_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_STATEFULSET_CONTROLLER_H_
