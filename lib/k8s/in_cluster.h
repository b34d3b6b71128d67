// The configuration of a process running in a pod: the API server named by
// KUBERNETES_SERVICE_HOST/PORT, trusted through the service account's CA
// and authenticated with its token — as a file, because the kubelet rotates
// projected tokens in place.
#ifndef SEI_LIB_K8S_IN_CLUSTER_H_
#define SEI_LIB_K8S_IN_CLUSTER_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "lib/k8s/cluster_config.h"

namespace sei::k8s {

// Looks up an environment variable; nullopt when unset.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
EnvLookup ProcessEnv();

struct InClusterOptions {
  std::string token_path = "/var/run/secrets/kubernetes.io/serviceaccount/token";
  std::string ca_path = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
  EnvLookup env = ProcessEnv();
};

// FailedPrecondition "not running in a cluster: KUBERNETES_SERVICE_HOST and
// KUBERNETES_SERVICE_PORT must be set" when either is unset or empty (callers
// fall back to a kubeconfig on exactly that); NotFound/InvalidArgument
// naming the file when the token or the CA is missing or unreadable. IPv6
// hosts are bracketed.
absl::StatusOr<ClusterConfig> InClusterConfig(const InClusterOptions& options = {});

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_IN_CLUSTER_H_
