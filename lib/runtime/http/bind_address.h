// The --metrics-bind-address / --health-probe-bind-address syntax
// (tasks.md §6.1): "host:port" where an empty host means every interface
// (":8080"), "[v6]:port" for IPv6, and port 0 asks for an ephemeral port.
#ifndef SEI_LIB_RUNTIME_HTTP_BIND_ADDRESS_H_
#define SEI_LIB_RUNTIME_HTTP_BIND_ADDRESS_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::runtime {

struct BindAddress {
  std::string host;  // an IP literal: "0.0.0.0", "127.0.0.1", "::1"
  uint16_t port = 0;
};

// "localhost" becomes 127.0.0.1; other host names are refused (a listener
// binds an address, and resolving names at startup is a failure mode not
// worth having). InvalidArgument naming the input otherwise.
absl::StatusOr<BindAddress> ParseBindAddress(absl::string_view text);

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_HTTP_BIND_ADDRESS_H_
