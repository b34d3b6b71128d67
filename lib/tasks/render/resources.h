// Container resource requirements as Kubernetes JSON.
#ifndef SEI_LIB_TASKS_RENDER_RESOURCES_H_
#define SEI_LIB_TASKS_RENDER_RESOURCES_H_

#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/mode_resources.h"
#include "proto/sei/v1alpha1/meta.pb.h"

namespace sei::tasks::render {

// The API model's ResourceRequirements (spec.sidecar.resources) as written
// by the user: limits, requests and claims, each only when non-empty.
k8s::Object ResourceRequirementsJson(const v1alpha1::ResourceRequirements& resources);

// seid's requests for its mode; no limits, so seid may burst into idle CPU
// and is never OOM-killed below the node's capacity.
k8s::Object SeidResources(const ModeResources& mode_resources);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_RESOURCES_H_
