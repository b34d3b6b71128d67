#include "lib/k8s/rest_transport.h"

#include <boost/asio/ssl.hpp>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <system_error>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"

namespace sei::k8s {

namespace http = web::http;

struct RestTransport::Sent {
  absl::Status error;  // no usable answer
  int status = 0;
  std::string body;  // unless streaming a 2xx answer
  http::http_response response;
  pplx::cancellation_token_source cancel;
  std::shared_ptr<http::client::http_client> stream_client;
};

namespace {

bool IsSuccess(int status) { return status >= 200 && status < 300; }

// Why a request got no answer, in words that point at the cause.
absl::Status TransportError(const RestRequest& request, const std::string& server,
                            const std::exception& error) {
  std::string what = error.what();
  if (const auto* http_error = dynamic_cast<const http::http_exception*>(&error)) {
    if (http_error->error_code() == std::make_error_code(std::errc::timed_out)) {
      return ApiError(ErrorReason::kTimeout, 0,
                      absl::StrCat(request.method, " ", request.path_and_query,
                                   ": the server stopped answering: ", what));
    }
  }
  std::string lower = absl::AsciiStrToLower(what);
  if (absl::StrContains(lower, "handshake") || absl::StrContains(lower, "ssl") ||
      absl::StrContains(lower, "certificate") || absl::StrContains(lower, "tls")) {
    return ApiError(
        ErrorReason::kTransport, 0,
        absl::StrCat("TLS connection to ", server, " failed (is the CA right?): ", what));
  }
  return ApiError(ErrorReason::kTransport, 0,
                  absl::StrCat(request.method, " ", request.path_and_query, " to ", server,
                               ": no answer: ", what));
}

void LoadPems(boost::asio::ssl::context& context, const ClusterConfig& config,
              boost::system::error_code& error) {
  if (!config.ca_pem.empty()) {
    context.add_certificate_authority(boost::asio::buffer(config.ca_pem), error);
    if (error) return;
  }
  if (!config.client_certificate_pem.empty()) {
    context.use_certificate_chain(boost::asio::buffer(config.client_certificate_pem), error);
    if (error) return;
    context.use_private_key(boost::asio::buffer(config.client_key_pem),
                            boost::asio::ssl::context::pem, error);
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<RestTransport>> RestTransport::Create(const ClusterConfig& config) {
  if (absl::Status s = ValidateClusterConfig(config); !s.ok()) return s;
  // Load the PEMs once here, so that a bad one is a configuration error now
  // rather than a TLS failure on every request.
  {
    boost::asio::ssl::context probe(boost::asio::ssl::context::tls_client);
    boost::system::error_code error;
    LoadPems(probe, config, error);
    if (error) {
      return absl::InvalidArgumentError(absl::StrCat(
          "cluster config: the CA, client certificate or key does not load: ", error.message()));
    }
  }
  std::unique_ptr<TokenSource> tokens = config.token_file.empty()
                                            ? TokenSource::FromString(config.bearer_token)
                                            : TokenSource::FromFile(config.token_file);
  try {
    return std::unique_ptr<RestTransport>(new RestTransport(config, std::move(tokens)));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("cluster config: server \"", config.server, "\": ", e.what()));
  }
}

RestTransport::RestTransport(ClusterConfig config, std::unique_ptr<TokenSource> tokens)
    : config_(std::move(config)),
      tokens_(std::move(tokens)),
      limiter_(RateLimiterOptions{config_.qps, config_.burst}),
      client_(config_.server, ClientConfig(config_.timeout)) {}

http::client::http_client_config RestTransport::ClientConfig(absl::Duration idle_limit) const {
  http::client::http_client_config client_config;
  client_config.set_timeout(absl::ToChronoMilliseconds(idle_limit));
  client_config.set_validate_certificates(!config_.insecure_skip_tls_verify);
  ClusterConfig pems = config_;
  client_config.set_ssl_context_callback([pems](boost::asio::ssl::context& context) {
    boost::system::error_code ignored;  // checked once in Create
    LoadPems(context, pems, ignored);
  });
  return client_config;
}

RestTransport::Sent RestTransport::Attempt(const RestRequest& request, bool stream,
                                           absl::Duration idle_limit) {
  Sent failed;
  absl::StatusOr<std::string> token = tokens_->Token();
  if (!token.ok()) {
    failed.error = ApiError(ErrorReason::kUnauthorized, 0,
                            absl::StrCat("no bearer token: ", token.status().message()));
    return failed;
  }
  limiter_.Acquire();

  http::http_request message;
  std::shared_ptr<http::client::http_client> stream_client;
  try {
    message.set_method(request.method);
    message.set_request_uri(request.path_and_query);
    message.headers().add("User-Agent", config_.user_agent.empty()
                                            ? DefaultUserAgent(kOperatorVersion)
                                            : config_.user_agent);
    message.headers().add("Accept", "application/json");
    if (!token->empty()) message.headers().add("Authorization", "Bearer " + *token);
    if (!request.content_type.empty()) message.set_body(request.body, request.content_type);
    if (stream) {
      stream_client =
          std::make_shared<http::client::http_client>(config_.server, ClientConfig(idle_limit));
    }
  } catch (const std::exception& e) {
    failed.error = ApiError(
        ErrorReason::kBadRequest, 0,
        absl::StrCat("cannot build ", request.method, " ", request.path_and_query, ": ", e.what()));
    return failed;
  }

  // The continuations may outlive this call (after a deadline overrun), so
  // they share ownership of the outcome.
  struct Outcome {
    std::once_flag once;
    std::promise<Sent> promise;
    void Finish(Sent sent) {
      std::call_once(once, [&] { promise.set_value(std::move(sent)); });
    }
  };
  auto outcome = std::make_shared<Outcome>();
  std::future<Sent> future = outcome->promise.get_future();
  pplx::cancellation_token_source cancel;
  std::string server = config_.server;
  http::client::http_client& client = stream ? *stream_client : client_;
  try {
    client.request(message, cancel.get_token())
        .then([outcome, stream, request, server](pplx::task<http::http_response> answered) {
          Sent sent;
          try {
            sent.response = answered.get();
          } catch (const std::exception& e) {
            sent.error = TransportError(request, server, e);
            outcome->Finish(std::move(sent));
            return;
          }
          sent.status = sent.response.status_code();
          if (stream && IsSuccess(sent.status)) {
            outcome->Finish(std::move(sent));
            return;
          }
          http::http_response response = sent.response;
          response.extract_utf8string(/*ignore_content_type=*/true)
              .then([outcome, request, server, status = sent.status,
                     response](pplx::task<std::string> body) {
                Sent read;
                read.status = status;
                read.response = response;
                try {
                  read.body = body.get();
                } catch (const std::exception& e) {
                  read.error = TransportError(request, server, e);
                }
                outcome->Finish(std::move(read));
              });
        });
  } catch (const std::exception& e) {
    failed.error = TransportError(request, server, e);
    return failed;
  }

  if (future.wait_for(absl::ToChronoMilliseconds(config_.timeout)) != std::future_status::ready) {
    cancel.cancel();
    failed.error =
        ApiError(ErrorReason::kTimeout, 0,
                 absl::StrCat(request.method, " ", request.path_and_query, ": no answer within ",
                              absl::FormatDuration(config_.timeout)));
    return failed;
  }
  Sent sent = future.get();
  sent.cancel = cancel;
  sent.stream_client = std::move(stream_client);
  return sent;
}

RestTransport::Sent RestTransport::AttemptWithRefresh(const RestRequest& request, bool stream,
                                                      absl::Duration idle_limit) {
  Sent sent = Attempt(request, stream, idle_limit);
  if (sent.error.ok() && sent.status == 401 && tokens_->CanRefresh()) {
    // A projected token may have rotated since it was cached.
    tokens_->Invalidate();
    sent = Attempt(request, stream, idle_limit);
  }
  return sent;
}

absl::StatusOr<std::string> RestTransport::Call(const RestRequest& request) {
  Sent sent = AttemptWithRefresh(request, /*stream=*/false, config_.timeout);
  if (!sent.error.ok()) return sent.error;
  if (!IsSuccess(sent.status)) return ApiErrorFromResponse(sent.status, sent.body);
  return std::move(sent.body);
}

absl::StatusOr<OpenResponse> RestTransport::Open(const RestRequest& request,
                                                 absl::Duration idle_limit) {
  Sent sent = AttemptWithRefresh(request, /*stream=*/true, idle_limit);
  if (!sent.error.ok()) return sent.error;
  if (!IsSuccess(sent.status)) return ApiErrorFromResponse(sent.status, sent.body);
  return OpenResponse{std::move(sent.response), std::move(sent.cancel),
                      std::move(sent.stream_client)};
}

}  // namespace sei::k8s
