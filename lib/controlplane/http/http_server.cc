#include "lib/controlplane/http/http_server.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <list>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/http/beast_request.h"

namespace sei::controlplane {
namespace {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// A stalled client must not pin a connection forever.
constexpr auto kHandshakeTimeout = std::chrono::seconds(10);
constexpr auto kWriteTimeout = std::chrono::seconds(60);
// After refusing a request whose body we did not read, keep reading (and
// discarding) for a while before closing: closing a socket with unread
// input sends RST, and the client would lose our error response.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr size_t kLingerMaxBytes = 16 * 1024 * 1024;
constexpr auto kStopGrace = std::chrono::seconds(2);

std::chrono::steady_clock::duration ToChrono(absl::Duration d) {
  if (d == absl::InfiniteDuration() || d > absl::Hours(24 * 365)) {
    return std::chrono::hours(24 * 365);
  }
  return absl::ToChronoNanoseconds(std::max(d, absl::ZeroDuration()));
}

HttpResponse PlainTextError(int code, absl::string_view message) {
  HttpResponse response;
  response.status = code;
  response.SetHeader("Content-Type", "text/plain; charset=utf-8");
  response.body = absl::StrCat(message, "\n");
  return response;
}

// Everything a connection needs from its listener, shared so that a
// connection outliving its listener (during Stop) stays valid.
struct ListenerConfig {
  ListenerOptions options;
  std::shared_ptr<ssl::context> tls;  // null: plain HTTP

  HttpResponse Error(int code, absl::string_view message) const {
    if (options.error_response) {
      try {
        return options.error_response(code, message);
      } catch (...) {
      }
    }
    return PlainTextError(code, message);
  }
};

class ConnectionBase {
 public:
  virtual ~ConnectionBase() = default;
  // Thread-safe: ends the connection on its own strand.
  virtual void Abort() = 0;
  // Only while no I/O thread runs: releases the streaming body (and with it
  // a store watch) of a connection that did not end in time.
  virtual void ReleaseStreamUnsafe() = 0;
};

// Tracks live connections so Stop() can end them.
class ConnectionTracker {
 public:
  using Entry = std::list<std::weak_ptr<ConnectionBase>>::iterator;

  Entry Add(std::weak_ptr<ConnectionBase> connection) {
    std::lock_guard<std::mutex> lock(mu_);
    return connections_.insert(connections_.end(), std::move(connection));
  }
  void Remove(Entry entry) {
    std::lock_guard<std::mutex> lock(mu_);
    connections_.erase(entry);
    cv_.notify_all();
  }
  size_t Size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return connections_.size();
  }
  std::vector<std::shared_ptr<ConnectionBase>> Snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    std::vector<std::shared_ptr<ConnectionBase>> live;
    for (const auto& weak : connections_) {
      if (auto strong = weak.lock()) live.push_back(std::move(strong));
    }
    return live;
  }
  bool WaitEmpty(std::chrono::steady_clock::duration timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, timeout, [this] { return connections_.empty(); });
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::list<std::weak_ptr<ConnectionBase>> connections_;
};

// One client connection. `Stream` is beast::tcp_stream (plain HTTP) or
// beast::ssl_stream<beast::tcp_stream> (HTTPS). Every member function runs
// on the connection's strand (the stream's executor).
template <class Stream>
class Connection : public ConnectionBase, public std::enable_shared_from_this<Connection<Stream>> {
 public:
  Connection(Stream stream, std::shared_ptr<const ListenerConfig> config,
             std::shared_ptr<ConnectionTracker> tracker)
      : stream_(std::move(stream)),
        config_(std::move(config)),
        tracker_(std::move(tracker)),
        deadline_timer_(stream_.get_executor()),
        write_timer_(stream_.get_executor()) {}

  ~Connection() override {
    if (registered_) tracker_->Remove(entry_);
  }

