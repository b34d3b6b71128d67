#include "lib/tasks/render/container_parts.h"

#include <string>

namespace sei::tasks::render {

k8s::Object EnvVar(absl::string_view name, absl::string_view value) {
  return {{"name", std::string(name)}, {"value", std::string(value)}};
}

k8s::Object SecretEnvVar(absl::string_view name, absl::string_view secret, absl::string_view key) {
  return {{"name", std::string(name)},
          {"valueFrom",
           {{"secretKeyRef", {{"name", std::string(secret)}, {"key", std::string(key)}}}}}};
}

k8s::Object ContainerPort(absl::string_view name, int32_t port) {
  return {{"name", std::string(name)}, {"containerPort", port}, {"protocol", "TCP"}};
}

}  // namespace sei::tasks::render
