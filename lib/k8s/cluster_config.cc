#include "lib/k8s/cluster_config.h"

#include <sys/utsname.h>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sei::k8s {
namespace {

// Go's GOARCH spelling of the machine, as client-go's User-Agent has it.
std::string Architecture() {
  struct utsname name;
  if (uname(&name) != 0) return "unknown";
  absl::string_view machine = name.machine;
  if (machine == "x86_64") return "amd64";
  if (machine == "aarch64") return "arm64";
  return std::string(machine);
}

}  // namespace

std::string DefaultUserAgent(absl::string_view version) {
  return absl::StrCat("sei-operator/", version, " (linux/", Architecture(), ") cpprestsdk/2.10");
}

absl::Status ValidateClusterConfig(const ClusterConfig& config) {
  absl::string_view server = config.server;
  absl::string_view rest;
  if (absl::StartsWith(server, "https://")) {
    rest = server.substr(8);
  } else if (absl::StartsWith(server, "http://")) {
    rest = server.substr(7);
  } else {
    return absl::InvalidArgumentError(absl::StrCat("cluster config: server \"", server,
                                                   "\" must start with https:// or http://"));
  }
  if (rest.empty() || rest.front() == '/') {
    return absl::InvalidArgumentError(
        absl::StrCat("cluster config: server \"", server, "\" names no host"));
  }
  if (config.client_certificate_pem.empty() != config.client_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "cluster config: a client certificate needs its key and a key its certificate");
  }
  if (!config.bearer_token.empty() && !config.token_file.empty()) {
    return absl::InvalidArgumentError(
        "cluster config: set either a bearer token or a token file, not both");
  }
  if (config.qps > 0 && config.burst < 1) {
    return absl::InvalidArgumentError("cluster config: burst must be at least 1 when qps > 0");
  }
  if (config.timeout <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("cluster config: timeout must be positive");
  }
  return absl::OkStatus();
}

}  // namespace sei::k8s
