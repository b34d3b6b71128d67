#include "lib/k8s/in_cluster.h"

#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/k8s/read_file.h"

namespace sei::k8s {

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

absl::StatusOr<ClusterConfig> InClusterConfig(const InClusterOptions& options) {
  std::optional<std::string> host = options.env("KUBERNETES_SERVICE_HOST");
  std::optional<std::string> port = options.env("KUBERNETES_SERVICE_PORT");
  if (!host || host->empty() || !port || port->empty()) {
    return absl::FailedPreconditionError(
        "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be "
        "set");
  }
  ClusterConfig config;
  bool ipv6 = absl::StrContains(*host, ':') && !absl::StartsWith(*host, "[");
  config.server = ipv6 ? absl::StrCat("https://[", *host, "]:", *port)
                       : absl::StrCat("https://", *host, ":", *port);

  // Read once now so that a pod without a mounted token fails at startup,
  // not on its first request; TokenSource re-reads it as it rotates.
  absl::StatusOr<std::string> token = ReadFileContents(options.token_path);
  if (!token.ok()) {
    return absl::Status(token.status().code(), absl::StrCat("in-cluster service-account token: ",
                                                            token.status().message()));
  }
  config.token_file = options.token_path;
  absl::StatusOr<std::string> ca = ReadFileContents(options.ca_path);
  if (!ca.ok()) {
    return absl::Status(ca.status().code(),
                        absl::StrCat("in-cluster CA bundle: ", ca.status().message()));
  }
  if (ca->empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("in-cluster CA bundle ", options.ca_path, " is empty"));
  }
  config.ca_pem = *ca;
  return config;
}

}  // namespace sei::k8s
