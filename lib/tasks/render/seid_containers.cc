#include "lib/tasks/render/seid_containers.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/tasks/render/container_parts.h"
#include "lib/tasks/render/ports.h"
#include "lib/tasks/render/probes.h"
#include "lib/tasks/render/resources.h"
#include "lib/tasks/render/scripts.h"
#include "lib/tasks/render/security_context.h"
#include "lib/tasks/render/validator_secrets.h"
#include "lib/tasks/render/volumes.h"

namespace sei::tasks::render {
namespace {

// HOME is the data directory; TMPDIR keeps seid's temporary files on the
// data volume (the root filesystem may be small or read-only).
k8s::Object SeidEnv() {
  return k8s::Object::array(
      {EnvVar("HOME", kDataDir), EnvVar("TMPDIR", absl::StrCat(kDataDir, "/tmp"))});
}

k8s::Object BashScript(const std::string& script) {
  return {{"command", {"/bin/bash", "-c"}}, {"args", {script}}};
}

}  // namespace

k8s::Object SeidInitContainer(const v1alpha1::SeiNode& node, absl::string_view image,
                              PodFlavor flavor) {
  k8s::Object container = {
      {"name", kSeidInitContainer},
      {"image", std::string(image)},
      {"command", {"/bin/sh", "-c", SeidInitScript(node.spec().chain_id())}},
      {"env", k8s::Object::array({EnvVar("HOME", kDataDir)})},
      {"volumeMounts", k8s::Object::array({VolumeMount(kDataVolume, kDataDir)})},
  };
  if (flavor == PodFlavor::kProduction) container["securityContext"] = SeidSecurityContext();
  return container;
}

k8s::Object SeidContainer(const v1alpha1::SeiNode& node, const ModeResources& resources) {
  k8s::Object container = BashScript(SeidStartScript(SidecarPort(node)));
  container["name"] = kSeidContainer;
  container["image"] = node.spec().image();
  container["env"] = SeidEnv();
  k8s::Object ports = k8s::Object::array();
  for (const NamedPort& port : kSeidPorts) ports.push_back(ContainerPort(port.name, port.port));
  container["ports"] = std::move(ports);
  container["resources"] = SeidResources(resources);
  // Through the proxy's unauthenticated health path: seid counts as started
  // once the sidecar is healthy. The threshold allows days of block sync.
  container["startupProbe"] = HttpGetProbe("/v0/healthz", kRbacProxyPort,
                                           {/*initial_delay_seconds=*/5, /*period_seconds=*/5,
                                            /*failure_threshold=*/86400});
  container["readinessProbe"] = HttpGetProbe("/lag_status", kSeidRpcPort,
                                             {/*initial_delay_seconds=*/30, /*period_seconds=*/10,
                                              /*failure_threshold=*/3, /*timeout_seconds=*/5});
  k8s::Object mounts = k8s::Object::array({VolumeMount(kDataVolume, kDataDir)});
  const ValidatorSecrets secrets = ValidatorSecretsOf(node);
  // subPath mounts: only the key file is replaced, the rest of config/ stays
  // the sidecar-written files on the PVC.
  if (!secrets.signing_key.empty()) {
    mounts.push_back(VolumeMount(kSigningKeyVolume,
                                 absl::StrCat(kDataDir, "/config/", kSigningKeyFile),
                                 /*read_only=*/true, kSigningKeyFile));
  }
  if (!secrets.node_key.empty()) {
    mounts.push_back(VolumeMount(kNodeKeyVolume, absl::StrCat(kDataDir, "/config/", kNodeKeyFile),
                                 /*read_only=*/true, kNodeKeyFile));
  }
  container["volumeMounts"] = std::move(mounts);
  container["securityContext"] = SeidSecurityContext();
  return container;
}

k8s::Object BootstrapSeidContainer(const v1alpha1::SeiNode& node, absl::string_view image,
                                   int64_t halt_height, const ModeResources& resources) {
  k8s::Object container = BashScript(BootstrapSeidScript(SidecarPort(node), halt_height));
  container["name"] = kSeidContainer;
  container["image"] = std::string(image);
  container["env"] = SeidEnv();
  container["resources"] = SeidResources(resources);
  container["volumeMounts"] = k8s::Object::array({VolumeMount(kDataVolume, kDataDir)});
  return container;
}

}  // namespace sei::tasks::render
