#include "lib/controlplane/controllers/simulated_cluster.h"

#include <utility>

#include "lib/controlplane/controllers/cluster_types.h"
#include "lib/controlplane/controllers/step_errors.h"

namespace sei::controlplane {
namespace {

PvcProvisionerOptions ProvisionerOptions(const SimulatedClusterOptions& o) {
  PvcProvisionerOptions options;
  options.clock = o.clock;
  options.bind_delay = o.pvc_bind_delay;
  options.unprovisionable_classes = o.unprovisionable_storage_classes;
  options.default_storage_class = o.default_storage_class;
  options.on_volume_deleted = o.on_volume_deleted;
  return options;
}

StatefulSetControllerOptions StatefulSetOptions(const SimulatedClusterOptions& o) {
  StatefulSetControllerOptions options;
  options.clock = o.clock;
  options.on_new_pod = o.on_new_pod;
  options.promote_on_delete_revision = o.promote_on_delete_revision;
  options.controller_revisions = o.controller_revisions;
  return options;
}

JobControllerOptions JobOptions(const SimulatedClusterOptions& o) {
  JobControllerOptions options;
  options.clock = o.clock;
  options.default_run_duration = o.job_run_duration;
  options.fails = o.job_fails;
  options.on_new_pod = o.on_new_pod;
  return options;
}

KubeletOptions KubeletOptionsOf(const SimulatedClusterOptions& o) {
  KubeletOptions options;
  options.clock = o.clock;
  options.start_delay = o.pod_start_delay;
  options.readiness_gate = o.readiness_gate;
  options.on_new_pod = o.on_new_pod;
  options.require_volume_sources = o.require_volume_sources;
  options.exclusive_read_write_once = o.exclusive_read_write_once;
  return options;
}

}  // namespace

void UseSidecars(SimulatedClusterOptions* options, NodeReadyFn sidecar_ready,
                 NodeActionFn restart_sidecar, NodeActionFn remove_sidecar) {
  options->readiness_gate = SidecarReadinessGate(std::move(sidecar_ready));
  options->on_new_pod = SidecarRestartHook(std::move(restart_sidecar));
  options->on_volume_deleted = SidecarVolumeRemovedHook(std::move(remove_sidecar));
}

SimulatedCluster::SimulatedCluster(ObjectStore* store, const ResourceRegistry* registry,
                                   SimulatedClusterOptions options)
    : provisioner_(store, registry, ProvisionerOptions(options)),
      stateful_sets_(store, registry, StatefulSetOptions(options)),
      jobs_(store, registry, JobOptions(options)),
      kubelet_(store, registry, KubeletOptionsOf(options)) {
  const ClusterTypes types = ClusterTypes::Resolve(*registry);
  StepLoopOptions loop;
  loop.name = "simulated-cluster";
  loop.interval = options.resync_interval;
  loop.watched = {types.pods, types.persistent_volume_claims, types.persistent_volumes,
                  types.stateful_sets, types.jobs};
  loop_ = std::make_unique<StepLoop>(store, std::move(loop), [this] { return Step(); });
}

SimulatedCluster::~SimulatedCluster() { Stop(); }

absl::Status SimulatedCluster::Step() {
  absl::MutexLock lock(&step_mu_);
  StepErrors errors;
  errors.Add(provisioner_.Step());
  errors.Add(stateful_sets_.Step());
  errors.Add(jobs_.Step());
  errors.Add(kubelet_.Step());
  return errors.status();
}

void SimulatedCluster::Start() { loop_->Start(); }

void SimulatedCluster::Stop() { loop_->Stop(); }

}  // namespace sei::controlplane