  void Run() {
    entry_ = tracker_->Add(this->weak_from_this());
    registered_ = true;
    net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] { self->Begin(); });
  }

  void Abort() override {
    net::post(stream_.get_executor(), [self = this->shared_from_this()] { self->Close(); });
  }

  void ReleaseStreamUnsafe() override {
    if (source_) source_->Close();
  }

 private:
  static constexpr bool kTls = !std::is_same<Stream, beast::tcp_stream>::value;

  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

  void Begin() {
    if constexpr (kTls) {
      Lowest().expires_after(kHandshakeTimeout);
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (ec) return self->Close();
                                self->ReadHeader();
                              });
    } else {
      ReadHeader();
    }
  }

  // --- request / response ------------------------------------------------

  void ReadHeader() {
    if (closed_) return;
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(config_->options.max_header_bytes));
    parser_->body_limit(config_->options.max_body_bytes);
    Lowest().expires_after(ToChrono(config_->options.idle_timeout));
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnHeader(ec); });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    auto& message = parser_->get();
    // Refuse an oversized body before reading it.
    if (parser_->content_length() && *parser_->content_length() > config_->options.max_body_bytes) {
      return OnReadError(http::error::body_limit);
    }
    auto expect = message.find(http::field::expect);
    if (expect != message.end() && beast::iequals(expect->value(), "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_,
                                                                     message.version());
      http::async_write(stream_, *cont,
                        [self = this->shared_from_this(), cont](beast::error_code ec, size_t) {
                          if (ec) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    http::async_read(
        stream_, buffer_, *parser_,
        [self = this->shared_from_this()](beast::error_code ec, size_t) { self->OnBody(ec); });
  }

  void OnReadError(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      return RespondAndLinger(config_->Error(
          413,
          absl::StrCat("Request entity too large: limit is ", config_->options.max_body_bytes)));
    }
    if (ec == http::error::header_limit) {
      return RespondAndLinger(config_->Error(431, "request header fields too large"));
    }
    if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
        ec != http::error::end_of_stream && ec != http::error::partial_message) {
      return RespondAndLinger(PlainTextError(400, "malformed HTTP request"));
    }
    Close();  // end of stream, timeout, reset, TLS error
  }

  void OnBody(beast::error_code ec) {
    if (ec) return OnReadError(ec);
    const bool keep_alive = parser_->get().keep_alive();
    head_request_ = parser_->get().method() == http::verb::head;
    HttpRequest request = ToHttpRequest(parser_->release());
    HttpResponse response;
    try {
      response = config_->options.handler ? config_->options.handler(request)
                                          : PlainTextError(404, "404 page not found");
    } catch (const std::exception& e) {
      response = config_->Error(500, absl::StrCat("internal error: ", e.what()));
    } catch (...) {
      response = config_->Error(500, "internal error");
    }
    switch (response.disposition) {
      case HttpResponse::Disposition::kResetConnection:
        return Reset();
      case HttpResponse::Disposition::kHang:
        Lowest().expires_never();
        return Probe();
      case HttpResponse::Disposition::kRespond:
        break;
    }
    if (response.stream) return StartStream(std::move(response));
    Write(std::move(response), keep_alive, /*linger=*/false);
  }

  static void ApplyHeaders(const HttpResponse& response, http::fields& fields) {
    for (const auto& [name, value] : response.headers) {
      fields.insert(beast::string_view(name.data(), name.size()),
                    beast::string_view(value.data(), value.size()));
    }
  }

  void Write(HttpResponse response, bool keep_alive, bool linger) {
    if (closed_) return;
    auto message = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(response.status), 11);
    ApplyHeaders(response, message->base());
    message->body() = std::move(response.body);
    message->keep_alive(keep_alive);
    message->prepare_payload();
    if (head_request_) {
      // HEAD: the headers of the GET answer, no body.
      message->body().clear();
      head_request_ = false;
    }
    Lowest().expires_after(kWriteTimeout);
    http::async_write(stream_, *message,
                      [self = this->shared_from_this(), message, keep_alive, linger](
                          beast::error_code ec, size_t) {
                        if (ec) return self->Close();
                        if (linger) return self->Linger();
                        if (!keep_alive) return self->Close();
                        self->ReadHeader();
                      });
  }

  // Answers a request whose body was not (fully) read, then drains input
  // until the client closes or kLingerTimeout passes.
  void RespondAndLinger(HttpResponse response) { Write(std::move(response), false, true); }

  void Linger() {
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    Lowest().expires_after(kLingerTimeout);
    DrainSome();
  }

  void DrainSome() {
    Lowest().async_read_some(net::buffer(probe_),
                             [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                               self->drained_ += n;
                               if (ec || self->drained_ > kLingerMaxBytes) return self->Close();
                               self->DrainSome();
                             });
  }

  // Reads (and discards) whatever arrives, only to notice the client
  // closing: used while a response streams or hangs.
  void Probe() {
    if (closed_) return;
    stream_.async_read_some(net::buffer(probe_),
                            [self = this->shared_from_this()](beast::error_code ec, size_t) {
                              if (ec) return self->Close();
                              self->Probe();
                            });
  }

  void Reset() {
    beast::error_code ignored;
    // SO_LINGER 0: close() sends RST, which a client reports like a refused
    // or dropped connection.
    Lowest().socket().set_option(net::socket_base::linger(true, 0), ignored);
    Close();
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    if (source_) source_->Close();
    deadline_timer_.cancel();
    write_timer_.cancel();
    beast::error_code ignored;
    Lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
    Lowest().close();
  }

  // --- streaming (chunked) responses --------------------------------------

  void StartStream(HttpResponse response) {
    source_ = std::move(response.stream);
    stream_header_.emplace(static_cast<http::status>(response.status), 11);
    ApplyHeaders(response, stream_header_->base());
    // The connection closes after a streamed body: detecting the client
    // going away needs a read outstanding, which would otherwise race with
    // parsing the next request.
    stream_header_->keep_alive(false);
    stream_header_->chunked(true);
    header_serializer_.emplace(*stream_header_);
    Lowest().expires_never();
    ArmWriteTimer();
    writing_ = true;
    http::async_write_header(stream_, *header_serializer_,
                             [self = this->shared_from_this()](beast::error_code ec, size_t) {
                               self->OnChunkWritten(ec);
                             });
    Probe();
    deadline_timer_.expires_after(ToChrono(response.stream_timeout));
    deadline_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (ec) return;          // cancelled
      self->source_->Close();  // drops a pending Next
      self->waiting_for_source_ = false;
      self->stream_ended_ = true;
      if (!self->writing_) self->FinishStream();
    });
  }

  void ArmWriteTimer() {
    write_timer_.expires_after(kWriteTimeout);
    write_timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
      if (!ec) self->Close();  // the client stopped reading
    });
  }

  void PullNext() {
    if (closed_ || finishing_) return;
    if (stream_ended_) return FinishStream();
    waiting_for_source_ = true;
    const uint64_t generation = ++pull_generation_;
    std::weak_ptr<Connection> weak = this->shared_from_this();
    source_->Next(
        [weak, generation, executor = stream_.get_executor()](std::optional<std::string> chunk) {
          net::post(executor, [weak, generation, chunk = std::move(chunk)]() mutable {
            if (auto self = weak.lock()) self->OnChunk(generation, std::move(chunk));
          });
        });
  }

  void OnChunk(uint64_t generation, std::optional<std::string> chunk) {
    if (closed_ || finishing_ || !waiting_for_source_ || generation != pull_generation_) return;
    waiting_for_source_ = false;
    if (!chunk) {
      stream_ended_ = true;
      return FinishStream();
    }
    if (chunk->empty()) return PullNext();  // an empty chunk would end the body
    chunk_ = std::move(*chunk);
    writing_ = true;
    ArmWriteTimer();
    net::async_write(stream_, http::make_chunk(net::buffer(chunk_)),
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       self->OnChunkWritten(ec);
                     });
  }

  void OnChunkWritten(beast::error_code ec) {
    writing_ = false;
    write_timer_.cancel();
    if (ec) return Close();
    if (finishing_) return Close();  // the last chunk is out
    PullNext();
  }

  void FinishStream() {
    if (closed_ || finishing_) return;
    finishing_ = true;
    source_->Close();
    deadline_timer_.cancel();
    writing_ = true;
    ArmWriteTimer();
    net::async_write(stream_, http::make_chunk_last(),
                     [self = this->shared_from_this()](beast::error_code ec, size_t) {
                       self->OnChunkWritten(ec);
                     });
  }

  Stream stream_;
  std::shared_ptr<const ListenerConfig> config_;
  std::shared_ptr<ConnectionTracker> tracker_;
  ConnectionTracker::Entry entry_;
  bool registered_ = false;

  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::array<char, 1024> probe_{};
  size_t drained_ = 0;
  bool closed_ = false;
  bool head_request_ = false;

  std::shared_ptr<ChunkSource> source_;
  std::optional<http::response<http::empty_body>> stream_header_;
  std::optional<http::response_serializer<http::empty_body>> header_serializer_;
  net::steady_timer deadline_timer_;
  net::steady_timer write_timer_;
  std::string chunk_;
  uint64_t pull_generation_ = 0;
  bool waiting_for_source_ = false;
  bool writing_ = false;
  bool stream_ended_ = false;
  bool finishing_ = false;
};

