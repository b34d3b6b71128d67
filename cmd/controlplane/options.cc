#include "cmd/controlplane/options.h"

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sei::controlplane_cli {
namespace {

absl::StatusOr<uint16_t> ParsePort(const std::string& flag, const std::string& value) {
  int port = 0;
  if (!absl::SimpleAtoi(value, &port) || port < 0 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": \"", value, "\" is not a port (0-65535)"));
  }
  return static_cast<uint16_t>(port);
}

}  // namespace

std::string UsageText() {
  return "usage: controlplane [flags]\n"
         "\n"
         "A local Kubernetes-compatible API server on 127.0.0.1 with simulated sidecars,\n"
         "for tests, the demo and trying manifests without a cluster.\n"
         "\n"
         "flags:\n"
         "  --port N               API port (default 0: ephemeral)\n"
         "  --sidecar-port N       simulated sidecars' port (default 0: ephemeral)\n"
         "  --kubeconfig PATH      where to write the kubeconfig (default\n"
         "                         ./controlplane.kubeconfig; written with mode 0600)\n"
         "  --token TOKEN          the bearer token to accept (default: random)\n"
         "  --insecure-http        serve the API over plain HTTP instead of HTTPS\n"
         "  --pod-grace-seconds N  how long a deleted pod stays terminating (default 2)\n"
         "  --help                 this text\n"
         "\n"
         "Prints one line per endpoint (api, sidecars, kubeconfig, token), then serves\n"
         "until SIGINT or SIGTERM.\n";
}

absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& args) {
  Options options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (const size_t equals = flag.find('=');
        absl::StartsWith(flag, "--") && equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
    }
    auto take_value = [&]() -> absl::StatusOr<std::string> {
      if (value) return *value;
      if (i + 1 >= args.size()) return absl::InvalidArgumentError(flag + " needs a value");
      return args[++i];
    };
    if (flag == "--help" || flag == "-h") {
      options.help = true;
    } else if (flag == "--insecure-http") {
      if (value && *value != "true") {
        return absl::InvalidArgumentError("--insecure-http takes no value");
      }
      options.insecure_http = true;
    } else if (flag == "--port" || flag == "--sidecar-port") {
      auto text = take_value();
      if (!text.ok()) return text.status();
      auto port = ParsePort(flag, *text);
      if (!port.ok()) return port.status();
      (flag == "--port" ? options.port : options.sidecar_port) = *port;
    } else if (flag == "--kubeconfig") {
      auto text = take_value();
      if (!text.ok()) return text.status();
      if (text->empty()) return absl::InvalidArgumentError("--kubeconfig must not be empty");
      options.kubeconfig = *text;
    } else if (flag == "--token") {
      auto text = take_value();
      if (!text.ok()) return text.status();
      if (text->empty()) return absl::InvalidArgumentError("--token must not be empty");
      options.token = *text;
    } else if (flag == "--pod-grace-seconds") {
      auto text = take_value();
      if (!text.ok()) return text.status();
      int64_t seconds = 0;
      if (!absl::SimpleAtoi(*text, &seconds) || seconds < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("--pod-grace-seconds: \"", *text, "\" is not a non-negative integer"));
      }
      options.pod_grace_seconds = seconds;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag \"", args[i], "\""));
    }
  }
  return options;
}

}  // namespace sei::controlplane_cli
