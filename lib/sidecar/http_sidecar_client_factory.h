// Builds each node's HttpSidecarClient from the URL template (tasks.md §6.3).
// Transports (and with them the keep-alive connections) are kept per base
// URL for the factory's lifetime, so the per-reconcile clients the executor
// builds reuse connections; one factory per process is the intended use.
#ifndef SEI_LIB_SIDECAR_HTTP_SIDECAR_CLIENT_FACTORY_H_
#define SEI_LIB_SIDECAR_HTTP_SIDECAR_CLIENT_FACTORY_H_

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "lib/sidecar/http_sidecar_client.h"
#include "lib/sidecar/http_transport.h"
#include "lib/sidecar/sidecar_client.h"
#include "lib/sidecar/url_template.h"

namespace sei::sidecar {

struct HttpSidecarClientFactoryOptions {
  std::string url_template = kDefaultSidecarUrlTemplate;
  HttpSidecarClientOptions client;  // deadlines and token source of every client
};

class HttpSidecarClientFactory : public SidecarClientFactory {
 public:
  // InvalidArgument for a template SidecarUrlTemplate::Parse rejects (e.g.
  // without `{name}`), so a misconfigured operator fails at startup.
  static absl::StatusOr<std::unique_ptr<HttpSidecarClientFactory>> Create(
      HttpSidecarClientFactoryOptions options);

  // Thread-safe. InvalidArgument for an empty namespace or name, or when the
  // expanded URL is not a valid URL.
  absl::StatusOr<std::unique_ptr<SidecarClient>> ForNode(absl::string_view ns,
                                                         absl::string_view name) override;

  // The base URL ForNode would use.
  std::string UrlFor(absl::string_view ns, absl::string_view name) const;

 private:
  HttpSidecarClientFactory(SidecarUrlTemplate url_template, HttpSidecarClientOptions options)
      : url_template_(std::move(url_template)), options_(std::move(options)) {}

  const SidecarUrlTemplate url_template_;
  const HttpSidecarClientOptions options_;
  absl::Mutex mu_;
  std::map<std::string, std::shared_ptr<HttpTransport>> transports_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_HTTP_SIDECAR_CLIENT_FACTORY_H_
