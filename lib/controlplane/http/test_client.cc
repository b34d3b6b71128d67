#include "lib/controlplane/http/test_client.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <memory>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sei::controlplane::testing {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// Runs `ioc` until `done` or the deadline; on timeout the caller closes the
// socket, which completes the pending operation with an error.
bool RunUntil(net::io_context& ioc, const bool& done, Clock::time_point deadline) {
  while (!done && Clock::now() < deadline) {
    ioc.restart();
    ioc.run_for(std::chrono::milliseconds(20));
  }
  return done;
}

// One connection (plain or TLS) to 127.0.0.1:port, driven synchronously.
class Connection {
 public:
  Connection(uint16_t port, const std::string& ca_pem)
      : port_(port), tls_(!ca_pem.empty()), context_(ssl::context::tls_client), socket_(ioc_) {
    if (tls_) {
      context_.set_verify_mode(ssl::verify_peer);
      beast::error_code ignored;
      context_.add_certificate_authority(net::buffer(ca_pem), ignored);
      tls_stream_.emplace(socket_, context_);
      tls_stream_->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    }
  }

  ~Connection() { Close(); }

  void Close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    // Let aborted handlers run so nothing references this object later.
    ioc_.restart();
    ioc_.run_for(std::chrono::milliseconds(50));
  }

  std::string Connect(Clock::time_point deadline) {
    bool done = false;
    beast::error_code ec;
    socket_.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_),
                          [&](beast::error_code e) {
                            ec = e;
                            done = true;
                          });
    if (!RunUntil(ioc_, done, deadline)) return "connect timed out";
    if (ec) return "connect: " + ec.message();
    if (!tls_) return "";
    done = false;
    tls_stream_->async_handshake(ssl::stream_base::client, [&](beast::error_code e) {
      ec = e;
      done = true;
    });
    if (!RunUntil(ioc_, done, deadline)) return "TLS handshake timed out";
    if (ec) return "TLS handshake: " + ec.message();
    return "";
  }

  template <class Op>
  std::string Run(Op op, Clock::time_point deadline, const char* what) {
    bool done = false;
    beast::error_code ec;
    auto handler = [&](beast::error_code e, size_t) {
      ec = e;
      done = true;
    };
    WithStream([&](auto& stream) { op(stream, handler); });
    if (!RunUntil(ioc_, done, deadline)) {
      Close();
      return absl::StrCat(what, " timed out");
    }
    if (ec) return absl::StrCat(what, ": ", ec.message());
    return "";
  }

  // Starts an operation without running it (the watch reader runs the
  // io_context itself, checking its progress between slices).
  template <class F>
  void WithStream(F f) {
    if (tls_) {
      f(*tls_stream_);
    } else {
      f(socket_);
    }
  }

  net::io_context& ioc() { return ioc_; }

 private:
  uint16_t port_;
  bool tls_;
  net::io_context ioc_;
  ssl::context context_;
  tcp::socket socket_;
  std::optional<ssl::stream<tcp::socket&>> tls_stream_;
};

http::request<http::string_body> MakeRequest(const std::string& method, const std::string& target,
                                             const std::string& body, const Headers& headers,
                                             const std::string& token) {
  http::request<http::string_body> request;
  request.method_string(method);
  request.target(target);
  request.version(11);
  request.set(http::field::host, "127.0.0.1");
  if (!token.empty()) request.set(http::field::authorization, "Bearer " + token);
  for (const auto& [name, value] : headers) request.insert(name, value);
  request.body() = body;
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    request.prepare_payload();
  }
  return request;
}

template <class Message>
void CopyHeaders(const Message& message, Headers& out) {
  for (const auto& field : message) {
    out.emplace_back(absl::AsciiStrToLower(std::string(field.name_string())),
                     std::string(field.value()));
  }
}

}  // namespace

std::string ClientResponse::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key == absl::AsciiStrToLower(name)) return value;
  }
  return "";
}

