// The benchmark's client and phases against a live ControlPlane on
// loopback, at a size that runs in seconds: that they measure what they
// say, and that every failure (refused, stalled, untrusted, rejected)
// comes back as an error instead of a hang or a figure.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/match.h"
#include "lib/controlplane/bench/bench_objects.h"
#include "lib/controlplane/bench/benchmark_phases.h"
#include "lib/controlplane/bench/connection_pool.h"
#include "lib/controlplane/bench/https_connection.h"
#include "lib/controlplane/bench/request_load.h"
#include "lib/controlplane/bench/watch_fanout.h"
#include "lib/controlplane/http/certificates.h"
#include "lib/controlplane/http/control_plane.h"

namespace sei::controlplane::bench {
namespace {

constexpr char kToken[] = "bench-test-token-0123456789";
constexpr char kConfigMaps[] = "/api/v1/namespaces/default/configmaps";

struct LivePlane {
  LivePlane() {
    ControlPlaneOptions options;
    options.serve_sidecars = false;
    options.tokens = {{kToken, "admin", {"system:masters"}}};
    options.store.pod_termination_grace = absl::ZeroDuration();
    auto created = ControlPlane::Create(options);
    REQUIRE(created.ok());
    plane = *std::move(created);
    REQUIRE(plane->Start().ok());
    auto context = MakeClientTlsContext(plane->ca_certificate_pem());
    REQUIRE(context.ok());
    tls = *std::move(context);
    client.ioc = &ioc;
    client.tls = tls.get();
    client.endpoint = Endpoint(kToken);
    client.phase_timeout = absl::Seconds(20);
  }
  ~LivePlane() { plane->Stop(); }

  ServerEndpoint Endpoint(const std::string& token) const {
    return {plane->port(), token, absl::Seconds(10)};
  }

