#include "lib/controlplane/bench/request_load.h"

#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/bench/event_loop.h"

namespace sei::controlplane::bench {
namespace {

// Shared with the callbacks, which may outlive RunLoad on a timeout.
struct LoadState {
  const RequestLoad* load = nullptr;
  size_t next = 0;
  size_t completed = 0;
  size_t in_flight = 0;
  absl::Status first_error;
  // RunLoad returned on its timeout: `load` may be gone, late responses
  // are dropped.
  bool abandoned = false;

  bool Finished() const {
    return in_flight == 0 && (!first_error.ok() || next == load->requests.size());
  }
};

void SendNext(const std::shared_ptr<LoadState>& state,
              const std::shared_ptr<HttpsConnection>& connection) {
  if (state->abandoned || !state->first_error.ok() || state->next == state->load->requests.size())
    return;
  const size_t index = state->next++;
  ++state->in_flight;
  connection->Send(state->load->requests[index], [state, connection,
                                                  index](absl::StatusOr<BenchResponse> response) {
    --state->in_flight;
    if (state->abandoned) return;
    absl::Status status = response.status();
    if (status.ok() && state->load->check) {
      status = state->load->check(index, *response);
    }
    if (!status.ok()) {
      if (state->first_error.ok()) {
        state->first_error = absl::Status(
            status.code(),
            absl::StrCat("request ", index, " (", state->load->requests[index].method, " ",
                         state->load->requests[index].target, "): ", status.message()));
      }
      return;
    }
    ++state->completed;
    SendNext(state, connection);
  });
}

}  // namespace

double LoadResult::PerSecond() const {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0 ? static_cast<double>(completed) / seconds : 0;
}

absl::StatusOr<LoadResult> RunLoad(boost::asio::io_context& ioc, const Connections& connections,
                                   const RequestLoad& load) {
  if (connections.empty()) return absl::InvalidArgumentError("a load needs a connection");
  auto state = std::make_shared<LoadState>();
  state->load = &load;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& connection : connections) SendNext(state, connection);
  const bool finished = RunUntil(
      ioc, [&] { return state->Finished(); }, load.timeout);
  LoadResult result;
  result.elapsed = absl::FromChrono(std::chrono::steady_clock::now() - start);
  result.completed = state->completed;
  if (!finished) {
    state->abandoned = true;  // the caller closes the connections
    return absl::DeadlineExceededError(absl::StrCat("only ", state->completed, " of ",
                                                    load.requests.size(), " requests done in ",
                                                    absl::FormatDuration(load.timeout)));
  }
  if (!state->first_error.ok()) return state->first_error;
  return result;
}

absl::StatusOr<BenchResponse> SendAndWait(boost::asio::io_context& ioc,
                                          const std::shared_ptr<HttpsConnection>& connection,
                                          const BenchRequest& request, absl::Duration timeout) {
  // Shared with the callback, which outlives this call on a timeout.
  auto answer = std::make_shared<std::optional<absl::StatusOr<BenchResponse>>>();
  connection->Send(
      request, [answer](absl::StatusOr<BenchResponse> response) { *answer = std::move(response); });
  if (!RunUntil(
          ioc, [&] { return answer->has_value(); }, timeout)) {
    return absl::DeadlineExceededError(absl::StrCat(
        request.method, " ", request.target, ": no answer in ", absl::FormatDuration(timeout)));
  }
  return std::move(**answer);
}

std::function<absl::Status(size_t, const BenchResponse&)> ExpectStatus(int status) {
  return [status](size_t, const BenchResponse& response) {
    if (response.status == status) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat("HTTP ", response.status, " instead of ",
                                                      status, ": ", response.body.substr(0, 300)));
  };
}

}  // namespace sei::controlplane::bench
