// The transport-independent request/response pair through which the control
// plane's HTTP server drives a simulated sidecar, and the injected clock that
// gives the simulation its (virtual) time. No sockets here: the server parses
// HTTP, calls SidecarFleet::Handle, and writes the Response back.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_REQUEST_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_REQUEST_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace sei::controlplane::sidecar {

// One HTTP request as the sidecar process would see it behind the in-pod
// proxy (sidecar-protocol.md §1).
struct Request {
  // Case-sensitive, as Go's ServeMux matches it ("GET", "POST", "DELETE"...).
  std::string method;
  // The decoded URL path relative to the sidecar root, e.g. "/v0/tasks/abc"
  // (the server strips its per-pod prefix first). Go's r.URL.Path.
  std::string path;
  // The raw query string without '?', e.g. "verbose=1".
  std::string query;
  // Header names lower-cased; one entry per header line (a repeated header is
  // several entries, which is what §3's duplicate check counts).
  //
  // Trusted-header mode (§3, the fleet default) requires exactly one non-empty
  // `x-remote-user` on every non-exempt path. The operator never sends it
  // itself: the server, acting as the in-pod kube-rbac-proxy, must add
  // `x-remote-user: <authenticated user>` (overwriting any client value)
  // after it has accepted the bearer token.
  std::multimap<std::string, std::string> headers;
  std::string body;
};

// What the transport should do with a Response. Faults (fault.h) that happen
// below HTTP cannot be expressed as a status code, so the server enacts them.
enum class Disposition {
  kRespond,           // write status, headers and body
  kRefuseConnection,  // behave like a closed port: reset/refuse, no response
  kHang,              // accept and never answer (exercises client deadlines)
};

struct Response {
  int status = 200;
  // Empty means "send no Content-Type" (Go writes none for an empty body).
  std::string content_type;
  std::string body;
  // Further headers in order, e.g. `Allow` on a 405 or `Location` on a 301.
  std::vector<std::pair<std::string, std::string>> headers;
  Disposition disposition = Disposition::kRespond;
};

// The simulation's time source. Task durations, submittedAt/completedAt and
// every scripted delay are measured against it, so tests inject a fake and the
// server injects SystemClock (system_clock.h).
class Clock {
 public:
  virtual ~Clock() = default;
  virtual absl::Time Now() const = 0;
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_REQUEST_H_
