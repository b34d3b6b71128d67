// Where and how the operator connects to a Kubernetes API server: the
// server URL, how the server is trusted, how the client identifies itself,
// and the client-side limits every request obeys. Produced by a kubeconfig
// (kubeconfig.h), the in-cluster environment (in_cluster.h) or by hand; the
// REST client (rest_client.h) consumes it.
#ifndef SEI_LIB_K8S_CLUSTER_CONFIG_H_
#define SEI_LIB_K8S_CLUSTER_CONFIG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::k8s {

struct ClusterConfig {
  // "https://host:port", optionally with a path prefix; no trailing slash.
  std::string server;

  // Trust: the CA bundle (PEM) that signs the server's certificate; empty =
  // the system's trust store. `insecure_skip_tls_verify` turns verification
  // off and is only ever set when a kubeconfig or a caller asks explicitly.
  std::string ca_pem;
  bool insecure_skip_tls_verify = false;

  // Identity: a bearer token (literal, or a file re-read when it changes,
  // as projected service-account tokens rotate) and/or a client
  // certificate with its key (PEM). At most one of bearer_token and
  // token_file is set.
  std::string bearer_token;
  std::string token_file;
  std::string client_certificate_pem;
  std::string client_key_pem;

  // Client-side token bucket: `qps` requests per second on average, bursts
  // of up to `burst`. qps <= 0 disables the limiter.
  double qps = 20;
  int burst = 30;
  // Deadline of one request, from sending it to having read the whole
  // answer (for a watch: until the response headers arrive).
  absl::Duration timeout = absl::Seconds(30);
  std::string user_agent;  // empty = DefaultUserAgent(kOperatorVersion)
};

// The operator's version as it appears in the User-Agent.
inline constexpr absl::string_view kOperatorVersion = "0.1.0";

// "sei-operator/<version> (linux/amd64) cpprestsdk/2.10": who is calling,
// in the form kube-apiserver audit logs and metrics expect.
std::string DefaultUserAgent(absl::string_view version);

// A config the REST client can use: a server URL with scheme http or https
// and a host, a certificate and key given together, not both a token and a
// token file, burst >= 1 when rate limiting, a positive timeout.
// InvalidArgument naming the offending field otherwise.
absl::Status ValidateClusterConfig(const ClusterConfig& config);

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_CLUSTER_CONFIG_H_
