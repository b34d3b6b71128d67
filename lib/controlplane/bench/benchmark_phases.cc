#include "lib/controlplane/bench/benchmark_phases.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/bench/bench_objects.h"
#include "lib/controlplane/bench/connection_pool.h"
#include "lib/controlplane/bench/event_loop.h"
#include "lib/controlplane/bench/process_memory.h"
#include "lib/controlplane/bench/request_load.h"
#include "lib/controlplane/bench/watch_fanout.h"

namespace sei::controlplane::bench {
namespace {

using nlohmann::json;

// Pods stored per load in StorePods: 1,000 bodies of ~4 KB in the client.
constexpr size_t kPodBatch = 1000;
constexpr double kMegabyte = 1024.0 * 1024.0;

std::string CorePath(const std::string& ns, const std::string& resource) {
  return absl::StrCat("/api/v1/namespaces/", ns, "/", resource);
}

// One connection for a phase's setup or sequential requests; closed when
// the phase ends, whatever happens.
class SingleConnection {
 public:
  static absl::StatusOr<std::unique_ptr<SingleConnection>> Open(const BenchClient& client) {
    auto connections =
        ConnectAll(*client.ioc, *client.tls, client.endpoint, 1, client.phase_timeout);
    if (!connections.ok()) return connections.status();
    return std::unique_ptr<SingleConnection>(new SingleConnection(client, *std::move(connections)));
  }
  ~SingleConnection() { CloseAll(*client_.ioc, connections_); }

  // The response when its status is `expected`.
  absl::StatusOr<BenchResponse> Expect(const BenchRequest& request, int expected) {
    auto response = SendAndWait(*client_.ioc, connections_.front(), request, client_.phase_timeout);
    if (!response.ok()) return response.status();
    absl::Status status = ExpectStatus(expected)(0, *response);
    if (!status.ok()) {
      return absl::Status(
          status.code(), absl::StrCat(request.method, " ", request.target, ": ", status.message()));
    }
    return response;
  }

