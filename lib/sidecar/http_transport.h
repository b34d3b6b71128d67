// One sidecar base URL over cpprestsdk: sends a request and returns the raw
// status and body, or why no answer arrived. It knows nothing of the
// protocol (response_mapping.h does). A transport is shared by every client
// of the same URL, so the keep-alive connections of one http_client are
// reused across reconciles (tasks.md §6.3).
#ifndef SEI_LIB_SIDECAR_HTTP_TRANSPORT_H_
#define SEI_LIB_SIDECAR_HTTP_TRANSPORT_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace web::http::client {
class http_client;
}  // namespace web::http::client

namespace sei::sidecar {

struct HttpCall {
  std::string method;  // "GET", "POST"
  // Relative to the base URL, starting with '/', already percent-encoded.
  std::string path;
  std::optional<std::string> json_body;  // sent as application/json
  std::optional<std::string> bearer_token;
  absl::Duration deadline = absl::Seconds(30);  // for the whole exchange
};

struct HttpAnswer {
  int status = 0;
  std::string body;
};

class HttpTransport {
 public:
  // InvalidArgument when `base_url` is not an absolute http(s) URL.
  static absl::StatusOr<std::shared_ptr<HttpTransport>> Create(absl::string_view base_url);

  // Thread-safe. Any status is an answer; the errors are
  //   DeadlineExceeded - no complete answer within call.deadline (the
  //                      request is cancelled and its connection dropped)
  //   Unavailable      - the connection failed or broke (refused, reset,
  //                      DNS), with cpprestsdk's description.
  // Messages start with `<METHOD> <url>: `.
  absl::StatusOr<HttpAnswer> Send(const HttpCall& call) const;

  const std::string& base_url() const { return base_url_; }

 private:
  HttpTransport(std::string base_url, std::shared_ptr<web::http::client::http_client> client)
      : base_url_(std::move(base_url)), client_(std::move(client)) {}

  const std::string base_url_;
  const std::shared_ptr<web::http::client::http_client> client_;
};

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_HTTP_TRANSPORT_H_
