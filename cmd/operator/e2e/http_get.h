// A plain HTTP GET against a loopback port, for reading the operator's own
// endpoints (/metrics, /healthz, /readyz) the way Prometheus and the kubelet
// would. Failures to connect are statuses, never exceptions.
#ifndef SEI_CMD_OPERATOR_E2E_HTTP_GET_H_
#define SEI_CMD_OPERATOR_E2E_HTTP_GET_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sei::e2e {

struct HttpReply {
  int code = 0;
  std::string body;
};

// GET http://127.0.0.1:<port><path>. Unavailable when nothing answers
// within `timeout` (connection refused, reset, or too slow).
absl::StatusOr<HttpReply> HttpGet(uint16_t port, const std::string& path,
                                  absl::Duration timeout = absl::Seconds(5));

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_HTTP_GET_H_