 private:
  SingleConnection(const BenchClient& client, Connections connections)
      : client_(client), connections_(std::move(connections)) {}
  const BenchClient& client_;
  Connections connections_;
};

double PerSecond(size_t count, absl::Duration elapsed) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

// A JSON response's member, e.g. metadata.uid.
absl::StatusOr<std::string> MetadataField(const BenchResponse& response, const char* field) {
  const json body = json::parse(response.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body["metadata"].is_object() ||
      !body["metadata"][field].is_string()) {
    return absl::DataLossError(absl::StrCat("the response has no metadata.", field));
  }
  return body["metadata"][field].get<std::string>();
}

// Runs `load` on fresh connections and closes them afterwards.
absl::StatusOr<LoadResult> RunOnConnections(const BenchClient& client, size_t count,
                                            const RequestLoad& load) {
  auto connections =
      ConnectAll(*client.ioc, *client.tls, client.endpoint, count, client.phase_timeout);
  if (!connections.ok()) return connections.status();
  auto result = RunLoad(*client.ioc, *connections, load);
  CloseAll(*client.ioc, *connections);
  return result;
}

}  // namespace

absl::Status CreateNamespaces(const BenchClient& client, const std::vector<std::string>& names) {
  auto connection = SingleConnection::Open(client);
  if (!connection.ok()) return connection.status();
  for (const std::string& name : names) {
    auto created =
        (*connection)->Expect({"POST", "/api/v1/namespaces", NamespaceObject(name).dump()}, 201);
    if (!created.ok()) return created.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<MemoryFigure> StorePods(const BenchClient& client, const std::string& ns,
                                       size_t pods, size_t connections) {
  const std::string set = "node";
  std::string owner_uid;
  {
    auto connection = SingleConnection::Open(client);
    if (!connection.ok()) return connection.status();
    auto owner =
        (*connection)
            ->Expect({"POST", absl::StrCat("/apis/apps/v1/namespaces/", ns, "/statefulsets"),
                      StatefulSetObject(ns, set).dump()},
                     201);
    if (!owner.ok()) return owner.status();
    auto uid = MetadataField(*owner, "uid");
    if (!uid.ok()) return uid.status();
    owner_uid = *uid;
  }

  ReleaseFreeHeap();
  auto before = ResidentSetBytes();
  if (!before.ok()) return before.status();

  auto pool =
      ConnectAll(*client.ioc, *client.tls, client.endpoint, connections, client.phase_timeout);
  if (!pool.ok()) return pool.status();
  // Each batch is created, then given its Running status by a merge patch
  // of pods/<name>/status, as a kubelet would.
  absl::Duration create_elapsed;
  absl::Duration patch_elapsed;
  for (size_t first = 0; first < pods; first += kPodBatch) {
    const size_t end = std::min(pods, first + kPodBatch);
    RequestLoad creates;
    creates.timeout = client.phase_timeout;
    creates.check = ExpectStatus(201);
    RequestLoad patches;
    patches.timeout = client.phase_timeout;
    patches.check = ExpectStatus(200);
    for (size_t i = first; i < end; ++i) {
      const int index = static_cast<int>(i);
      creates.requests.push_back(
          {"POST", CorePath(ns, "pods"), PodObject(ns, set, owner_uid, index).dump()});
      patches.requests.push_back(
          {"PATCH", absl::StrCat(CorePath(ns, "pods"), "/", set, "-", i, "/status"),
           RunningPodStatusPatch(index).dump(), "application/merge-patch+json"});
    }
    for (auto [load, elapsed] :
         {std::pair{&creates, &create_elapsed}, std::pair{&patches, &patch_elapsed}}) {
      auto result = RunLoad(*client.ioc, *pool, *load);
      if (!result.ok()) {
        CloseAll(*client.ioc, *pool);
        return result.status();
      }
      *elapsed += result->elapsed;
    }
  }
  CloseAll(*client.ioc, *pool);

  ReleaseFreeHeap();
  auto after = ResidentSetBytes();
  if (!after.ok()) return after.status();

  MemoryFigure figure;
  figure.objects = pods;
  figure.connections = connections;
  figure.rss_delta_mb = (static_cast<double>(*after) - static_cast<double>(*before)) / kMegabyte;
  figure.create_per_second = PerSecond(pods, create_elapsed);
  figure.status_patch_per_second = PerSecond(pods, patch_elapsed);
  if (pods > 0) {
    auto connection = SingleConnection::Open(client);
    if (!connection.ok()) return connection.status();
    auto pod = (*connection)->Expect({"GET", CorePath(ns, "pods") + "/" + set + "-0", ""}, 200);
    if (!pod.ok()) return pod.status();
    figure.stored_object_bytes = pod->body.size();
  }
  return figure;
}

absl::StatusOr<ListFigure> MeasureList(const BenchClient& client, const ListCase& list) {
  if (list.samples == 0) return absl::InvalidArgumentError("a LIST case needs samples");
  std::string target = CorePath(list.ns, "pods");
  if (!list.label_selector.empty()) {
    // The benchmark's selectors are `key=value`; only '=' needs escaping.
    std::string escaped = list.label_selector;
    const size_t equals = escaped.find('=');
    if (equals != std::string::npos) escaped.replace(equals, 1, "%3D");
    absl::StrAppend(&target, "?labelSelector=", escaped);
  }
  auto connection = SingleConnection::Open(client);
  if (!connection.ok()) return connection.status();

  ListFigure figure;
  figure.what = list.what;
  figure.samples = list.samples;
  std::vector<double> latencies_ms;
  for (size_t i = 0; i < list.samples; ++i) {
    const auto start = std::chrono::steady_clock::now();
    auto response = (*connection)->Expect({"GET", target, ""}, 200);
    const auto end = std::chrono::steady_clock::now();
    if (!response.ok()) return response.status();
    latencies_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    if (i > 0) continue;
    // Decoded once, outside the timing: the LIST must hold what we think.
    const json body = json::parse(response->body, nullptr, false);
    if (body.is_discarded() || !body["items"].is_array()) {
      return absl::DataLossError(absl::StrCat(list.what, ": the LIST has no items array"));
    }
    figure.items = body["items"].size();
    figure.response_bytes = response->body.size();
    if (figure.items != list.expected_items) {
      return absl::FailedPreconditionError(
          absl::StrCat(list.what, ": ", figure.items, " items instead of ", list.expected_items));
    }
  }
  auto p50 = Percentile(latencies_ms, 50);
  auto p99 = Percentile(latencies_ms, 99);
  if (!p50.ok()) return p50.status();
  if (!p99.ok()) return p99.status();
  figure.p50_ms = *p50;
  figure.p99_ms = *p99;
  return figure;
}

absl::StatusOr<std::vector<WriteFigure>> MeasureWrites(const BenchClient& client,
                                                       const WriteCase& writes) {
  std::vector<double> create_rates;
  std::vector<double> update_rates;
  const std::string collection = CorePath(writes.ns, "configmaps");
  for (int r = 0; r < writes.repetitions; ++r) {
    std::vector<std::string> names;
    RequestLoad creates;
    creates.timeout = client.phase_timeout;
    for (size_t i = 0; i < writes.requests; ++i) {
      names.push_back(absl::StrCat("w", writes.connections, "-r", r, "-", i));
      creates.requests.push_back(
          {"POST", collection, ConfigMapObject(writes.ns, names.back(), 0).dump()});
    }
    // Updates need each object's resourceVersion, as any client would.
    std::vector<std::string> versions(writes.requests);
    creates.check = [&versions](size_t index, const BenchResponse& response) {
      absl::Status status = ExpectStatus(201)(index, response);
      if (!status.ok()) return status;
      auto version = MetadataField(response, "resourceVersion");
      if (!version.ok()) return version.status();
      versions[index] = *std::move(version);
      return absl::OkStatus();
    };
    auto created = RunOnConnections(client, writes.connections, creates);
    if (!created.ok()) return created.status();
    create_rates.push_back(created->PerSecond());

    RequestLoad updates;
    updates.timeout = client.phase_timeout;
    updates.check = ExpectStatus(200);
    for (size_t i = 0; i < writes.requests; ++i) {
      json object = ConfigMapObject(writes.ns, names[i], 1);
      object["metadata"]["resourceVersion"] = versions[i];
      updates.requests.push_back({"PUT", collection + "/" + names[i], object.dump()});
    }
    auto updated = RunOnConnections(client, writes.connections, updates);
    if (!updated.ok()) return updated.status();
    update_rates.push_back(updated->PerSecond());
  }
  auto create_spread = Summarize(create_rates);
  auto update_spread = Summarize(update_rates);
  if (!create_spread.ok()) return create_spread.status();
  if (!update_spread.ok()) return update_spread.status();
  return std::vector<WriteFigure>{
      {"create ConfigMap", writes.connections, writes.requests, *create_spread},
      {"update ConfigMap", writes.connections, writes.requests, *update_spread}};
}

absl::StatusOr<FanoutFigure> MeasureFanout(const BenchClient& client, const std::string& ns,
                                           size_t watchers, int repetitions) {
  FanoutOptions options;
  options.ns = ns;
  options.watchers = watchers;
  options.repetitions = repetitions;
  options.step_timeout = client.phase_timeout;
  auto result = MeasureWatchFanout(*client.ioc, *client.tls, client.endpoint, options);
  if (!result.ok()) return result.status();
  auto to_ms = [](const std::vector<absl::Duration>& durations) {
    std::vector<double> ms;
    for (absl::Duration d : durations) ms.push_back(absl::ToDoubleMilliseconds(d));
    return ms;
  };
  auto delivery = Summarize(to_ms(result->delivery));
  auto write = Summarize(to_ms(result->write_latency));
  if (!delivery.ok()) return delivery.status();
  if (!write.ok()) return write.status();
  FanoutFigure figure;
  figure.watchers = watchers;
  figure.opened = result->opened;
  figure.open_at_end = result->open_at_end;
  figure.repetitions = repetitions;
  figure.delivery_ms = *delivery;
  figure.write_ms = *write;
  return figure;
}

}  // namespace sei::controlplane::bench
