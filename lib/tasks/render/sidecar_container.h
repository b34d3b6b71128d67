// The `sei-sidecar` container (tasks.md §5.4): seictl, which writes seid's
// configuration and runs the plan's sidecar tasks. A native sidecar (init
// container with restartPolicy Always) so it is up before seid starts and
// keeps running beside it.
#ifndef SEI_LIB_TASKS_RENDER_SIDECAR_CONTAINER_H_
#define SEI_LIB_TASKS_RENDER_SIDECAR_CONTAINER_H_

#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/platform_config.h"
#include "lib/tasks/render/pod_flavor.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

inline constexpr char kSidecarContainer[] = "sei-sidecar";

// Production: port `sidecar`, data at /.sei, sidecar-tmp at /tmp, keyring
// environment (and the operator-keyring mount) for validators, hardened
// security context. Bootstrap: no port, data only, no keyring, no security
// context. Both: the effective sidecar image and spec.sidecar.resources.
k8s::Object SidecarContainer(const v1alpha1::SeiNode& node, const PlatformConfig& config,
                             PodFlavor flavor);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SIDECAR_CONTAINER_H_
