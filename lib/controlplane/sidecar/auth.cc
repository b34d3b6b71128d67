#include "lib/controlplane/sidecar/auth.h"

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/core/go_strconv.h"

namespace sei::controlplane::sidecar {
namespace {

constexpr absl::string_view kRemoteUserHeader = "x-remote-user";

// Go's textproto strips spaces and tabs around header values.
absl::string_view TrimHeaderValue(absl::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

}  // namespace

absl::StatusOr<AuthMode> ParseAuthMode(absl::string_view value) {
  const std::string mode = absl::AsciiStrToLower(absl::StripAsciiWhitespace(value));
  if (mode.empty() || mode == "unauthenticated") return AuthMode::kUnauthenticated;
  if (mode == "trusted-header") return AuthMode::kTrustedHeader;
  return absl::InvalidArgumentError(
      absl::StrCat("SEI_SIDECAR_AUTHN_MODE=", GoQuote(mode),
                   " is not recognized (allowed: \"\", \"unauthenticated\", \"trusted-header\")"));
}

bool IsAuthExemptPath(absl::string_view path) {
  return path == "/v0/healthz" || path == "/v0/startupz" || path == "/v0/livez" ||
         path == "/v0/metrics";
}

std::optional<AuthRejection> CheckTrustedHeader(const Request& request) {
  if (IsAuthExemptPath(request.path)) return std::nullopt;
  std::vector<absl::string_view> values;
  const auto range = request.headers.equal_range(std::string(kRemoteUserHeader));
  for (auto it = range.first; it != range.second; ++it) values.push_back(it->second);
  if (values.empty()) {
    return AuthRejection{"missing_header", "missing X-Remote-User header"};
  }
  // A proxy that appends instead of overwriting could let a client-supplied
  // value arrive first, so more than one value fails closed.
  if (values.size() > 1) {
    return AuthRejection{
        "duplicate_header",
        "expected exactly one X-Remote-User header — proxy must overwrite, not append"};
  }
  if (TrimHeaderValue(values.front()).empty()) {
    return AuthRejection{"empty_header", "empty X-Remote-User header"};
  }
  return std::nullopt;
}

}  // namespace sei::controlplane::sidecar
