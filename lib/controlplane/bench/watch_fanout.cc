#include "lib/controlplane/bench/watch_fanout.h"

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/bench/bench_objects.h"
#include "lib/controlplane/bench/connection_pool.h"
#include "lib/controlplane/bench/event_loop.h"
#include "lib/controlplane/bench/request_load.h"

namespace sei::controlplane::bench {
namespace {

using SteadyClock = std::chrono::steady_clock;

// The server ends a watch after this long; the run closes them far sooner.
constexpr int kWatchTimeoutSeconds = 600;

std::string FanoutObjectName(int repetition) { return absl::StrCat("fanout-", repetition); }

// Shared by the watch callbacks, which may run after MeasureWatchFanout
// returned (while CloseAll drains them).
struct FanoutState {
  explicit FanoutState(size_t watchers) : last_seen(watchers, -1) {}

  std::vector<int> last_seen;  // per watcher: the last repetition it saw
  size_t opened = 0;
  size_t ended = 0;
  bool closing = false;  // ends from here on are ours
  absl::Status first_error;
  int repetition = -1;
  size_t received = 0;  // watchers that saw this repetition's event
  SteadyClock::time_point last_received;

  void OnLine(size_t watcher, absl::string_view line) {
    const nlohmann::json event = nlohmann::json::parse(line, nullptr, false);
    if (event.is_discarded() || !event.is_object()) {
      if (first_error.ok()) first_error = absl::DataLossError("a watch line is not JSON");
      return;
    }
    if (event.value("type", "") != "ADDED") return;
    const nlohmann::json& meta = event["object"]["metadata"];
    if (!meta.is_object() || meta.value("name", "") != FanoutObjectName(repetition)) return;
    if (last_seen[watcher] == repetition) return;  // a duplicate would be a server bug
    last_seen[watcher] = repetition;
    ++received;
    last_received = SteadyClock::now();
  }

  void OnEnd(absl::Status status) {
    ++ended;
    if (closing || !first_error.ok()) return;
    first_error =
        status.ok() ? absl::AbortedError("the server ended a watch during the run") : status;
  }
};

absl::StatusOr<std::string> CurrentResourceVersion(boost::asio::io_context& ioc,
                                                   const std::shared_ptr<HttpsConnection>& writer,
                                                   const std::string& collection,
                                                   absl::Duration timeout) {
  auto list = SendAndWait(ioc, writer, {"GET", collection + "?limit=1", ""}, timeout);
  if (!list.ok()) return list.status();
  if (list->status != 200) {
    return absl::FailedPreconditionError(absl::StrCat("LIST answered HTTP ", list->status));
  }
  const nlohmann::json body = nlohmann::json::parse(list->body, nullptr, false);
  if (body.is_discarded() || !body["metadata"]["resourceVersion"].is_string()) {
    return absl::DataLossError("the LIST has no metadata.resourceVersion");
  }
  return body["metadata"]["resourceVersion"].get<std::string>();
}

absl::Status RunRepetitions(boost::asio::io_context& ioc,
                            const std::shared_ptr<HttpsConnection>& writer,
                            const std::string& collection, const FanoutOptions& options,
                            FanoutState& state, FanoutResult& result) {
  for (int r = 0; r < options.repetitions; ++r) {
    state.repetition = r;
    state.received = 0;
    const BenchRequest create{"POST", collection,
                              ConfigMapObject(options.ns, FanoutObjectName(r), r).dump()};
    // Shared with the callback, which runs late (during CloseAll) if the
    // step times out.
    struct WriteOutcome {
      std::optional<absl::Status> status;
      SteadyClock::time_point at;
    };
    auto written = std::make_shared<WriteOutcome>();
    const auto start = SteadyClock::now();
    writer->Send(create, [written](absl::StatusOr<BenchResponse> response) {
      written->at = SteadyClock::now();
      written->status = !response.ok() ? response.status()
                        : response->status == 201
                            ? absl::OkStatus()
                            : absl::FailedPreconditionError(
                                  absl::StrCat("the write answered HTTP ", response->status));
    });
    const bool done = RunUntil(
        ioc,
        [&] {
          return !state.first_error.ok() ||
                 (written->status.has_value() &&
                  (!written->status->ok() || state.received == options.watchers));
        },
        options.step_timeout);
    if (!state.first_error.ok()) return state.first_error;
    if (!done) {
      return absl::DeadlineExceededError(
          absl::StrCat("repetition ", r, ": ", state.received, " of ", options.watchers,
                       " watchers got the event in ", absl::FormatDuration(options.step_timeout)));
    }
    if (!written->status->ok()) return *written->status;
    result.delivery.push_back(absl::FromChrono(state.last_received - start));
    result.write_latency.push_back(absl::FromChrono(written->at - start));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<FanoutResult> MeasureWatchFanout(boost::asio::io_context& ioc,
                                                boost::asio::ssl::context& tls,
                                                const ServerEndpoint& endpoint,
                                                const FanoutOptions& options) {
  const std::string collection = absl::StrCat("/api/v1/namespaces/", options.ns, "/configmaps");
  auto writer = ConnectAll(ioc, tls, endpoint, 1, options.step_timeout);
  if (!writer.ok()) return writer.status();
  auto resource_version =
      CurrentResourceVersion(ioc, writer->front(), collection, options.step_timeout);
  if (!resource_version.ok()) {
    CloseAll(ioc, *writer);
    return resource_version.status();
  }
  auto watchers = ConnectAll(ioc, tls, endpoint, options.watchers, options.step_timeout);
  if (!watchers.ok()) {
    CloseAll(ioc, *writer);
    return watchers.status();
  }

  // From a known resourceVersion: no ADDED replay of existing objects.
  const std::string target =
      absl::StrCat(collection, "?watch=1&resourceVersion=", *resource_version,
                   "&timeoutSeconds=", kWatchTimeoutSeconds);
  auto state = std::make_shared<FanoutState>(options.watchers);
  for (size_t i = 0; i < watchers->size(); ++i) {
    (*watchers)[i]->Stream(
        target, [state] { ++state->opened; },
        [state, i](absl::string_view line) { state->OnLine(i, line); },
        [state](absl::Status status) { state->OnEnd(std::move(status)); });
  }
  FanoutResult result;
  const bool all_open = RunUntil(
      ioc, [&] { return state->opened == options.watchers || !state->first_error.ok(); },
      options.step_timeout);
  result.opened = state->opened;
  absl::Status status = state->first_error;
  if (status.ok() && !all_open) {
    status = absl::DeadlineExceededError(absl::StrCat("only ", state->opened, " of ",
                                                      options.watchers, " watches opened in ",
                                                      absl::FormatDuration(options.step_timeout)));
  }
  if (status.ok()) {
    status = RunRepetitions(ioc, writer->front(), collection, options, *state, result);
  }
  result.open_at_end = state->opened - state->ended;
  state->closing = true;
  CloseAll(ioc, *watchers);
  CloseAll(ioc, *writer);
  if (!status.ok()) return status;
  return result;
}

}  // namespace sei::controlplane::bench
