// The node's headless Service (tasks.md §5.6): stable DNS for the pod
// (`<node>-0.<node>.<ns>.svc`), which is how the operator and peers reach it.
#ifndef SEI_LIB_TASKS_RENDER_HEADLESS_SERVICE_H_
#define SEI_LIB_TASKS_RENDER_HEADLESS_SERVICE_H_

#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// clusterIP None, publishNotReadyAddresses (peers and the operator must reach
// a pod that is still syncing), every seid port plus the proxy's `api`,
// controller owner reference and the spec-hash annotation.
k8s::Object RenderHeadlessService(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_HEADLESS_SERVICE_H_
