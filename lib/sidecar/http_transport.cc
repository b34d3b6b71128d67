#include "lib/sidecar/http_transport.h"

#include <cpprest/http_client.h>

#include <chrono>
#include <exception>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace sei::sidecar {
namespace {

using web::http::client::http_client;
using web::http::client::http_client_config;

// cpprestsdk's own timeout restarts on every read, so it cannot bound a whole
// exchange; per-call deadlines are enforced by cancellation in Send. This
// backstop only limits a connection that makes no progress at all.
constexpr std::chrono::seconds kInactivityBackstop(120);

// The outcome of one exchange, filled by the cpprestsdk continuation (on
// its thread pool) and awaited by Send. Shared, because the continuation
// may outlive a Send that gave up at its deadline.
class Exchange {
 public:
  void Finish(absl::StatusOr<HttpAnswer> result) {
    absl::MutexLock lock(&mu_);
    result_ = std::move(result);
  }

  // The result, or nullopt when it did not arrive within `timeout`.
  std::optional<absl::StatusOr<HttpAnswer>> Await(absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto arrived = [this]() ABSL_SHARED_LOCKS_REQUIRED(mu_) { return result_.has_value(); };
    mu_.AwaitWithTimeout(absl::Condition(&arrived), timeout);
    return result_;
  }

 private:
  absl::Mutex mu_;
  std::optional<absl::StatusOr<HttpAnswer>> result_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

absl::StatusOr<std::shared_ptr<HttpTransport>> HttpTransport::Create(absl::string_view base_url) {
  if (!absl::StartsWith(base_url, "http://") && !absl::StartsWith(base_url, "https://")) {
    return absl::InvalidArgumentError(
        absl::StrCat("sidecar URL \"", base_url, "\" is not an http:// or https:// URL"));
  }
  try {
    web::uri uri{std::string(base_url)};
    if (uri.host().empty()) {
      return absl::InvalidArgumentError(absl::StrCat("sidecar URL \"", base_url, "\" has no host"));
    }
    http_client_config config;
    config.set_timeout(kInactivityBackstop);
    auto client = std::make_shared<http_client>(uri, config);
    return std::shared_ptr<HttpTransport>(
        new HttpTransport(std::string(base_url), std::move(client)));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("sidecar URL \"", base_url, "\" is invalid: ", e.what()));
  }
}

absl::StatusOr<HttpAnswer> HttpTransport::Send(const HttpCall& call) const {
  const std::string what = absl::StrCat(call.method, " ", base_url_, call.path, ": ");
  auto exchange = std::make_shared<Exchange>();
  pplx::cancellation_token_source cancel;
  try {
    web::http::http_request request{web::http::method(call.method)};
    request.set_request_uri(web::uri(call.path));
    request.headers().add("Accept", "application/json");
    if (call.bearer_token.has_value()) {
      request.headers().add("Authorization", absl::StrCat("Bearer ", *call.bearer_token));
    }
    if (call.json_body.has_value()) request.set_body(*call.json_body, "application/json");

    // Captures the client so it outlives a request abandoned at its deadline.
    std::shared_ptr<http_client> client = client_;
    client->request(request, cancel.get_token())
        .then([](web::http::http_response response) {
          const int status = response.status_code();
          return response.extract_vector().then([status](std::vector<unsigned char> bytes) {
            return HttpAnswer{status, std::string(bytes.begin(), bytes.end())};
          });
        })
        .then([exchange, client, what](pplx::task<HttpAnswer> done) {
          // A task-based continuation observes every exception of the chain
          // (an unobserved one would terminate the process).
          try {
            exchange->Finish(done.get());
          } catch (const pplx::task_canceled&) {
            exchange->Finish(absl::DeadlineExceededError(absl::StrCat(what, "cancelled")));
          } catch (const std::exception& e) {
            exchange->Finish(absl::UnavailableError(absl::StrCat(what, e.what())));
          }
        });
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat(what, e.what()));
  }

  std::optional<absl::StatusOr<HttpAnswer>> result = exchange->Await(call.deadline);
  if (result.has_value()) return *std::move(result);
  cancel.cancel();
  return absl::DeadlineExceededError(
      absl::StrCat(what, "no answer within ", absl::FormatDuration(call.deadline)));
}

}  // namespace sei::sidecar
