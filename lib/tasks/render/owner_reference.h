// The owner reference that ties every rendered object to its SeiNode, so
// Kubernetes garbage-collects them with the node and the operator's watches
// map them back to it.
#ifndef SEI_LIB_TASKS_RENDER_OWNER_REFERENCE_H_
#define SEI_LIB_TASKS_RENDER_OWNER_REFERENCE_H_

#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// {apiVersion: sei.io/v1alpha1, kind: SeiNode, name, uid, controller: true,
//  blockOwnerDeletion: true}.
k8s::Object ControllerOwnerReference(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_OWNER_REFERENCE_H_
