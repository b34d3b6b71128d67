#include "lib/controlplane/controllers/pod_hooks.h"

#include <utility>

#include "absl/strings/match.h"
#include "lib/controlplane/controllers/json_fields.h"

namespace sei::controlplane {
namespace {

bool ProbesHealth(const Json& containers) {
  if (!containers.is_array()) return false;
  for (const Json& container : containers) {
    const std::string path = StringAt(container, {"readinessProbe", "httpGet", "path"});
    // The probe may carry a query string; the path is what matters.
    if (path == kSidecarHealthPath ||
        absl::StartsWith(path, std::string(kSidecarHealthPath) + "?")) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool ProbesSidecarHealth(const Json& pod) {
  return ProbesHealth(At(pod, {"spec", "containers"})) ||
         ProbesHealth(At(pod, {"spec", "initContainers"}));
}

ReadinessGate SidecarReadinessGate(NodeReadyFn sidecar_ready) {
  return [sidecar_ready = std::move(sidecar_ready)](const Json& pod) {
    const std::string node = LabelOf(pod, kNodeLabel);
    if (node.empty() || !sidecar_ready || !ProbesSidecarHealth(pod)) return true;
    return sidecar_ready(NamespaceOf(pod), node);
  };
}

PodHook SidecarRestartHook(NodeActionFn restart) {
  return [restart = std::move(restart)](const Json& pod) {
    const std::string node = LabelOf(pod, kNodeLabel);
    if (!node.empty() && restart) restart(NamespaceOf(pod), node);
  };
}

VolumeHook SidecarVolumeRemovedHook(NodeActionFn remove) {
  return [remove = std::move(remove)](const Json& claim) {
    const std::string node = LabelOf(claim, kNodeLabel);
    if (!node.empty() && remove) remove(NamespaceOf(claim), node);
  };
}

}  // namespace sei::controlplane
