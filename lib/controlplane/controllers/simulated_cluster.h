// The simulated cluster of the local control plane (control-plane.md
// "Simulated cluster behaviour"): the PVC provisioner, StatefulSet
// controller, Job controller and kubelet over one object store, run
// together — by a test calling Step(), or as the control plane's
// BackgroundLoop.
//
// Typical wiring in the server, with the sidecar fleet:
//   SimulatedClusterOptions options;
//   UseSidecars(&options,
//               [fleet](const std::string& ns, const std::string& node) {
//                 return fleet->Ready(ns, node); },
//               [fleet](const std::string& ns, const std::string& node) {
//                 fleet->Restart(ns, node); },
//               [fleet](const std::string& ns, const std::string& node) {
//                 fleet->Remove(ns, node); });
//   plane.AddBackgroundLoop(std::make_unique<SimulatedCluster>(
//       plane.store(), plane.registry(), options));
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_SIMULATED_CLUSTER_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_SIMULATED_CLUSTER_H_

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/controllers/job_controller.h"
#include "lib/controlplane/controllers/kubelet.h"
#include "lib/controlplane/controllers/pod_hooks.h"
#include "lib/controlplane/controllers/pvc_provisioner.h"
#include "lib/controlplane/controllers/statefulset_controller.h"
#include "lib/controlplane/controllers/step_loop.h"
#include "lib/controlplane/http/background_loop.h"

namespace sei::controlplane {

struct SimulatedClusterOptions {
  // Time source of every controller; nullptr = RealClock(). Must outlive
  // the cluster. Tests pass the store's FakeClock.
  const Clock* clock = nullptr;

  // Kubelet: from a placed pod's volumes being mountable to its containers
  // running (phase Running).
  absl::Duration pod_start_delay = absl::Milliseconds(200);
  // Kubelet: whether a running pod passes its readiness probes; empty =
  // Ready as soon as it runs. UseSidecars installs SidecarReadinessGate.
  ReadinessGate readiness_gate;
  // Kubelet: configMap/secret volumes must exist before containers start.
  bool require_volume_sources = true;
  // Kubelet: one started pod per ReadWriteOnce claim (multi-node attach
  // semantics; see KubeletOptions).
  bool exclusive_read_write_once = true;

  // Provisioner: from a claim's first sight to Bound.
  absl::Duration pvc_bind_delay = absl::Milliseconds(100);
  // Provisioner: claims of these storage classes stay Pending forever.
  std::set<std::string> unprovisionable_storage_classes;
  // Provisioner: the class of claims that name none.
  std::string default_storage_class = "standard";

  // Job controller: how long a Job's pod runs (annotation
  // sim.sei.io/duration overrides per Job).
  absl::Duration job_run_duration = absl::Seconds(1);
  // Job controller: Jobs for which this is true fail (as do Jobs annotated
  // sim.sei.io/fail: "true").
  std::function<bool(const nlohmann::json& job)> job_fails;

  // StatefulSet controller: OnDelete sets currentRevision = updateRevision
  // once rolled out (Kubernetes 1.32 does not; see
  // StatefulSetControllerOptions).
  bool promote_on_delete_revision = true;
  // StatefulSet controller: maintain ControllerRevision objects.
  bool controller_revisions = true;

  // Once per new pod incarnation, before anyone can see it: by the
  // StatefulSet and Job controllers right before they create a pod, and by
  // the kubelet for pods created by anyone else. UseSidecars installs
  // SidecarRestartHook: a recreated node pod's sidecar starts over (not
  // ready) on its kept volume.
  PodHook on_new_pod;
  // When a claim's volume is deleted. UseSidecars installs
  // SidecarVolumeRemovedHook: the node's sidecar state goes with its volume.
  VolumeHook on_volume_deleted;

  // Background loop: the longest wait between two steps; store changes to
  // pods, claims, volumes, StatefulSets and Jobs wake it sooner.
  absl::Duration resync_interval = absl::Milliseconds(100);
};

// Installs the sidecar adapters of pod_hooks.h into `options`
// (readiness_gate, on_new_pod, on_volume_deleted).
void UseSidecars(SimulatedClusterOptions* options, NodeReadyFn sidecar_ready,
                 NodeActionFn restart_sidecar, NodeActionFn remove_sidecar);

class SimulatedCluster : public BackgroundLoop {
 public:
  // `store` and `registry` must outlive the cluster.
  SimulatedCluster(ObjectStore* store, const ResourceRegistry* registry,
                   SimulatedClusterOptions options = SimulatedClusterOptions());
  ~SimulatedCluster() override;  // Stop()s

  SimulatedCluster(const SimulatedCluster&) = delete;
  SimulatedCluster& operator=(const SimulatedCluster&) = delete;

  // One pass of each controller, in causal order: provisioner (claims
  // bind), StatefulSet controller (pods created), Job controller, kubelet
  // (pods placed, started, readiness). Returns the first error; every
  // controller runs regardless. Thread-safe (passes are serialised), so a
  // test may call it while the loop runs.
  absl::Status Step();

  // BackgroundLoop: "simulated-cluster"; Step() on a thread.
  std::string Name() const override { return "simulated-cluster"; }
  void Start() override;
  void Stop() override;

 private:
  absl::Mutex step_mu_;
  PvcProvisioner provisioner_ ABSL_GUARDED_BY(step_mu_);
  StatefulSetController stateful_sets_ ABSL_GUARDED_BY(step_mu_);
  JobController jobs_ ABSL_GUARDED_BY(step_mu_);
  Kubelet kubelet_ ABSL_GUARDED_BY(step_mu_);
  std::unique_ptr<StepLoop> loop_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_SIMULATED_CLUSTER_H_
