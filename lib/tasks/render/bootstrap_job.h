// The bootstrap Job (tasks.md §5.9.1): a one-shot pod that restores the S3
// snapshot onto the data volume and runs seid up to the snapshot's target
// height, before the production StatefulSet takes the volume over.
#ifndef SEI_LIB_TASKS_RENDER_BOOTSTRAP_JOB_H_
#define SEI_LIB_TASKS_RENDER_BOOTSTRAP_JOB_H_

#include <string>

#include "absl/status/statusor.h"
#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/platform_config.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// snapshot.bootstrapImage when set, else spec.image.
std::string BootstrapImage(const v1alpha1::SeiNode& node);

// The batch/v1 Job `<node>-bootstrap`: never retried (backoffLimit 0), kept
// an hour after it finishes, pod reachable as `<node>-0.<node>` so the
// operator's sidecar URL works unchanged, the data PVC by DataPvcName (D7),
// no key material, controller owner reference. Errors, in this order: no
// mode sub-spec; no S3 snapshot source:
//   `bootstrap job requires an S3 snapshot source (node <ns>/<name>)`
// no proxy image; a Secret isolation violation.
absl::StatusOr<k8s::Object> RenderBootstrapJob(const v1alpha1::SeiNode& node,
                                               const PlatformConfig& config);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_BOOTSTRAP_JOB_H_
