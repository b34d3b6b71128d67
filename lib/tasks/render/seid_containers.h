// The containers that run seid itself (tasks.md §5.4, §5.9.1): `seid-init`,
// which creates the home directory once, and `seid`, which waits for the
// sidecar to have written the configuration and then starts the chain.
#ifndef SEI_LIB_TASKS_RENDER_SEID_CONTAINERS_H_
#define SEI_LIB_TASKS_RENDER_SEID_CONTAINERS_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/tasks/platform/mode_resources.h"
#include "lib/tasks/render/pod_flavor.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

inline constexpr char kSeidInitContainer[] = "seid-init";
inline constexpr char kSeidContainer[] = "seid";

// `image` is spec.image for production and the bootstrap image for the Job.
// Production adds the non-root security context; bootstrap has none.
k8s::Object SeidInitContainer(const v1alpha1::SeiNode& node, absl::string_view image,
                              PodFlavor flavor);

// The production seid: all seid ports, mode requests, the HTTP startup probe
// through the proxy, /lag_status readiness, and the validator's signing and
// node keys mounted file by file into the config directory.
k8s::Object SeidContainer(const v1alpha1::SeiNode& node, const ModeResources& resources);

// The bootstrap seid: runs to `halt_height` and exits; data mount and mode
// requests only.
k8s::Object BootstrapSeidContainer(const v1alpha1::SeiNode& node, absl::string_view image,
                                   int64_t halt_height, const ModeResources& resources);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_SEID_CONTAINERS_H_
