// The `kube-rbac-proxy` container (tasks.md §5.4): the pod's only door to
// the sidecar. It authenticates callers with TokenReview, authorises them
// against seinodetasks.sei.io with SubjectAccessReview, and forwards to the
// sidecar on localhost. A native sidecar, like sei-sidecar.
#ifndef SEI_LIB_TASKS_RENDER_RBAC_PROXY_CONTAINER_H_
#define SEI_LIB_TASKS_RENDER_RBAC_PROXY_CONTAINER_H_

#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/platform_config.h"
#include "lib/tasks/render/pod_flavor.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

inline constexpr char kRbacProxyContainer[] = "kube-rbac-proxy";

// Production: the health paths pass without authentication (kubelet probes
// and the operator's readiness checks), startup/liveness/readiness probes,
// hardened security context. Bootstrap: every path authenticated, no probes,
// no security context.
k8s::Object RbacProxyContainer(const v1alpha1::SeiNode& node, const PlatformConfig& config,
                               PodFlavor flavor);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_RBAC_PROXY_CONTAINER_H_
