// The node pod's volumes (tasks.md §5.3) and their names, which the
// containers' mounts and the render guards refer to.
#ifndef SEI_LIB_TASKS_RENDER_VOLUMES_H_
#define SEI_LIB_TASKS_RENDER_VOLUMES_H_

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

inline constexpr absl::string_view kDataVolume = "data";
inline constexpr absl::string_view kSidecarTmpVolume = "sidecar-tmp";
inline constexpr absl::string_view kRbacProxyConfigVolume = "rbac-proxy-config";
inline constexpr absl::string_view kSigningKeyVolume = "signing-key";
inline constexpr absl::string_view kNodeKeyVolume = "node-key";
inline constexpr absl::string_view kOperatorKeyringVolume = "operator-keyring";

inline constexpr absl::string_view kSigningKeyFile = "priv_validator_key.json";
inline constexpr absl::string_view kNodeKeyFile = "node_key.json";
inline constexpr absl::string_view kRbacProxyConfigDir = "/etc/kube-rbac-proxy";

// `data` → the data PVC (DataPvcName, imports included).
k8s::Object DataVolume(const v1alpha1::SeiNode& node);
// `rbac-proxy-config` → ConfigMap RbacProxyConfigMapName.
k8s::Object RbacProxyConfigVolume(const v1alpha1::SeiNode& node);

// data, sidecar-tmp, rbac-proxy-config, then signing-key, node-key and
// operator-keyring for a validator whose spec names those Secrets. Secret
// volumes are mode 0400: only the pod's user may read key material.
k8s::Object ProductionVolumes(const v1alpha1::SeiNode& node);

// data and rbac-proxy-config only: the bootstrap pod never sees key material.
k8s::Object BootstrapVolumes(const v1alpha1::SeiNode& node);

// {name, mountPath[, readOnly: true][, subPath]}.
k8s::Object VolumeMount(absl::string_view volume, absl::string_view mount_path,
                        bool read_only = false, absl::string_view sub_path = "");

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_VOLUMES_H_
