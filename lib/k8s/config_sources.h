// Where the operator's ClusterConfig comes from, in controller-runtime's
// order of precedence:
//   1. an explicit kubeconfig path (the --kubeconfig flag), with --context;
//   2. $KUBECONFIG (a colon-separated list, merged as kubectl merges it);
//   3. the in-cluster service account (KUBERNETES_SERVICE_HOST/PORT);
//   4. $HOME/.kube/config.
// The first source that exists is used; an error in it is returned, never
// skipped over to the next (a broken kubeconfig must not silently send the
// operator to another cluster).
#ifndef SEI_LIB_K8S_CONFIG_SOURCES_H_
#define SEI_LIB_K8S_CONFIG_SOURCES_H_

#include <string>

#include "absl/status/statusor.h"
#include "lib/k8s/cluster_config.h"
#include "lib/k8s/in_cluster.h"

namespace sei::k8s {

struct ConfigSourceOptions {
  std::string kubeconfig_path;   // empty: not given
  std::string context;           // empty: the kubeconfig's current-context
  EnvLookup env = ProcessEnv();  // for KUBECONFIG, HOME and the in-cluster variables
  std::string token_path = InClusterOptions().token_path;
  std::string ca_path = InClusterOptions().ca_path;
};

struct ResolvedConfig {
  ClusterConfig config;
  std::string source;  // "kubeconfig /path", "in-cluster", ...: for the startup log
  std::string ns;      // the kubeconfig context's namespace; "" in cluster
};

// NotFound "no Kubernetes configuration: ..." listing what was tried when
// no source exists.
absl::StatusOr<ResolvedConfig> ResolveClusterConfig(const ConfigSourceOptions& options);

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_CONFIG_SOURCES_H_
