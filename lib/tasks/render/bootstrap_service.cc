#include "lib/tasks/render/bootstrap_service.h"

#include "lib/tasks/render/labels.h"
#include "lib/tasks/render/names.h"
#include "lib/tasks/render/object_meta.h"
#include "lib/tasks/render/ports.h"
#include "lib/tasks/render/service_port.h"

namespace sei::tasks::render {

k8s::Object RenderBootstrapService(const v1alpha1::SeiNode& node) {
  const auto labels = BootstrapLabels(node);
  return {
      {"apiVersion", "v1"},
      {"kind", "Service"},
      {"metadata", OwnedObjectMeta(node, BootstrapServiceName(node), labels)},
      {"spec",
       {{"clusterIP", "None"},
        {"selector", labels},
        {"publishNotReadyAddresses", true},
        {"ports", k8s::Object::array({ServicePort(kRbacProxyPortName, kRbacProxyPort)})}}},
  };
}

}  // namespace sei::tasks::render
