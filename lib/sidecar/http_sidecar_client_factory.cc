#include "lib/sidecar/http_sidecar_client_factory.h"

#include <utility>

#include "absl/status/status.h"

namespace sei::sidecar {

absl::StatusOr<std::unique_ptr<HttpSidecarClientFactory>> HttpSidecarClientFactory::Create(
    HttpSidecarClientFactoryOptions options) {
  absl::StatusOr<SidecarUrlTemplate> url_template = SidecarUrlTemplate::Parse(options.url_template);
  if (!url_template.ok()) return url_template.status();
  return std::unique_ptr<HttpSidecarClientFactory>(
      new HttpSidecarClientFactory(*std::move(url_template), std::move(options.client)));
}

std::string HttpSidecarClientFactory::UrlFor(absl::string_view ns, absl::string_view name) const {
  return url_template_.Expand(ns, name);
}

absl::StatusOr<std::unique_ptr<SidecarClient>> HttpSidecarClientFactory::ForNode(
    absl::string_view ns, absl::string_view name) {
  if (ns.empty() || name.empty()) {
    return absl::InvalidArgumentError("a sidecar client needs the node's namespace and name");
  }
  const std::string url = UrlFor(ns, name);
  std::shared_ptr<HttpTransport> transport;
  {
    absl::MutexLock lock(&mu_);
    auto it = transports_.find(url);
    if (it != transports_.end()) {
      transport = it->second;
    } else {
      absl::StatusOr<std::shared_ptr<HttpTransport>> created = HttpTransport::Create(url);
      if (!created.ok()) return created.status();
      transport = *created;
      transports_.emplace(url, *std::move(created));
    }
  }
  return std::unique_ptr<SidecarClient>(
      std::make_unique<HttpSidecarClient>(std::move(transport), std::string(ns), options_));
}

}  // namespace sei::sidecar
