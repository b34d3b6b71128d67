// The sidecar's authentication modes (sidecar-protocol.md §3).
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_AUTH_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_AUTH_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/sidecar/request.h"

namespace sei::controlplane::sidecar {

enum class AuthMode {
  // Every caller is trusted (the sidecar listens on all interfaces).
  kUnauthenticated,
  // Behind the in-pod kube-rbac-proxy: non-exempt paths need exactly one
  // non-empty X-Remote-User header, which only the proxy sets.
  kTrustedHeader,
};

// SEI_SIDECAR_AUTHN_MODE, trimmed and lower-cased: "" or "unauthenticated",
// or "trusted-header"; anything else is the reference's startup error.
absl::StatusOr<AuthMode> ParseAuthMode(absl::string_view value);

// /v0/healthz, /v0/startupz, /v0/livez and /v0/metrics (exact match): the
// probes and the scrape carry no Kubernetes identity.
bool IsAuthExemptPath(absl::string_view path);

// Why a trusted-header check refused a request.
struct AuthRejection {
  absl::string_view reason;  // the metric label: missing_header, duplicate_header, empty_header
  std::string message;       // the 401 body's error text
};

// The trusted-header middleware, evaluated before routing (so unknown paths
// are checked too). nullopt when the request may pass.
std::optional<AuthRejection> CheckTrustedHeader(const Request& request);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_AUTH_H_
