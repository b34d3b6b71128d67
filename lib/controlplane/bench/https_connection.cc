#include "lib/controlplane/bench/https_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <utility>

#include "absl/strings/str_cat.h"

namespace sei::controlplane::bench {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// A LIST of 10,000 realistic pods is tens of megabytes.
constexpr uint64_t kMaxResponseBytes = 1024ull * 1024 * 1024;

absl::Status TransportError(absl::string_view what, const beast::error_code& ec) {
  if (ec == beast::error::timeout)
    return absl::DeadlineExceededError(absl::StrCat(what, " timed out"));
  return absl::UnavailableError(absl::StrCat(what, ": ", ec.message()));
}

}  // namespace

absl::StatusOr<std::unique_ptr<ssl::context>> MakeClientTlsContext(const std::string& ca_pem) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  beast::error_code ec;
  context->set_verify_mode(ssl::verify_peer, ec);
  if (!ec) context->add_certificate_authority(net::buffer(ca_pem), ec);
  if (ec) return absl::InvalidArgumentError("unusable CA certificate: " + ec.message());
  return context;
}

std::shared_ptr<HttpsConnection> HttpsConnection::Create(net::io_context& ioc, ssl::context& tls,
                                                         ServerEndpoint endpoint) {
  return std::make_shared<HttpsConnection>(ioc, tls, std::move(endpoint));
}

HttpsConnection::HttpsConnection(net::io_context& ioc, ssl::context& tls, ServerEndpoint endpoint)
    : endpoint_(std::move(endpoint)), stream_(ioc, tls) {
  stream_.set_verify_callback(ssl::host_name_verification("127.0.0.1"));
  chunk_body_ = [this](std::uint64_t, beast::string_view data, beast::error_code&) {
    OnStreamData(absl::string_view(data.data(), data.size()));
    return data.size();
  };
}

void HttpsConnection::Connect(StatusCallback done) {
  auto& socket = beast::get_lowest_layer(stream_);
  socket.expires_after(absl::ToChronoNanoseconds(endpoint_.timeout));
  socket.async_connect(
      tcp::endpoint(net::ip::address_v4::loopback(), endpoint_.port),
      [self = shared_from_this(), done = std::move(done)](beast::error_code ec) mutable {
        if (ec) return done(TransportError("connect", ec));
        beast::error_code ignored;
        // Requests are small and answered one at a time: Nagle would add
        // delayed-ACK stalls to every round trip.
        beast::get_lowest_layer(self->stream_).socket().set_option(tcp::no_delay(true), ignored);
        self->stream_.async_handshake(
            ssl::stream_base::client, [self, done = std::move(done)](beast::error_code ec) {
              beast::get_lowest_layer(self->stream_).expires_never();
              done(ec ? TransportError("TLS handshake", ec) : absl::OkStatus());
            });
      });
}

void HttpsConnection::Write(const BenchRequest& request,
                            std::function<void(absl::Status)> written) {
  request_ = {};
  request_.method_string(request.method);
  request_.target(request.target);
  request_.version(11);
  request_.set(http::field::host, "127.0.0.1");
  request_.set(http::field::authorization, "Bearer " + endpoint_.token);
  request_.set(http::field::accept, "application/json");
  if (!request.body.empty()) request_.set(http::field::content_type, request.content_type);
  request_.keep_alive(true);
  request_.body() = request.body;
  request_.prepare_payload();
  beast::get_lowest_layer(stream_).expires_after(absl::ToChronoNanoseconds(endpoint_.timeout));
  http::async_write(
      stream_, request_,
      [self = shared_from_this(), written = std::move(written)](beast::error_code ec, size_t) {
        written(ec ? TransportError("write", ec) : absl::OkStatus());
      });
}

void HttpsConnection::Send(const BenchRequest& request, ResponseCallback done) {
  Write(request, [self = shared_from_this(), done = std::move(done)](absl::Status written) mutable {
    if (!written.ok()) return done(written);
    self->parser_.emplace();
    self->parser_->body_limit(kMaxResponseBytes);
    http::async_read(
        self->stream_, self->buffer_, *self->parser_,
        [self, done = std::move(done)](beast::error_code ec, size_t) {
          beast::get_lowest_layer(self->stream_).expires_never();
          if (ec) return done(TransportError("read", ec));
          auto message = self->parser_->release();
          done(BenchResponse{static_cast<int>(message.result_int()), std::move(message.body())});
        });
  });
}

void HttpsConnection::OnStreamData(absl::string_view data) {
  partial_line_.append(data.data(), data.size());
  size_t start = 0;
  for (size_t newline = partial_line_.find('\n', start); newline != std::string::npos;
       newline = partial_line_.find('\n', start)) {
    on_line_(absl::string_view(partial_line_).substr(start, newline - start));
    start = newline + 1;
  }
  partial_line_.erase(0, start);
}

void HttpsConnection::Stream(const std::string& target, std::function<void()> on_open,
                             std::function<void(absl::string_view line)> on_line,
                             StatusCallback done) {
  on_line_ = std::move(on_line);
  Write({"GET", target, ""}, [self = shared_from_this(), on_open = std::move(on_open),
                              done = std::move(done)](absl::Status written) mutable {
    if (!written.ok()) return done(written);
    self->parser_.emplace();
    self->parser_->body_limit(kMaxResponseBytes);
    // Chunk data goes to the line splitter instead of the string body.
    self->parser_->on_chunk_body(self->chunk_body_);
    http::async_read_header(
        self->stream_, self->buffer_, *self->parser_,
        [self, on_open = std::move(on_open), done = std::move(done)](beast::error_code ec,
                                                                     size_t) mutable {
          beast::get_lowest_layer(self->stream_).expires_never();
          if (ec) return done(TransportError("read header", ec));
          const int status = static_cast<int>(self->parser_->get().result_int());
          if (status != 200) {
            return done(absl::FailedPreconditionError(
                absl::StrCat("the stream was answered with HTTP ", status)));
          }
          on_open();
          http::async_read(self->stream_, self->buffer_, *self->parser_,
                           [self, done = std::move(done)](beast::error_code ec, size_t) {
                             done(ec ? TransportError("stream", ec) : absl::OkStatus());
                           });
        });
  });
}

void HttpsConnection::Close() {
  beast::error_code ignored;
  beast::get_lowest_layer(stream_).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(stream_).close();
}

}  // namespace sei::controlplane::bench
