// Test-only: a tiny blocking HTTP/1.1 client (Boost.Beast) for driving the
// control plane's listeners over TLS or plain HTTP, with a deadline on
// every operation so a broken server fails a test instead of hanging it.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_TEST_CLIENT_H_
#define SEI_LIB_CONTROLPLANE_HTTP_TEST_CLIENT_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"

namespace sei::controlplane::testing {

struct ClientResponse {
  int status = 0;  // 0: no response (connection error or timeout; see error)
  std::string error;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;

  std::string Header(const std::string& name) const;  // first value; "" when absent
  std::vector<std::string> HeaderValues(const std::string& name) const;
  nlohmann::json Json() const;  // null when the body is not JSON
};

struct WatchResult {
  int status = 0;
  std::string error;
  std::vector<nlohmann::json> events;  // one per line
  bool ended = false;                  // the server finished the chunked body
};

using Headers = std::vector<std::pair<std::string, std::string>>;

class TestClient {
 public:
  // `ca_pem` empty: plain HTTP. `token` empty: no Authorization header.
  TestClient(uint16_t port, std::string ca_pem, std::string token);

  // One request on a fresh connection.
  ClientResponse Request(const std::string& method, const std::string& target,
                         const std::string& body = "", const Headers& headers = {},
                         absl::Duration timeout = absl::Seconds(10)) const;

  // Convenience: JSON body with Content-Type application/json.
  ClientResponse Send(const std::string& method, const std::string& target,
                      const nlohmann::json& body,
                      const std::string& content_type = "application/json") const;

  // Reads a streaming response line by line until `max_events` lines, the
  // end of the body, or `timeout`.
  WatchResult Watch(const std::string& target, size_t max_events, absl::Duration timeout,
                    const Headers& headers = {}) const;

  void set_token(std::string token) { token_ = std::move(token); }

 private:
  uint16_t port_;
  std::string ca_pem_;
  std::string token_;
};

}  // namespace sei::controlplane::testing

#endif  // SEI_LIB_CONTROLPLANE_HTTP_TEST_CLIENT_H_
