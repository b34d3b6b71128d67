// The node's StatefulSet (tasks.md §5.2-§5.5): one pod running seid, its
// sidecar, the auth proxy and the metrics exporter.
#ifndef SEI_LIB_TASKS_RENDER_STATEFULSET_H_
#define SEI_LIB_TASKS_RENDER_STATEFULSET_H_

#include "absl/status/statusor.h"
#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/platform_config.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// The complete apps/v1 StatefulSet: controller owner reference, replicas 0
// when spec.paused (else 1), OnDelete updates (pods are replaced by the
// replace-pod task), and the spec-hash annotation. Errors, in this order: no
// mode sub-spec (ModeOf's message), no proxy image, no exporter image, a
// keyring containment violation.
absl::StatusOr<k8s::Object> RenderStatefulSet(const v1alpha1::SeiNode& node,
                                              const PlatformConfig& config);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_STATEFULSET_H_
