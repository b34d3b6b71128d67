#include "lib/runtime/http/bind_address.h"

#include <arpa/inet.h>

#include <cstdint>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sei::runtime {
namespace {

bool IsIpLiteral(const std::string& host) {
  unsigned char buffer[sizeof(struct in6_addr)];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

}  // namespace

absl::StatusOr<BindAddress> ParseBindAddress(absl::string_view text) {
  auto invalid = [text](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("bind address \"", text, "\": ", why));
  };
  const size_t colon = text.rfind(':');
  if (colon == absl::string_view::npos) return invalid("want host:port or :port");
  absl::string_view host = text.substr(0, colon);
  const absl::string_view port_text = text.substr(colon + 1);
  uint32_t port = 0;
  if (port_text.empty() || !absl::SimpleAtoi(port_text, &port) || port > 65535) {
    return invalid("the port must be a number from 0 to 65535");
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  BindAddress out;
  out.port = static_cast<uint16_t>(port);
  if (host.empty()) {
    out.host = "0.0.0.0";
  } else if (host == "localhost") {
    out.host = "127.0.0.1";
  } else {
    out.host = std::string(host);
    if (!IsIpLiteral(out.host)) return invalid("the host must be an IP address or localhost");
  }
  return out;
}

}  // namespace sei::runtime
