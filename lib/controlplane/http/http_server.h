// A small asynchronous HTTP/1.1 server (Boost.Beast on Boost.Asio) for the
// local control plane: one io_context served by a few threads, any number of
// loopback listeners (HTTPS or plain HTTP), each with its own handler.
//
// Why asynchronous: a watch is a response that stays open for up to an hour;
// with a thread per connection, 1,000 open watches would need 1,000 threads.
// Here an open watch costs a socket, a strand and a few buffers.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_HTTP_SERVER_H_
#define SEI_LIB_CONTROLPLANE_HTTP_HTTP_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/controlplane/http/http_message.h"

namespace sei::controlplane {

struct ListenerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 0;  // 0: an ephemeral port, reported by Listen()
  // PEM certificate chain and private key. Both empty: plain HTTP.
  std::string tls_certificate_chain_pem;
  std::string tls_private_key_pem;
  // Bodies above this size are refused before they are read (413).
  size_t max_body_bytes = 3 * 1024 * 1024;
  size_t max_header_bytes = 64 * 1024;
  // How long an idle keep-alive connection (or a slow request) may take.
  absl::Duration idle_timeout = absl::Minutes(5);
  HttpHandler handler;
  // The response for requests the server rejects before `handler` sees
  // them (413, 431, 500 when the handler threw). Default: plain text.
  std::function<HttpResponse(int code, absl::string_view message)> error_response;
};

class HttpServer {
 public:
  // `io_threads` is clamped to [1, 16].
  explicit HttpServer(int io_threads);
  ~HttpServer();  // Stop()s
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts accepting (served once Start() ran). Returns the bound
  // port. Errors: a bad address or port in use, an unusable certificate.
  absl::StatusOr<uint16_t> Listen(ListenerOptions options);

  // Starts the I/O threads. Idempotent.
  void Start();

  // Stops accepting, ends every connection (open watches included, which
  // releases their store watches) and joins the threads, within about two
  // seconds. Idempotent; the server cannot be restarted.
  void Stop();

  // Connections currently open (for tests and diagnostics).
  size_t OpenConnections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_HTTP_SERVER_H_
