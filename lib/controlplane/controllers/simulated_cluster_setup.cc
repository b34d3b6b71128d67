#include "lib/controlplane/controllers/simulated_cluster_setup.h"

#include <memory>
#include <string>
#include <utility>

#include "lib/controlplane/controllers/simulated_cluster.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"

namespace sei::controlplane {

void AttachSimulatedCluster(ControlPlane& plane) {
  SimulatedClusterOptions options;
  // Kubernetes 1.32 never promotes currentRevision under OnDelete; behave
  // the same, so nothing that works here relies on what a real cluster lacks.
  options.promote_on_delete_revision = false;
  sidecar::SidecarFleet* fleet = plane.sidecars();
  UseSidecars(
      &options,
      [fleet](const std::string& ns, const std::string& node) { return fleet->Ready(ns, node); },
      [fleet](const std::string& ns, const std::string& node) { fleet->Restart(ns, node); },
      [fleet](const std::string& ns, const std::string& node) { fleet->Remove(ns, node); });
  plane.AddBackgroundLoop(
      std::make_unique<SimulatedCluster>(plane.store(), plane.registry(), std::move(options)));
}

}  // namespace sei::controlplane
