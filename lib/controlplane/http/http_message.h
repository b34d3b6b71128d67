// The HTTP request and response as the local control plane's handlers see
// them: plain structs, so routing, the API handlers and the sidecar proxy are
// testable without sockets and independent of Boost.Beast (only
// http_server.cc knows Beast).
#ifndef SEI_LIB_CONTROLPLANE_HTTP_HTTP_MESSAGE_H_
#define SEI_LIB_CONTROLPLANE_HTTP_HTTP_MESSAGE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::controlplane {

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string path;    // the request-target before '?', still percent-encoded
  std::string query;   // after '?', still percent-encoded; "" when absent
  // In arrival order; names lower-cased (HTTP header names are
  // case-insensitive), values as sent.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first value of header `name` (lower-case), or "" when absent.
  std::string Header(absl::string_view name) const;
  std::vector<std::string> HeaderValues(absl::string_view name) const;
};

// The body of a streaming (chunked) response, produced asynchronously: a
// watch holds no thread while it waits for events. Implementations are
// thread-safe.
class ChunkSource {
 public:
  using Deliver = std::function<void(std::optional<std::string> chunk)>;
  virtual ~ChunkSource() = default;

  // Asks for the next piece of the body. `deliver` is called exactly once —
  // possibly on another thread, possibly before Next returns — with data, or
  // with nullopt at the end of the body. At most one Next is outstanding.
  virtual void Next(Deliver deliver) = 0;

  // The client went away, the deadline passed or the server is stopping:
  // release everything (e.g. the store watch). A pending `deliver` is
  // dropped without being called, which breaks the reference cycle between
  // the connection and its source. Idempotent.
  virtual void Close() = 0;
};

struct HttpResponse {
  // How the connection treats the request. The non-kRespond values exist
  // for the simulated sidecars' fault injection.
  enum class Disposition {
    kRespond,
    kResetConnection,  // drop the connection without answering (RST)
    kHang,             // never answer; the client's deadline must fire
  };

  int status = 200;
  // Content-Type is one of these; Content-Length and Connection are added
  // by the server.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, `body` is ignored and the response is sent with
  // Transfer-Encoding: chunked from this source, then the connection closes.
  std::shared_ptr<ChunkSource> stream;
  // A stream still open at this deadline is ended cleanly (last chunk).
  absl::Duration stream_timeout = absl::InfiniteDuration();
  Disposition disposition = Disposition::kRespond;

  void SetHeader(absl::string_view name, absl::string_view value);
  void AddHeader(absl::string_view name, absl::string_view value);
  std::string Header(absl::string_view name) const;  // case-insensitive; "" when absent
};

// Handlers run on an I/O thread and must not block for long: the store is
// in memory, and anything slow (a watch) is returned as a ChunkSource.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_HTTP_MESSAGE_H_
