// Reading a kubeconfig the way kubectl does: the named (or current)
// context picks a cluster and a user; their credentials become a
// ClusterConfig. Files named inside a kubeconfig (certificate-authority,
// client-certificate, client-key, tokenFile) resolve against the directory
// of the kubeconfig that names them.
//
// Supported: certificate-authority(-data), insecure-skip-tls-verify,
// client-certificate(-data), client-key(-data), token, tokenFile.
// Refused with an error that says so: exec plugins, auth-provider, basic
// auth (username/password) — the operator has no use for them.
#ifndef SEI_LIB_K8S_KUBECONFIG_H_
#define SEI_LIB_K8S_KUBECONFIG_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/k8s/cluster_config.h"

namespace sei::k8s {

struct LoadedKubeconfig {
  ClusterConfig config;
  std::string context;  // the context used
  std::string ns;       // the context's namespace; "default" when it names none
};

// `text` is one kubeconfig (YAML or JSON); relative paths resolve against
// `base_dir`. `context` empty = current-context. InvalidArgument naming the
// missing piece (no such context, a context without cluster, a cluster
// without server, an unreadable CA file, both a field and its -data form…).
absl::StatusOr<LoadedKubeconfig> ParseKubeconfig(absl::string_view text, absl::string_view base_dir,
                                                 absl::string_view context = "");

// Reads and merges `paths` as kubectl merges a $KUBECONFIG list: the first
// file to define a cluster, user or context by name wins, and the first
// non-empty current-context wins. Missing files are skipped, but at least
// one must exist.
absl::StatusOr<LoadedKubeconfig> LoadKubeconfigFiles(const std::vector<std::string>& paths,
                                                     absl::string_view context = "");

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_KUBECONFIG_H_
