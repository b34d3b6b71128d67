#include "lib/tasks/render/statefulset.h"

#include "lib/planner/core/node_mode.h"
#include "lib/tasks/platform/mode_resources.h"
#include "lib/tasks/render/cosmos_exporter_container.h"
#include "lib/tasks/render/image_guards.h"
#include "lib/tasks/render/labels.h"
#include "lib/tasks/render/names.h"
#include "lib/tasks/render/object_meta.h"
#include "lib/tasks/render/rbac_proxy_container.h"
#include "lib/tasks/render/scheduling.h"
#include "lib/tasks/render/secret_guards.h"
#include "lib/tasks/render/security_context.h"
#include "lib/tasks/render/seid_containers.h"
#include "lib/tasks/render/sidecar_container.h"
#include "lib/tasks/render/spec_hash.h"
#include "lib/tasks/render/volumes.h"

namespace sei::tasks::render {
namespace {

k8s::Object ProductionPodSpec(const v1alpha1::SeiNode& node, const PlatformConfig& config,
                              const ModeResources& resources) {
  return {
      // kube-rbac-proxy needs the pod's token for TokenReview and SAR.
      {"automountServiceAccountToken", true},
      {"serviceAccountName", config.service_account},
      // The sidecar signals seid (e.g. to restart it after a config change).
      {"shareProcessNamespace", true},
      {"securityContext", PodSecurityContext()},
      {"tolerations", PoolTolerations(resources.node_pool, config)},
      {"affinity", PoolAffinity(resources.node_pool)},
      {"initContainers",
       k8s::Object::array({SeidInitContainer(node, node.spec().image(), PodFlavor::kProduction),
                           SidecarContainer(node, config, PodFlavor::kProduction),
                           RbacProxyContainer(node, config, PodFlavor::kProduction)})},
      {"containers",
       k8s::Object::array({SeidContainer(node, resources), CosmosExporterContainer(config)})},
      {"volumes", ProductionVolumes(node)},
  };
}

}  // namespace

absl::StatusOr<k8s::Object> RenderStatefulSet(const v1alpha1::SeiNode& node,
                                              const PlatformConfig& config) {
  absl::StatusOr<planner::NodeMode> mode = planner::ModeOf(node);
  if (!mode.ok()) return mode.status();
  if (absl::Status status = CheckRbacProxyImage(config); !status.ok()) return status;
  if (absl::Status status = CheckCosmosExporterImage(config); !status.ok()) return status;

  const ModeResources resources = ResourcesForMode(*mode, config);
  k8s::Object pod_spec = ProductionPodSpec(node, config, resources);
  if (absl::Status status = CheckKeyringContainment(node, PodName(node), pod_spec); !status.ok()) {
    return status;
  }
  const auto labels = ResourceLabels(node);
  k8s::Object template_meta = PodTemplateMeta(labels);
  return WithSpecHash({
      {"apiVersion", "apps/v1"},
      {"kind", "StatefulSet"},
      {"metadata", OwnedObjectMeta(node, StatefulSetName(node), labels)},
      {"spec",
       {
           {"replicas", node.spec().paused() ? 0 : 1},
           {"serviceName", HeadlessServiceName(node)},
           {"selector", {{"matchLabels", SelectorLabels(node)}}},
           {"updateStrategy", {{"type", "OnDelete"}}},
           {"template", {{"metadata", std::move(template_meta)}, {"spec", std::move(pod_spec)}}},
       }},
  });
}

}  // namespace sei::tasks::render
