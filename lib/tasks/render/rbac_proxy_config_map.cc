#include "lib/tasks/render/rbac_proxy_config_map.h"

#include "absl/strings/substitute.h"
#include "lib/tasks/render/labels.h"
#include "lib/tasks/render/names.h"
#include "lib/tasks/render/object_meta.h"
#include "lib/tasks/render/spec_hash.h"

namespace sei::tasks::render {

std::string RbacProxyConfigYaml(const v1alpha1::SeiNode& node) {
  // Namespace and name are DNS labels (validated by the API server), so they
  // are safe as plain YAML scalars.
  return absl::Substitute(R"(authorization:
  resourceAttributes:
    apiGroup: sei.io
    resource: seinodetasks
    namespace: $0
    name: $1
)",
                          node.metadata().namespace_(), node.metadata().name());
}

k8s::Object RenderRbacProxyConfigMap(const v1alpha1::SeiNode& node) {
  return WithSpecHash({
      {"apiVersion", "v1"},
      {"kind", "ConfigMap"},
      {"metadata", OwnedObjectMeta(node, RbacProxyConfigMapName(node), ResourceLabels(node))},
      {"data", {{"config.yaml", RbacProxyConfigYaml(node)}}},
  });
}

}  // namespace sei::tasks::render
