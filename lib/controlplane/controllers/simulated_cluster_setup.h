// Attaches the simulated cluster to a local control plane the way every
// user of it needs it: node pods' readiness and restarts tied to the plane's
// simulated sidecars, and StatefulSet revisions handled as Kubernetes 1.32
// does. The controlplane binary and the operator's end-to-end tests share
// this, so the tests run against exactly the cluster a developer starts.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_SIMULATED_CLUSTER_SETUP_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_SIMULATED_CLUSTER_SETUP_H_

#include "lib/controlplane/http/control_plane.h"

namespace sei::controlplane {

// Adds the StatefulSet controller, kubelet, PVC provisioner and Job
// controller as a background loop of `plane` (before its Start()): a node
// pod is Ready only once its sidecar has run mark-ready, a recreated node
// pod restarts its sidecar on the kept volume, a deleted data volume wipes
// the sidecar's state, and currentRevision is never promoted under OnDelete.
void AttachSimulatedCluster(ControlPlane& plane);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_SIMULATED_CLUSTER_SETUP_H_
