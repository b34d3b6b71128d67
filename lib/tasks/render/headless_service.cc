#include "lib/tasks/render/headless_service.h"

#include "lib/tasks/render/labels.h"
#include "lib/tasks/render/names.h"
#include "lib/tasks/render/object_meta.h"
#include "lib/tasks/render/ports.h"
#include "lib/tasks/render/service_port.h"
#include "lib/tasks/render/spec_hash.h"

namespace sei::tasks::render {

k8s::Object RenderHeadlessService(const v1alpha1::SeiNode& node) {
  k8s::Object ports = k8s::Object::array();
  for (const NamedPort& port : kSeidPorts) {
    // gRPC is cleartext HTTP/2; saying so lets meshes and gateways route it.
    ports.push_back(
        ServicePort(port.name, port.port, port.port == kSeidGrpcPort ? "kubernetes.io/h2c" : ""));
  }
  ports.push_back(ServicePort(kRbacProxyPortName, kRbacProxyPort));
  return WithSpecHash({
      {"apiVersion", "v1"},
      {"kind", "Service"},
      {"metadata", OwnedObjectMeta(node, HeadlessServiceName(node), ResourceLabels(node))},
      {"spec",
       {{"clusterIP", "None"},
        {"selector", SelectorLabels(node)},
        {"publishNotReadyAddresses", true},
        {"ports", std::move(ports)}}},
  });
}

}  // namespace sei::tasks::render
