// The `cosmos-exporter` container (tasks.md §5.4): chain metrics (balances,
// validator state) scraped from seid's gRPC port and served on :9300.
#ifndef SEI_LIB_TASKS_RENDER_COSMOS_EXPORTER_CONTAINER_H_
#define SEI_LIB_TASKS_RENDER_COSMOS_EXPORTER_CONTAINER_H_

#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/platform_config.h"

namespace sei::tasks::render {

inline constexpr char kCosmosExporterContainer[] = "cosmos-exporter";

// Image SEI_COSMOS_EXPORTER_IMAGE (the caller checks it is set).
k8s::Object CosmosExporterContainer(const PlatformConfig& config);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_COSMOS_EXPORTER_CONTAINER_H_
