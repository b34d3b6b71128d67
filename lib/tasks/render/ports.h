// The ports of a node pod (tasks.md §5.4, §5.6). The seid ports are declared
// once here because the seid container and the headless Service must agree.
#ifndef SEI_LIB_TASKS_RENDER_PORTS_H_
#define SEI_LIB_TASKS_RENDER_PORTS_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// The sidecar's own HTTP port when spec.sidecar.port is unset or zero.
inline constexpr int32_t kDefaultSidecarPort = 7777;
// kube-rbac-proxy's plaintext listener: the only way the operator reaches the
// sidecar, whatever spec.sidecar.port says.
inline constexpr int32_t kRbacProxyPort = 8443;
inline constexpr absl::string_view kRbacProxyPortName = "api";
// seid's gRPC port, which cosmos-exporter waits for.
inline constexpr int32_t kSeidGrpcPort = 9090;
// Tendermint RPC, whose /lag_status is seid's readiness.
inline constexpr int32_t kSeidRpcPort = 26657;
inline constexpr int32_t kCosmosExporterPort = 9300;

struct NamedPort {
  absl::string_view name;
  int32_t port;
};

// seid's ports in the order they are declared on the container and Service.
inline constexpr NamedPort kSeidPorts[] = {
    {"evm-rpc", 8545}, {"evm-ws", 8546},      {"grpc", kSeidGrpcPort}, {"rest", 1317},
    {"p2p", 26656},    {"rpc", kSeidRpcPort}, {"metrics", 26660},
};

// spec.sidecar.port when non-zero, else kDefaultSidecarPort.
int32_t SidecarPort(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_PORTS_H_
