// One keep-alive HTTPS/1.1 client connection for the benchmark,
// asynchronous on a caller-owned io_context so that a single client thread
// can drive a handful of busy connections (the write load) or a thousand
// idle ones (the watch fan-out) without a thread each — the client must
// not eat the two cores the server is being measured on.
//
// Every request and handshake has a deadline, so a stalled server fails the
// run instead of hanging it. Callbacks run on the io_context's thread.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_HTTPS_CONNECTION_H_
#define SEI_LIB_CONTROLPLANE_BENCH_HTTPS_CONNECTION_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::controlplane::bench {

struct BenchRequest {
  std::string method;
  std::string target;  // path and query
  std::string body;    // empty: no body
  std::string content_type = "application/json";
};

struct BenchResponse {
  int status = 0;
  std::string body;
};

// Where the connections go: always 127.0.0.1.
struct ServerEndpoint {
  uint16_t port = 0;
  std::string token;                           // the bearer token
  absl::Duration timeout = absl::Seconds(30);  // per connect, handshake and request
};

// A TLS client context that trusts only `ca_pem` and checks that the
// server's certificate names 127.0.0.1. Errors: an unusable PEM.
absl::StatusOr<std::unique_ptr<boost::asio::ssl::context>> MakeClientTlsContext(
    const std::string& ca_pem);

class HttpsConnection : public std::enable_shared_from_this<HttpsConnection> {
 public:
  using StatusCallback = std::function<void(absl::Status)>;
  using ResponseCallback = std::function<void(absl::StatusOr<BenchResponse>)>;

  // `ioc` and `tls` must outlive the connection.
  static std::shared_ptr<HttpsConnection> Create(boost::asio::io_context& ioc,
                                                 boost::asio::ssl::context& tls,
                                                 ServerEndpoint endpoint);

  // TCP connect and TLS handshake.
  void Connect(StatusCallback done);

  // One request and its whole response; the connection stays open for the
  // next one. Errors: transport failures and timeouts (an HTTP error status
  // is a response, not an error).
  void Send(const BenchRequest& request, ResponseCallback done);

  // A GET whose response streams newline-delimited lines (a watch):
  // `on_open` once the 200 header arrived, `on_line` per complete line,
  // `done` when the server ends the body (OK) or on any error, a non-200
  // answer, or Close(). No deadline once open: the server's
  // timeoutSeconds and the caller's Close() bound it.
  void Stream(const std::string& target, std::function<void()> on_open,
              std::function<void(absl::string_view line)> on_line, StatusCallback done);

  // Ends the connection; pending operations complete with an error.
  void Close();

  HttpsConnection(boost::asio::io_context& ioc, boost::asio::ssl::context& tls,
                  ServerEndpoint endpoint);  // use Create

 private:
  void Write(const BenchRequest& request, std::function<void(absl::Status)> written);
  void OnStreamData(absl::string_view data);

  ServerEndpoint endpoint_;
  boost::beast::ssl_stream<boost::beast::tcp_stream> stream_;
  boost::beast::flat_buffer buffer_;
  boost::beast::http::request<boost::beast::http::string_body> request_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser_;
  std::function<void(absl::string_view)> on_line_;
  // Beast's parser keeps a reference to its chunk callback, so the
  // callback lives here, as long as the connection.
  std::function<size_t(uint64_t, boost::beast::string_view, boost::beast::error_code&)> chunk_body_;
  std::string partial_line_;  // a line split across chunks
};

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_HTTPS_CONNECTION_H_
