// One HTTPS connection pool to the API server, and the rules every request
// follows on it: the rate limiter first, then a bearer token, a User-Agent,
// TLS trust and client certificate from the ClusterConfig, a deadline, and
// a single retry after 401 when the token comes from a file that may have
// rotated. Answers become bodies or the typed errors of api_error.h.
// RestKubeClient builds its verbs on this; nothing else should need it.
#ifndef SEI_LIB_K8S_REST_TRANSPORT_H_
#define SEI_LIB_K8S_REST_TRANSPORT_H_

#include <cpprest/http_client.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/k8s/cluster_config.h"
#include "lib/k8s/rate_limiter.h"
#include "lib/k8s/token_source.h"

namespace sei::k8s {

struct RestRequest {
  std::string method;          // "GET", "POST", ...
  std::string path_and_query;  // "/api/v1/namespaces/x/pods?limit=1"
  std::string body;            // sent when content_type is set
  std::string content_type;
};

// A response whose body is still arriving (a watch), with the means to
// abandon it from another thread.
struct OpenResponse {
  web::http::http_response response;
  pplx::cancellation_token_source cancel;
  // Keeps the stream's own connection pool (its idle limit differs from
  // the shared one) alive while the body is read.
  std::shared_ptr<web::http::client::http_client> client;
};

class RestTransport {
 public:
  // InvalidArgument for a config that fails ValidateClusterConfig or whose
  // CA, certificate or key PEM does not load.
  static absl::StatusOr<std::unique_ptr<RestTransport>> Create(const ClusterConfig& config);

  // Sends `request` and reads the whole answer within config.timeout. 2xx →
  // the body; any other code → ApiErrorFromResponse; no answer in time →
  // kTimeout; no answer at all (refused, TLS failure, reset) → kTransport.
  absl::StatusOr<std::string> Call(const RestRequest& request);

  // Sends `request` and waits (within config.timeout) for a 2xx status line
  // and headers only; the body is the caller's to read. The connection may
  // then stay silent for up to `idle_limit` before it is closed as dead.
  absl::StatusOr<OpenResponse> Open(const RestRequest& request, absl::Duration idle_limit);

  const ClusterConfig& config() const { return config_; }

 private:
  struct Sent;  // the outcome of one attempt (rest_transport.cc)

  RestTransport(ClusterConfig config, std::unique_ptr<TokenSource> tokens);

  // One attempt: rate limit, token, send, wait for the headers (and the
  // body unless `stream`).
  Sent Attempt(const RestRequest& request, bool stream, absl::Duration idle_limit);
  // Attempt, then once more after a 401 when the token can be refreshed.
  Sent AttemptWithRefresh(const RestRequest& request, bool stream, absl::Duration idle_limit);
  web::http::client::http_client_config ClientConfig(absl::Duration idle_limit) const;

  const ClusterConfig config_;
  const std::unique_ptr<TokenSource> tokens_;
  RateLimiter limiter_;
  web::http::client::http_client client_;
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_REST_TRANSPORT_H_
