// The node's data PersistentVolumeClaim on the create path (tasks.md §5.7).
#ifndef SEI_LIB_TASKS_RENDER_DATA_PVC_H_
#define SEI_LIB_TASKS_RENDER_DATA_PVC_H_

#include "absl/status/statusor.h"
#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/platform_config.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// `data-<node>`, ReadWriteOnce, the mode's storage class and size, controller
// owner reference. Errors: no mode sub-spec (ModeOf's message); an imported
// volume (spec.dataVolume.import.pvcName set), which the operator adopts and
// never creates:
//   `SeiNode <ns>/<name> imports PVC "<pvc>"; the operator does not create it`
absl::StatusOr<k8s::Object> RenderDataPvc(const v1alpha1::SeiNode& node,
                                          const PlatformConfig& config);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_DATA_PVC_H_
