// The controlplane binary's command line.
#ifndef SEI_CMD_CONTROLPLANE_OPTIONS_H_
#define SEI_CMD_CONTROLPLANE_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace sei::controlplane_cli {

struct Options {
  uint16_t port = 0;          // 0: ephemeral
  uint16_t sidecar_port = 0;  // 0: ephemeral
  std::string kubeconfig = "./controlplane.kubeconfig";
  std::string token;  // empty: random
  bool insecure_http = false;
  std::optional<int64_t> pod_grace_seconds;  // unset: the store's default
  bool help = false;
};

// Parses argv[1..]: `--flag value` or `--flag=value`. Errors are one line
// suitable after "controlplane: ".
absl::StatusOr<Options> ParseOptions(const std::vector<std::string>& args);

std::string UsageText();

}  // namespace sei::controlplane_cli

#endif  // SEI_CMD_CONTROLPLANE_OPTIONS_H_
