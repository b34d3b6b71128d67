#include "lib/tasks/render/rbac_proxy_container.h"

#include "absl/strings/str_cat.h"
#include "lib/tasks/render/container_parts.h"
#include "lib/tasks/render/ports.h"
#include "lib/tasks/render/probes.h"
#include "lib/tasks/render/security_context.h"
#include "lib/tasks/render/volumes.h"

namespace sei::tasks::render {

k8s::Object RbacProxyContainer(const v1alpha1::SeiNode& node, const PlatformConfig& config,
                               PodFlavor flavor) {
  const bool production = flavor == PodFlavor::kProduction;
  k8s::Object args = k8s::Object::array({
      absl::StrCat("--insecure-listen-address=0.0.0.0:", kRbacProxyPort),
      absl::StrCat("--upstream=http://127.0.0.1:", SidecarPort(node), "/"),
      absl::StrCat("--config-file=", kRbacProxyConfigDir, "/config.yaml"),
  });
  if (production) args.push_back("--ignore-paths=/v0/healthz,/v0/startupz,/v0/livez,/v0/metrics");
  args.push_back("--auth-header-fields-enabled=true");
  args.push_back("--v=0");

  k8s::Object container = {
      {"name", kRbacProxyContainer},
      {"image", config.kube_rbac_proxy_image},
      {"restartPolicy", "Always"},
      {"args", std::move(args)},
      {"ports", k8s::Object::array({ContainerPort(kRbacProxyPortName, kRbacProxyPort)})},
      {"volumeMounts", k8s::Object::array({VolumeMount(kRbacProxyConfigVolume, kRbacProxyConfigDir,
                                                       /*read_only=*/true)})},
  };
  if (production) {
    container["startupProbe"] =
        TcpProbe(kRbacProxyPort, {/*initial_delay_seconds=*/5, /*period_seconds=*/5,
                                  /*failure_threshold=*/60});
    container["livenessProbe"] =
        HttpGetProbe("/v0/livez", kRbacProxyPort,
                     {/*initial_delay_seconds=*/5, /*period_seconds=*/10, /*failure_threshold=*/3});
    // Forwarded to the sidecar, so the pod is Ready exactly when the sidecar is.
    container["readinessProbe"] =
        HttpGetProbe("/v0/healthz", kRbacProxyPort,
                     {/*initial_delay_seconds=*/2, /*period_seconds=*/5, /*failure_threshold=*/6});
    container["securityContext"] = HardenedSecurityContext();
  }
  return container;
}

}  // namespace sei::tasks::render
