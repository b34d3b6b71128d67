// The benchmark's measurements, one function per phase, each against a
// running control plane over real HTTPS on loopback and each bounded by
// timeouts. The phases share objects: the memory phase stores the pods
// that the LIST phase then lists.
#ifndef SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_PHASES_H_
#define SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_PHASES_H_

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controlplane/bench/benchmark_figures.h"
#include "lib/controlplane/bench/https_connection.h"

namespace sei::controlplane::bench {

// What every phase talks through: the client's loop (run on the calling
// thread), its TLS context and the server.
struct BenchClient {
  boost::asio::io_context* ioc = nullptr;
  boost::asio::ssl::context* tls = nullptr;
  ServerEndpoint endpoint;
  absl::Duration phase_timeout = absl::Seconds(60);  // per load or step
};

absl::Status CreateNamespaces(const BenchClient& client, const std::vector<std::string>& names);

// Stores `pods` realistic pods (owned by one StatefulSet) in namespace `ns`
// over `connections` connections, in batches so that the client never
// holds more than one batch of request bodies, and reports the RSS delta.
absl::StatusOr<MemoryFigure> StorePods(const BenchClient& client, const std::string& ns,
                                       size_t pods, size_t connections);

struct ListCase {
  std::string what;            // the report's label
  std::string ns;              // the pods' namespace
  std::string label_selector;  // empty: none
  size_t expected_items = 0;   // checked on the first response
  size_t samples = 0;
};

// Sequential LISTs on one keep-alive connection; latency is request sent
// → whole response read (the client does not decode it while timing).
absl::StatusOr<ListFigure> MeasureList(const BenchClient& client, const ListCase& list);

struct WriteCase {
  std::string ns;
  size_t connections = 0;
  size_t requests = 0;  // per repetition, for creates and updates alike
  int repetitions = 0;
};

// Per repetition: creates `requests` ConfigMaps, then updates each once
// (PUT with the resourceVersion its create returned). Returns the create
// and the update figure.
absl::StatusOr<std::vector<WriteFigure>> MeasureWrites(const BenchClient& client,
                                                       const WriteCase& writes);

absl::StatusOr<FanoutFigure> MeasureFanout(const BenchClient& client, const std::string& ns,
                                           size_t watchers, int repetitions);

}  // namespace sei::controlplane::bench

#endif  // SEI_LIB_CONTROLPLANE_BENCH_BENCHMARK_PHASES_H_