std::vector<std::string> ClientResponse::HeaderValues(const std::string& name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (key == absl::AsciiStrToLower(name)) values.push_back(value);
  }
  return values;
}

nlohmann::json ClientResponse::Json() const {
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json() : parsed;
}

TestClient::TestClient(uint16_t port, std::string ca_pem, std::string token)
    : port_(port), ca_pem_(std::move(ca_pem)), token_(std::move(token)) {}

ClientResponse TestClient::Request(const std::string& method, const std::string& target,
                                   const std::string& body, const Headers& headers,
                                   absl::Duration timeout) const {
  ClientResponse response;
  const auto deadline = Clock::now() + absl::ToChronoNanoseconds(timeout);
  Connection connection(port_, ca_pem_);
  response.error = connection.Connect(deadline);
  if (!response.error.empty()) return response;
  auto request = MakeRequest(method, target, body, headers, token_);
  response.error = connection.Run(
      [&](auto& stream, auto handler) { http::async_write(stream, request, handler); }, deadline,
      "write");
  // A server that rejects early (413) may reset the write; still try to
  // read its answer.
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);  // headers only, whatever Content-Length says
  const std::string read_error = connection.Run(
      [&](auto& stream, auto handler) { http::async_read(stream, buffer, parser, handler); },
      deadline, "read");
  if (!read_error.empty()) {
    if (response.error.empty()) response.error = read_error;
    return response;
  }
  response.error.clear();
  auto message = parser.release();
  response.status = message.result_int();
  CopyHeaders(message, response.headers);
  response.body = std::move(message.body());
  return response;
}

ClientResponse TestClient::Send(const std::string& method, const std::string& target,
                                const nlohmann::json& body, const std::string& content_type) const {
  return Request(method, target, body.dump(), {{"Content-Type", content_type}});
}

WatchResult TestClient::Watch(const std::string& target, size_t max_events, absl::Duration timeout,
                              const Headers& headers) const {
  WatchResult result;
  const auto deadline = Clock::now() + absl::ToChronoNanoseconds(timeout);
  Connection connection(port_, ca_pem_);
  result.error = connection.Connect(deadline);
  if (!result.error.empty()) return result;
  auto request = MakeRequest("GET", target, "", headers, token_);
  result.error = connection.Run(
      [&](auto& stream, auto handler) { http::async_write(stream, request, handler); }, deadline,
      "write");
  if (!result.error.empty()) return result;

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  std::string pending;  // a line split across chunks
  auto on_chunk = [&](std::uint64_t, beast::string_view data, beast::error_code&) {
    pending.append(data.data(), data.size());
    for (size_t newline = pending.find('\n'); newline != std::string::npos;
         newline = pending.find('\n')) {
      result.events.push_back(nlohmann::json::parse(pending.substr(0, newline), nullptr, false));
      pending.erase(0, newline + 1);
    }
    return data.size();
  };
  parser.on_chunk_body(on_chunk);
  result.error = connection.Run(
      [&](auto& stream, auto handler) { http::async_read_header(stream, buffer, parser, handler); },
      deadline, "read header");
  if (!result.error.empty()) return result;
  result.status = parser.get().result_int();

  // Read the body in slices so that reaching max_events can stop early.
  bool done = false;
  beast::error_code ec;
  auto read = [&](auto& stream) {
    http::async_read(stream, buffer, parser, [&](beast::error_code e, size_t) {
      ec = e;
      done = true;
    });
  };
  connection.WithStream(read);
  while (!done && Clock::now() < deadline && result.events.size() < max_events) {
    connection.ioc().restart();
    connection.ioc().run_for(std::chrono::milliseconds(20));
  }
  if (done && !ec) {
    result.ended = true;
    if (!parser.get().chunked()) {
      // A plain (error) body: one JSON document.
      result.events.push_back(nlohmann::json::parse(parser.get().body(), nullptr, false));
    }
  } else if (done && ec) {
    result.error = "body: " + ec.message();
  }
  connection.Close();
  return result;
}

}  // namespace sei::controlplane::testing
