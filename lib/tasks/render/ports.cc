#include "lib/tasks/render/ports.h"

namespace sei::tasks::render {

int32_t SidecarPort(const v1alpha1::SeiNode& node) {
  const int32_t port = node.spec().sidecar().port();
  return port != 0 ? port : kDefaultSidecarPort;
}

}  // namespace sei::tasks::render
