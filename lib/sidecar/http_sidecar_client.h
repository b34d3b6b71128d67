// SidecarClient over HTTP (sidecar-protocol.md §4, §9, §12): one node's
// sidecar behind its in-pod kube-rbac-proxy. Every call carries
// `Authorization: Bearer <token>` when the token source yields one (H11,
// probe paths included) and never X-Remote-User (the proxy sets it); every
// call has its own deadline (§12 product column, D15); a 401 drops the
// cached token before the error is returned (H10).
#ifndef SEI_LIB_SIDECAR_HTTP_SIDECAR_CLIENT_H_
#define SEI_LIB_SIDECAR_HTTP_SIDECAR_CLIENT_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/k8s/token_source.h"
#include "lib/sidecar/http_transport.h"
#include "lib/sidecar/response_mapping.h"
#include "lib/sidecar/sidecar_client.h"

namespace sei::sidecar {

inline constexpr char kServiceAccountTokenPath[] =
    "/var/run/secrets/kubernetes.io/serviceaccount/token";

struct HttpSidecarClientOptions {
  Deadlines deadlines;
  // The operator's service-account token (tasks.md §6.3):
  // k8s::TokenSource::FromFile(kServiceAccountTokenPath) in a cluster; the
  // API client's source type, so both re-read a rotated token alike.
  // nullptr or an empty token: no Authorization header (a sidecar reached
  // without the proxy).
  std::shared_ptr<k8s::TokenSource> token_source;
};

class HttpSidecarClient : public SidecarClient {
 public:
  // `ns` is the node's namespace, which 403 messages name.
  HttpSidecarClient(std::shared_ptr<const HttpTransport> transport, std::string ns,
                    HttpSidecarClientOptions options);

  // A client with its own transport for `base_url` (the factory shares
  // transports instead). InvalidArgument for a malformed URL.
  static absl::StatusOr<std::unique_ptr<HttpSidecarClient>> Create(
      absl::string_view base_url, std::string ns, HttpSidecarClientOptions options);

  // Error classes and messages: sidecar_client.h and response_mapping.h;
  // transport failures are Unavailable / DeadlineExceeded with the same
  // leading words (`sidecar <type> task submission: …`). A missing token is
  // Unavailable (retried: the kubelet may not have projected it yet).
  absl::Status Submit(const TaskRequest& request) override;
  absl::StatusOr<TaskResult> GetTask(absl::string_view id) override;
  absl::StatusOr<Health> Healthz() override;
  absl::StatusOr<std::string> NodeId() override;

  const std::string& base_url() const { return transport_->base_url(); }

 private:
  // Sends one request; `what` prefixes transport and token errors.
  absl::StatusOr<HttpAnswer> Call(absl::string_view method, std::string path,
                                  std::optional<std::string> body, absl::Duration deadline,
                                  absl::string_view what);
  // Drops the cached token when the proxy refused it.
  template <typename T>
  T AfterAuth(T result);

  const std::shared_ptr<const HttpTransport> transport_;
  const AnswerContext context_;
  const HttpSidecarClientOptions options_;
};

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_HTTP_SIDECAR_CLIENT_H_