using PlainConnection = Connection<beast::tcp_stream>;
using TlsConnection = Connection<beast::ssl_stream<beast::tcp_stream>>;

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, std::shared_ptr<const ListenerConfig> config,
           std::shared_ptr<ConnectionTracker> tracker)
      : ioc_(ioc),
        acceptor_(net::make_strand(ioc)),
        retry_timer_(acceptor_.get_executor()),
        config_(std::move(config)),
        tracker_(std::move(tracker)) {}

  absl::StatusOr<uint16_t> Bind() {
    beast::error_code ec;
    const auto address = net::ip::make_address(config_->options.address, ec);
    if (ec) return absl::InvalidArgumentError("invalid listen address " + config_->options.address);
    const tcp::endpoint endpoint(address, config_->options.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
      return absl::UnavailableError(absl::StrCat("cannot listen on ", config_->options.address, ":",
                                                 config_->options.port, ": ", ec.message()));
    }
    return acceptor_.local_endpoint().port();
  }

  void Accept() {
    acceptor_.async_accept(net::make_strand(ioc_),
                           [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                             self->OnAccept(ec, std::move(socket));
                           });
  }

  void Close() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      self->closed_ = true;
      beast::error_code ignored;
      self->acceptor_.close(ignored);
      self->retry_timer_.cancel();
    });
  }

 private:
  void OnAccept(beast::error_code ec, tcp::socket socket) {
    if (closed_ || ec == net::error::operation_aborted) return;
    if (ec) {
      // Typically EMFILE: back off instead of spinning, then keep serving.
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_ec) {
        if (!wait_ec && !self->closed_) self->Accept();
      });
      return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    if (config_->tls) {
      std::make_shared<TlsConnection>(
          beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *config_->tls),
          config_, tracker_)
          ->Run();
    } else {
      std::make_shared<PlainConnection>(beast::tcp_stream(std::move(socket)), config_, tracker_)
          ->Run();
    }
    Accept();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::steady_timer retry_timer_;
  std::shared_ptr<const ListenerConfig> config_;
  std::shared_ptr<ConnectionTracker> tracker_;
  bool closed_ = false;
};

