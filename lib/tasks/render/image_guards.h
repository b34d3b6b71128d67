// Render-time checks that the platform images a pod needs are configured
// (tasks.md §5.5). LoadPlatformConfig already refuses to start without them;
// these keep a hand-built PlatformConfig from rendering an unusable pod.
#ifndef SEI_LIB_TASKS_RENDER_IMAGE_GUARDS_H_
#define SEI_LIB_TASKS_RENDER_IMAGE_GUARDS_H_

#include "absl/status/status.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::tasks::render {

// `SEI_KUBE_RBAC_PROXY_IMAGE is not configured on the controller`.
absl::Status CheckRbacProxyImage(const PlatformConfig& config);

// `SEI_COSMOS_EXPORTER_IMAGE is required on the operator Deployment`.
absl::Status CheckCosmosExporterImage(const PlatformConfig& config);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_IMAGE_GUARDS_H_
