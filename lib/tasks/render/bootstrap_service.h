// The bootstrap Service (tasks.md §5.9.2): the headless Service's name and
// DNS, selecting the bootstrap pod, so the operator reaches that pod's
// sidecar at the URL it will later use for the production pod.
#ifndef SEI_LIB_TASKS_RENDER_BOOTSTRAP_SERVICE_H_
#define SEI_LIB_TASKS_RENDER_BOOTSTRAP_SERVICE_H_

#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// `<node>`: bootstrap labels and selector, clusterIP None,
// publishNotReadyAddresses, port `api` 8443, controller owner reference.
k8s::Object RenderBootstrapService(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_BOOTSTRAP_SERVICE_H_
