#include "lib/tasks/render/cosmos_exporter_container.h"

#include "lib/tasks/render/container_parts.h"
#include "lib/tasks/render/ports.h"
#include "lib/tasks/render/probes.h"
#include "lib/tasks/render/scripts.h"
#include "lib/tasks/render/security_context.h"
#include "lib/tasks/render/volumes.h"

namespace sei::tasks::render {

k8s::Object CosmosExporterContainer(const PlatformConfig& config) {
  return {
      {"name", kCosmosExporterContainer},
      {"image", config.cosmos_exporter_image},
      {"command", {"/bin/bash", "-c"}},
      {"args", {CosmosExporterScript()}},
      {"ports", k8s::Object::array({ContainerPort("cosmos-metrics", kCosmosExporterPort)})},
      // A memory limit but no CPU limit: the exporter must not starve seid's
      // node of memory, and CPU throttling only makes scrapes time out.
      {"resources",
       {{"requests", {{"cpu", "50m"}, {"memory", "64Mi"}}}, {"limits", {{"memory", "384Mi"}}}}},
      {"readinessProbe",
       TcpProbe(kCosmosExporterPort, {/*initial_delay_seconds=*/0, /*period_seconds=*/10,
                                      /*failure_threshold=*/6})},
      // Generous initial delay: the exporter only listens once seid's gRPC is
      // up, which after a snapshot restore can take several minutes.
      {"livenessProbe",
       TcpProbe(kCosmosExporterPort, {/*initial_delay_seconds=*/600, /*period_seconds=*/10,
                                      /*failure_threshold=*/3})},
      {"volumeMounts", k8s::Object::array({VolumeMount(kSidecarTmpVolume, "/tmp")})},
      {"securityContext", HardenedSecurityContext()},
  };
}

}  // namespace sei::tasks::render
