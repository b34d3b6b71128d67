#include "lib/tasks/render/service_port.h"

#include <string>

namespace sei::tasks::render {

k8s::Object ServicePort(absl::string_view name, int32_t port, absl::string_view app_protocol) {
  k8s::Object out = {
      {"name", std::string(name)}, {"port", port}, {"targetPort", port}, {"protocol", "TCP"}};
  if (!app_protocol.empty()) out["appProtocol"] = std::string(app_protocol);
  return out;
}

}  // namespace sei::tasks::render
