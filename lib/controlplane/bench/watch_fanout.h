// Watch fan-out: holds many concurrent watches on one collection, creates
// one object, and measures how long it takes until every watcher has read
// the ADDED event for it — the cost of one write that a thousand informers
// are watching. All watchers run on the caller's (single) client thread,
// so the figure includes that thread reading and decoding a thousand
// events one after another; the server's two I/O threads do the rest.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_WATCH_FANOUT_H_
#define SEI_LIB_CONTROLPLANE_BENCH_WATCH_FANOUT_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controlplane/bench/https_connection.h"

namespace sei::controlplane::bench {

struct FanoutOptions {
  std::string ns = "bench-watch";  // must exist; the watches are on its ConfigMaps
  size_t watchers = 1000;
  int repetitions = 5;  // one write each
  // For opening all watches, and for each repetition's delivery.
  absl::Duration step_timeout = absl::Seconds(30);
};

struct FanoutResult {
  size_t opened = 0;       // watches answered 200
  size_t open_at_end = 0;  // still open after the last repetition
  // Per repetition: from sending the create to the last watcher's event.
  std::vector<absl::Duration> delivery;
  // Per repetition: the create's own round trip.
  std::vector<absl::Duration> write_latency;
};

// Errors: a watch or the write failing, a watch ended by the server during
// the run, or a step exceeding its timeout. Every connection is closed on
// return.
absl::StatusOr<FanoutResult> MeasureWatchFanout(boost::asio::io_context& ioc,
                                                boost::asio::ssl::context& tls,
                                                const ServerEndpoint& endpoint,
                                                const FanoutOptions& options);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_WATCH_FANOUT_H_