  std::unique_ptr<ControlPlane> plane;
  boost::asio::io_context ioc{1};
  std::unique_ptr<boost::asio::ssl::context> tls;
  BenchClient client;
};

RequestLoad ConfigMapCreates(size_t count) {
  RequestLoad load;
  load.check = ExpectStatus(201);
  load.timeout = absl::Seconds(20);
  for (size_t i = 0; i < count; ++i) {
    load.requests.push_back(
        {"POST", kConfigMaps, ConfigMapObject("default", "cm-" + std::to_string(i), 0).dump()});
  }
  return load;
}

size_t StoredConfigMaps(LivePlane& live) {
  auto list = ConnectAll(live.ioc, *live.tls, live.client.endpoint, 1, absl::Seconds(10));
  REQUIRE(list.ok());
  auto response = SendAndWait(live.ioc, list->front(), {"GET", kConfigMaps, ""}, absl::Seconds(10));
  CloseAll(live.ioc, *list);
  REQUIRE(response.ok());
  REQUIRE(response->status == 200);
  return nlohmann::json::parse(response->body)["items"].size();
}

TEST_CASE("A load sends every request once over keep-alive connections", "[bench][client]") {
  LivePlane live;
  auto connections = ConnectAll(live.ioc, *live.tls, live.client.endpoint, 3, absl::Seconds(10));
  REQUIRE(connections.ok());
  const RequestLoad creates = ConfigMapCreates(25);
  auto result = RunLoad(live.ioc, *connections, creates);
  REQUIRE(result.ok());
  CHECK(result->completed == 25);
  CHECK(result->PerSecond() > 0);

  // The same creates again: the first 409 stops the load and is reported.
  auto again = RunLoad(live.ioc, *connections, creates);
  REQUIRE_FALSE(again.ok());
  CHECK(absl::StrContains(again.status().message(), "HTTP 409"));
  CloseAll(live.ioc, *connections);
  CHECK(StoredConfigMaps(live) == 25);
}

TEST_CASE("A rejected token fails the load", "[bench][client]") {
  LivePlane live;
  auto connections =
      ConnectAll(live.ioc, *live.tls, live.Endpoint("not-a-token"), 1, absl::Seconds(10));
  REQUIRE(connections.ok());
  auto result = RunLoad(live.ioc, *connections, ConfigMapCreates(2));
  REQUIRE_FALSE(result.ok());
  CHECK(absl::StrContains(result.status().message(), "HTTP 401"));
  CloseAll(live.ioc, *connections);
  CHECK_FALSE(RunLoad(live.ioc, {}, ConfigMapCreates(1)).ok());
}

TEST_CASE("Connecting fails on a refused port, a stalled server and an untrusted CA",
          "[bench][client]") {
  LivePlane live;
  boost::asio::io_context other;
  uint16_t closed_port = 0;
  {
    boost::asio::ip::tcp::acceptor probe(other, {boost::asio::ip::address_v4::loopback(), 0});
    closed_port = probe.local_endpoint().port();
  }
  auto refused =
      ConnectAll(live.ioc, *live.tls, {closed_port, kToken, absl::Seconds(5)}, 2, absl::Seconds(5));
  CHECK(refused.status().code() == absl::StatusCode::kUnavailable);

  // Listening but never accepting: TCP connects, the TLS handshake stalls.
  boost::asio::ip::tcp::acceptor stalled(other, {boost::asio::ip::address_v4::loopback(), 0});
  const uint16_t stalled_port = stalled.local_endpoint().port();
  auto timed_out = ConnectAll(live.ioc, *live.tls, {stalled_port, kToken, absl::Milliseconds(300)},
                              1, absl::Seconds(5));
  CHECK(timed_out.status().code() == absl::StatusCode::kDeadlineExceeded);

  auto foreign = GenerateCertificates();
  REQUIRE(foreign.ok());
  auto untrusting = MakeClientTlsContext(foreign->ca_certificate_pem);
  REQUIRE(untrusting.ok());
  auto rejected = ConnectAll(live.ioc, **untrusting, live.client.endpoint, 1, absl::Seconds(5));
  REQUIRE_FALSE(rejected.ok());
  CHECK(absl::StrContains(rejected.status().message(), "TLS handshake"));

  CHECK_FALSE(MakeClientTlsContext("not a certificate").ok());
}

TEST_CASE("The fan-out delivers each write to every watcher", "[bench][watch]") {
  LivePlane live;
  FanoutOptions options;
  options.ns = "default";
  options.watchers = 20;
  options.repetitions = 3;
  options.step_timeout = absl::Seconds(10);
  auto result = MeasureWatchFanout(live.ioc, *live.tls, live.client.endpoint, options);
  REQUIRE(result.ok());
  CHECK(result->opened == 20);
  CHECK(result->open_at_end == 20);
  REQUIRE(result->delivery.size() == 3);
  REQUIRE(result->write_latency.size() == 3);
  for (size_t i = 0; i < 3; ++i) CHECK(result->delivery[i] > absl::ZeroDuration());

  // A namespace that does not exist: the first create is refused.
  options.ns = "no-such-namespace";
  auto missing = MeasureWatchFanout(live.ioc, *live.tls, live.client.endpoint, options);
  CHECK_FALSE(missing.ok());
}

TEST_CASE("The phases store, list and write what they report", "[bench][phases]") {
  LivePlane live;
  REQUIRE(CreateNamespaces(live.client, {"pods-a"}).ok());
  CHECK_FALSE(CreateNamespaces(live.client, {"pods-a"}).ok());  // 409 the second time

  auto memory = StorePods(live.client, "pods-a", 23, 4);
  REQUIRE(memory.ok());
  CHECK(memory->objects == 23);
  CHECK(memory->create_per_second > 0);
  CHECK(memory->status_patch_per_second > 0);
  // The stored pod carries the patched Running status: well over 3 KB.
  CHECK(memory->stored_object_bytes > 3500);

  auto all = MeasureList(live.client, {"all", "pods-a", "", 23, 3});
  REQUIRE(all.ok());
  CHECK(all->items == 23);
  CHECK(all->p50_ms > 0);
  CHECK(all->p99_ms >= all->p50_ms);
  // Of pods 0..22, g3 holds pods 3 and 13.
  auto selected = MeasureList(live.client, {"g3", "pods-a", "bench-group=g3", 2, 2});
  INFO(selected.status().ToString());
  REQUIRE(selected.ok());
  CHECK(selected->items == 2);
  auto wrong = MeasureList(live.client, {"g3", "pods-a", "bench-group=g3", 3, 2});
  CHECK(wrong.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK_FALSE(MeasureList(live.client, {"none", "pods-a", "", 23, 0}).ok());

  auto writes = MeasureWrites(live.client, {"default", 2, 15, 2});
  REQUIRE(writes.ok());
  REQUIRE(writes->size() == 2);
  CHECK((*writes)[0].operation == "create ConfigMap");
  CHECK((*writes)[1].operation == "update ConfigMap");
  CHECK((*writes)[1].per_second.min > 0);
  CHECK(StoredConfigMaps(live) == 30);
}

}  // namespace
}  // namespace sei::controlplane::bench
