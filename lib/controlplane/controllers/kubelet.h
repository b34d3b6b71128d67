// The simulated kubelet of the one simulated node (plus the scheduler's
// part that matters here): it places pods, starts them, reports their
// status and readiness, and marks terminating pods not ready.
//
// One Step() is one pass over every pod:
//   - Placing (the scheduler's VolumeBinding): a pod whose
//     persistentVolumeClaim volumes are missing or not Bound stays Pending
//     with PodScheduled=False, reason Unschedulable. Once placed it stays
//     placed.
//   - Starting: a placed pod is ContainerCreating (phase Pending, container
//     statuses waiting) until its volumes can be mounted — configMap and
//     secret sources exist (unless optional), claims Bound, and a
//     ReadWriteOnce(Pod) claim is not in use by another started pod — and
//     then for `start_delay`; then its containers run (phase Running,
//     podIP 127.x.y.z, startTime, container statuses).
//   - Readiness, re-evaluated every Step: Ready and ContainersReady follow
//     the readiness gate (lastTransitionTime moves on each flip); a
//     terminating pod (deletionTimestamp set) is never Ready.
// Removal after the grace period is the store's (MemoryStore::Tick); pods
// that finished (Succeeded/Failed, set by the Job controller) are left
// alone. Writes go through the /status subresource, field manager kubelet;
// an unchanged status is not written.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_KUBELET_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_KUBELET_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/controllers/cluster_types.h"
#include "lib/controlplane/controllers/pod_hooks.h"
#include "lib/controlplane/controllers/step_errors.h"

namespace sei::controlplane {

struct KubeletOptions {
  // Time source; nullptr = RealClock(). Must outlive the kubelet.
  const Clock* clock = nullptr;
  // From the moment a placed pod's volumes can be mounted until its
  // containers run (image pull and container start). 0 = the same Step.
  absl::Duration start_delay = absl::Milliseconds(200);
  // Whether a running pod passes its readiness probes; empty = always
  // (ready as soon as running). See SidecarReadinessGate for node pods.
  ReadinessGate readiness_gate;
  // Called when the kubelet first sees a pod that no simulated controller
  // created (no StatefulSet/Job controller reference): those controllers
  // call it themselves, before creating the pod.
  PodHook on_new_pod;
  // configMap and secret volumes must name existing objects (unless
  // `optional: true`) before the containers start, as the kubelet's volume
  // manager requires.
  bool require_volume_sources = true;
  // A ReadWriteOnce or ReadWriteOncePod claim is mounted by one started pod
  // at a time; another pod using it stays ContainerCreating until the first
  // is gone or finished. That is a multi-node cluster's behaviour (the
  // volume attaches to one node; "Multi-Attach error"), which the operator
  // relies on; pods sharing one real node could mount an RWO volume
  // together.
  bool exclusive_read_write_once = true;
  // managedFields manager of every write.
  std::string field_manager = "kubelet";
};

class Kubelet {
 public:
  // `store` and `registry` must outlive the kubelet.
  Kubelet(ObjectStore* store, const ResourceRegistry* registry,
          KubeletOptions options = KubeletOptions());

  // One pass over every pod. Errors do not stop the pass; the first is
  // returned and the next Step retries. Not thread-safe: one caller at a time.
  absl::Status Step();

 private:
  // What the kubelet remembers of a pod it has seen (by uid): its times
  // have sub-second precision, unlike the status timestamps.
  struct PodRecord {
    bool placed = false;
    absl::Time accepted;  // placed: status.startTime
    std::optional<absl::Time> mountable_since;
    bool started = false;
    absl::Time started_at;
    std::string pod_ip;
  };

  absl::Status StepUnguarded();
  std::string NextPodIp();

  ObjectStore* const store_;
  const ClusterTypes types_;
  const KubeletOptions options_;
  const Clock* const clock_;
  std::map<std::string, PodRecord> records_;
  uint32_t next_ip_ = 2;  // 127.0.0.1 is the node
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_KUBELET_H_
