// Small pieces of container JSON: environment entries and container ports.
#ifndef SEI_LIB_TASKS_RENDER_CONTAINER_PARTS_H_
#define SEI_LIB_TASKS_RENDER_CONTAINER_PARTS_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"

namespace sei::tasks::render {

// {name, value}.
k8s::Object EnvVar(absl::string_view name, absl::string_view value);
// {name, valueFrom: {secretKeyRef: {name: secret, key}}}.
k8s::Object SecretEnvVar(absl::string_view name, absl::string_view secret, absl::string_view key);
// {name, containerPort, protocol: TCP}.
k8s::Object ContainerPort(absl::string_view name, int32_t port);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_CONTAINER_PARTS_H_
