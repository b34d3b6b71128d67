#include "lib/controlplane/bench/connection_pool.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/bench/event_loop.h"

namespace sei::controlplane::bench {

absl::StatusOr<Connections> ConnectAll(boost::asio::io_context& ioc, boost::asio::ssl::context& tls,
                                       const ServerEndpoint& endpoint, size_t count,
                                       absl::Duration timeout) {
  struct Progress {
    size_t finished = 0;
    absl::Status first_error;
  };
  auto progress = std::make_shared<Progress>();
  Connections connections;
  connections.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    connections.push_back(HttpsConnection::Create(ioc, tls, endpoint));
    connections.back()->Connect([progress](absl::Status status) {
      ++progress->finished;
      if (!status.ok() && progress->first_error.ok()) progress->first_error = status;
    });
  }
  const bool finished = RunUntil(
      ioc, [&] { return progress->finished == count; }, timeout);
  absl::Status status = progress->first_error;
  if (status.ok() && !finished) {
    status = absl::DeadlineExceededError(absl::StrCat("only ", progress->finished, " of ", count,
                                                      " connections opened in ",
                                                      absl::FormatDuration(timeout)));
  }
  if (!status.ok()) {
    CloseAll(ioc, connections);
    return status;
  }
  return connections;
}

void CloseAll(boost::asio::io_context& ioc, Connections& connections) {
  for (auto& connection : connections) connection->Close();
  connections.clear();
  // Closing completes the pending operations at once with an error; run
  // their handlers (and what they chain) until nothing is ready. The bound
  // only guards against a handler that keeps re-arming itself.
  for (int round = 0; round < 100; ++round) {
    ioc.restart();
    if (ioc.poll() == 0) break;
  }
}

}  // namespace sei::controlplane::bench
