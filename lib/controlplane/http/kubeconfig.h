// Writes the kubeconfig through which kubectl and the operator reach the
// local control plane.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_KUBECONFIG_H_
#define SEI_LIB_CONTROLPLANE_HTTP_KUBECONFIG_H_

#include <string>

#include "absl/status/status.h"

namespace sei::controlplane {

struct KubeconfigOptions {
  std::string server;              // "https://127.0.0.1:6443" (or http:// with --insecure-http)
  std::string ca_certificate_pem;  // empty for plain HTTP
  std::string token;
  std::string cluster_name = "sei-local";
  std::string user_name = "sei-local-admin";
  std::string context_name = "sei-local";
  std::string ns = "default";  // the context's default namespace
};

// The kubeconfig document (YAML): one cluster with certificate-authority-data,
// one token user, one context, current-context set.
std::string RenderKubeconfig(const KubeconfigOptions& options);

// Writes RenderKubeconfig() to `path` with mode 0600 (it holds a bearer
// token): written to a temporary file in the same directory, then renamed
// over `path`, so a reader never sees half a file.
absl::Status WriteKubeconfig(const std::string& path, const KubeconfigOptions& options);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_KUBECONFIG_H_
