// A Service port as the rendered Services declare it.
#ifndef SEI_LIB_TASKS_RENDER_SERVICE_PORT_H_
#define SEI_LIB_TASKS_RENDER_SERVICE_PORT_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"

namespace sei::tasks::render {

// {name, port, targetPort: port, protocol: TCP[, appProtocol]}.
k8s::Object ServicePort(absl::string_view name, int32_t port, absl::string_view app_protocol = "");

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SERVICE_PORT_H_
