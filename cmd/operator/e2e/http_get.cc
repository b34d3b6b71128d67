#include "cmd/operator/e2e/http_get.h"

#include <cpprest/http_client.h>

#include <chrono>
#include <exception>

#include "absl/strings/str_cat.h"

namespace sei::e2e {

absl::StatusOr<HttpReply> HttpGet(uint16_t port, const std::string& path, absl::Duration timeout) {
  const std::string url = absl::StrCat("http://127.0.0.1:", port);
  try {
    web::http::client::http_client_config config;
    config.set_timeout(std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout)));
    web::http::client::http_client client(url, config);
    web::http::http_response response = client.request(web::http::methods::GET, path).get();
    HttpReply reply;
    reply.code = response.status_code();
    reply.body = response.extract_utf8string(true).get();
    return reply;
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("GET ", url, path, ": ", e.what()));
  }
}

}  // namespace sei::e2e