absl::StatusOr<std::shared_ptr<ssl::context>> MakeTlsContext(const ListenerOptions& options) {
  auto context = std::make_shared<ssl::context>(ssl::context::tls_server);
  beast::error_code ec;
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1 | ssl::context::single_dh_use,
                       ec);
  if (!ec) {
    context->use_certificate_chain(net::buffer(options.tls_certificate_chain_pem), ec);
  }
  if (!ec) {
    context->use_private_key(net::buffer(options.tls_private_key_pem), ssl::context::pem, ec);
  }
  if (ec) return absl::InvalidArgumentError("unusable TLS certificate or key: " + ec.message());
  return context;
}

}  // namespace

struct HttpServer::Impl {
  explicit Impl(int threads) : thread_count(std::clamp(threads, 1, 16)) {}

  net::io_context ioc;
  // Keeps run() from returning while nothing is pending.
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work{ioc.get_executor()};
  int thread_count;
  std::vector<std::thread> threads;
  std::shared_ptr<ConnectionTracker> tracker = std::make_shared<ConnectionTracker>();
  std::vector<std::shared_ptr<Listener>> listeners;
  std::mutex mu;
  bool started = false;
  bool stopped = false;
};

HttpServer::HttpServer(int io_threads) : impl_(std::make_unique<Impl>(io_threads)) {}

HttpServer::~HttpServer() { Stop(); }

absl::StatusOr<uint16_t> HttpServer::Listen(ListenerOptions options) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->stopped) return absl::FailedPreconditionError("the server is stopped");
  auto config = std::make_shared<ListenerConfig>();
  const bool tls =
      !options.tls_certificate_chain_pem.empty() || !options.tls_private_key_pem.empty();
  if (tls) {
    auto context = MakeTlsContext(options);
    if (!context.ok()) return context.status();
    config->tls = *std::move(context);
  }
  config->options = std::move(options);
  auto listener = std::make_shared<Listener>(impl_->ioc, config, impl_->tracker);
  auto port = listener->Bind();
  if (!port.ok()) return port.status();
  listener->Accept();
  impl_->listeners.push_back(std::move(listener));
  return port;
}

void HttpServer::Start() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->started || impl_->stopped) return;
  impl_->started = true;
  for (int i = 0; i < impl_->thread_count; ++i) {
    impl_->threads.emplace_back([impl = impl_.get()] {
      // A handler that throws must not take the server down; the loop is
      // bounded by run() returning once the io_context is stopped.
      while (!impl->ioc.stopped()) {
        try {
          impl->ioc.run();
        } catch (const std::exception& e) {
          std::fprintf(stderr, "controlplane: I/O thread: %s\n", e.what());
        } catch (...) {
          std::fprintf(stderr, "controlplane: I/O thread: unknown exception\n");
        }
      }
    });
  }
}

void HttpServer::Stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (impl_->stopped) return;
    impl_->stopped = true;
    for (auto& listener : impl_->listeners) listener->Close();
    for (auto& connection : impl_->tracker->Snapshot()) connection->Abort();
    threads = std::move(impl_->threads);
  }
  if (!threads.empty()) impl_->tracker->WaitEmpty(kStopGrace);
  impl_->work.reset();
  impl_->ioc.stop();
  for (auto& thread : threads) thread.join();
  // No thread runs now: whatever did not end in time gives up its stream
  // here, and its memory goes with the io_context's pending handlers.
  for (auto& connection : impl_->tracker->Snapshot()) connection->ReleaseStreamUnsafe();
}

size_t HttpServer::OpenConnections() const { return impl_->tracker->Size(); }

}  // namespace sei::controlplane
