// Drives a fixed list of requests over a set of keep-alive connections as
// fast as the server answers: each connection has one request in flight
// (HTTP/1.1 has no multiplexing) and takes the next unsent request as soon
// as its response arrived, so N connections are N concurrent clients.
// The requests are built before the clock starts, so the figure is the
// server's rate plus the client's TLS and response decoding, not the
// client's JSON encoding.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_REQUEST_LOAD_H_
#define SEI_LIB_CONTROLPLANE_BENCH_REQUEST_LOAD_H_

#include <boost/asio/io_context.hpp>
#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controlplane/bench/connection_pool.h"
#include "lib/controlplane/bench/https_connection.h"

namespace sei::controlplane::bench {

struct RequestLoad {
  std::vector<BenchRequest> requests;
  // Judges response `index` (an unexpected status is an error, which stops
  // the load); may record what later requests need (a resourceVersion).
  std::function<absl::Status(size_t index, const BenchResponse& response)> check;
  absl::Duration timeout = absl::Seconds(60);  // for the whole load
};

struct LoadResult {
  size_t completed = 0;
  absl::Duration elapsed;
  double PerSecond() const;
};

// Errors: the first transport error or failed check (requests already in
// flight are still awaited), or the timeout. `connections` must not be
// empty and must be idle.
absl::StatusOr<LoadResult> RunLoad(boost::asio::io_context& ioc, const Connections& connections,
                                   const RequestLoad& load);

// One request on `connection`, waited for. Errors: transport errors and
// the timeout (the caller then closes the connection).
absl::StatusOr<BenchResponse> SendAndWait(boost::asio::io_context& ioc,
                                          const std::shared_ptr<HttpsConnection>& connection,
                                          const BenchRequest& request, absl::Duration timeout);

// A `check` that accepts only HTTP `status`.
std::function<absl::Status(size_t, const BenchResponse&)> ExpectStatus(int status);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_REQUEST_LOAD_H_
