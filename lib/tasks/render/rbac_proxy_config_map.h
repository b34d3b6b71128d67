// The kube-rbac-proxy configuration ConfigMap (tasks.md §5.8): every request
// to the sidecar is authorised as a verb on this node's seinodetasks.
#ifndef SEI_LIB_TASKS_RENDER_RBAC_PROXY_CONFIG_MAP_H_
#define SEI_LIB_TASKS_RENDER_RBAC_PROXY_CONFIG_MAP_H_

#include <string>

#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// The `config.yaml` text: resourceAttributes apiGroup sei.io, resource
// seinodetasks, the node's namespace and name.
std::string RbacProxyConfigYaml(const v1alpha1::SeiNode& node);

// `<node>-rbac-proxy-config` with data {config.yaml}, resource labels,
// controller owner reference and the spec-hash annotation.
k8s::Object RenderRbacProxyConfigMap(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_RBAC_PROXY_CONFIG_MAP_H_
