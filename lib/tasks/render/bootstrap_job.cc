#include "lib/tasks/render/bootstrap_job.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/core/node_mode.h"
#include "lib/tasks/platform/mode_resources.h"
#include "lib/tasks/render/image_guards.h"
#include "lib/tasks/render/labels.h"
#include "lib/tasks/render/names.h"
#include "lib/tasks/render/object_meta.h"
#include "lib/tasks/render/rbac_proxy_container.h"
#include "lib/tasks/render/scheduling.h"
#include "lib/tasks/render/secret_guards.h"
#include "lib/tasks/render/seid_containers.h"
#include "lib/tasks/render/sidecar_container.h"
#include "lib/tasks/render/volumes.h"

namespace sei::tasks::render {
namespace {

constexpr int kFinishedJobTtlSeconds = 3600;
// Time for seid to flush its databases after SIGTERM; a torn write would
// corrupt the state the production pod is about to start from.
constexpr int kBootstrapGracePeriodSeconds = 120;

}  // namespace

std::string BootstrapImage(const v1alpha1::SeiNode& node) {
  const v1alpha1::SnapshotSource* source = planner::SnapshotSourceOf(node.spec());
  if (source != nullptr && !source->bootstrap_image().empty()) return source->bootstrap_image();
  return node.spec().image();
}

absl::StatusOr<k8s::Object> RenderBootstrapJob(const v1alpha1::SeiNode& node,
                                               const PlatformConfig& config) {
  absl::StatusOr<planner::NodeMode> mode = planner::ModeOf(node);
  if (!mode.ok()) return mode.status();
  const v1alpha1::SnapshotSource* source = planner::SnapshotSourceOf(node.spec());
  if (source == nullptr || !source->has_s3()) {
    return absl::FailedPreconditionError(
        absl::StrCat("bootstrap job requires an S3 snapshot source (node ",
                     node.metadata().namespace_(), "/", node.metadata().name(), ")"));
  }
  if (absl::Status status = CheckRbacProxyImage(config); !status.ok()) return status;

  const ModeResources resources = ResourcesForMode(*mode, config);
  const std::string image = BootstrapImage(node);
  k8s::Object pod_spec = {
      // hostname/subdomain under the Service of the same name as the headless
      // one: the sidecar URL <node>-0.<node>.<ns>.svc resolves to this pod.
      {"hostname", PodName(node)},
      {"subdomain", BootstrapServiceName(node)},
      {"serviceAccountName", config.service_account},
      {"shareProcessNamespace", true},
      {"restartPolicy", "Never"},
      {"terminationGracePeriodSeconds", kBootstrapGracePeriodSeconds},
      {"tolerations", PoolTolerations(resources.node_pool, config)},
      {"affinity", PoolAffinity(resources.node_pool)},
      {"volumes", BootstrapVolumes(node)},
      {"initContainers",
       k8s::Object::array({SeidInitContainer(node, image, PodFlavor::kBootstrap),
                           SidecarContainer(node, config, PodFlavor::kBootstrap),
                           RbacProxyContainer(node, config, PodFlavor::kBootstrap)})},
      {"containers", k8s::Object::array({BootstrapSeidContainer(
                         node, image, source->s3().target_height(), resources)})},
  };
  const std::string job_name = BootstrapJobName(node);
  if (absl::Status status = CheckBootstrapSecretIsolation(node, job_name, pod_spec); !status.ok()) {
    return status;
  }
  const auto labels = BootstrapLabels(node);
  k8s::Object template_meta = PodTemplateMeta(labels);
  return k8s::Object{
      {"apiVersion", "batch/v1"},
      {"kind", "Job"},
      {"metadata", OwnedObjectMeta(node, job_name, labels)},
      {"spec",
       {{"backoffLimit", 0},
        {"ttlSecondsAfterFinished", kFinishedJobTtlSeconds},
        {"template", {{"metadata", std::move(template_meta)}, {"spec", std::move(pod_spec)}}}}},
  };
}

}  // namespace sei::tasks::render
