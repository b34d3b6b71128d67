#include "lib/tasks/render/image_guards.h"

namespace sei::tasks::render {

absl::Status CheckRbacProxyImage(const PlatformConfig& config) {
  if (!config.kube_rbac_proxy_image.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "SEI_KUBE_RBAC_PROXY_IMAGE is not configured on the controller");
}

absl::Status CheckCosmosExporterImage(const PlatformConfig& config) {
  if (!config.cosmos_exporter_image.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      "SEI_COSMOS_EXPORTER_IMAGE is required on the operator Deployment");
}

}  // namespace sei::tasks::render
