// The security contexts of the node pod (tasks.md §5.3). Every container
// runs as the distroless non-root user 65532; the helper containers also get
// a read-only root filesystem because they write only to mounted volumes.
#ifndef SEI_LIB_TASKS_RENDER_SECURITY_CONTEXT_H_
#define SEI_LIB_TASKS_RENDER_SECURITY_CONTEXT_H_

#include "lib/k8s/kube_client.h"

namespace sei::tasks::render {

// fsGroup 65532 so the volumes are writable by that user; OnRootMismatch so
// a multi-terabyte data volume is not re-chowned on every pod start.
k8s::Object PodSecurityContext();

// runAsNonRoot, user/group 65532, no privilege escalation, all capabilities
// dropped, RuntimeDefault seccomp: seid-init and seid.
k8s::Object SeidSecurityContext();

// SeidSecurityContext plus readOnlyRootFilesystem: sei-sidecar,
// kube-rbac-proxy and cosmos-exporter.
k8s::Object HardenedSecurityContext();

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SECURITY_CONTEXT_H_
