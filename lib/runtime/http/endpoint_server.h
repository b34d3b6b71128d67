// A tiny HTTP/1.1 server for the operator's own endpoints — GET /metrics on
// the metrics address, GET /healthz and /readyz on the probe address — each
// path answered by a function.
//
// Transport: the Boost.Beast server of the local control plane
// (//lib/controlplane/http:http_server), reused rather than written again.
// cpprestsdk's http_listener was the first choice but is unusable here: it
// binds "127.0.0.1:0" to an ephemeral port and offers no way to learn which
// (its uri() still says port 0), so tests could not reach it without a
// racy probe-then-bind; its failures also arrive as exceptions from pplx
// tasks rather than as statuses.
#ifndef SEI_LIB_RUNTIME_HTTP_ENDPOINT_SERVER_H_
#define SEI_LIB_RUNTIME_HTTP_ENDPOINT_SERVER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace sei::controlplane {
class HttpServer;
}

namespace sei::runtime {

struct EndpointResponse {
  int code = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

// Runs on a server thread for each GET of its path; must be thread-safe.
using EndpointHandler = std::function<EndpointResponse()>;

class EndpointServer {
 public:
  // `bind_address` as bind_address.h parses it (":8080", "127.0.0.1:0").
  explicit EndpointServer(std::string bind_address);
  ~EndpointServer();  // Stop()s
  EndpointServer(const EndpointServer&) = delete;
  EndpointServer& operator=(const EndpointServer&) = delete;

  // Serves GET `path` (exact match) with `handler`. Before Start() only;
  // AlreadyExists for a path already routed, FailedPrecondition once started.
  absl::Status Route(std::string path, EndpointHandler handler);

  // Binds and starts serving; returns the bound port (the ephemeral one for
  // port 0). Other paths answer 404, other methods 405. Errors: a bad bind
  // address, a port in use, a second Start().
  absl::StatusOr<uint16_t> Start();
  // Stops serving and joins the server's thread. Idempotent.
  void Stop();

 private:
  const std::string bind_address_;
  absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  // Read without the lock once started: routes are frozen by then.
  std::map<std::string, EndpointHandler> routes_;
  std::unique_ptr<controlplane::HttpServer> server_;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_HTTP_ENDPOINT_SERVER_H_
