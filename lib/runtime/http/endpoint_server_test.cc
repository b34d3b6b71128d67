#include "lib/runtime/http/endpoint_server.h"

#include <cpprest/http_client.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/runtime/http/health_checks.h"
#include "lib/runtime/http/ready_gate.h"
#include "lib/runtime/http/standard_endpoints.h"
#include "lib/runtime/metrics/registry.h"

namespace sei::runtime {
namespace {

struct Reply {
  int code = 0;
  std::string content_type;
  std::string body;
};

// A real HTTP request with cpprestsdk's client; its exceptions become a
// status so a broken server fails the test instead of aborting it.
absl::StatusOr<Reply> Request(uint16_t port, const std::string& path,
                              const web::http::method& method = web::http::methods::GET) {
  try {
    web::http::client::http_client client(absl::StrCat("http://127.0.0.1:", port));
    web::http::http_response response = client.request(method, path).get();
    Reply reply;
    reply.code = response.status_code();
    reply.content_type = response.headers().content_type();
    reply.body = response.extract_utf8string(true).get();
    return reply;
  } catch (const std::exception& e) {
    return absl::UnavailableError(e.what());
  }
}

TEST_CASE("Metrics, healthz and readyz answer real HTTP requests") {
  metrics::Registry registry;
  metrics::Counter* errors = *registry.AddCounter("sei_controller_reconcile_errors_total",
                                                  "Reconcile errors.", {"controller", "namespace"});
  REQUIRE(errors->Inc({"seinode", "default"}).ok());
  HealthChecks healthz("healthz");
  HealthChecks readyz("readyz");
  ReadyGate synced("caches not synced");
  REQUIRE(healthz.Add("ping", PingCheck()).ok());
  REQUIRE(readyz.Add("informers", synced.AsCheck()).ok());

  EndpointServer server("127.0.0.1:0");
  REQUIRE(server.Route("/metrics", MetricsEndpoint(&registry)).ok());
  REQUIRE(server.Route("/healthz", HealthEndpoint(&healthz)).ok());
  REQUIRE(server.Route("/readyz", HealthEndpoint(&readyz)).ok());
  absl::StatusOr<uint16_t> port = server.Start();
  REQUIRE(port.ok());
  REQUIRE(*port != 0);

  absl::StatusOr<Reply> reply = Request(*port, "/metrics");
  REQUIRE(reply.ok());
  CHECK(reply->code == 200);
  CHECK(reply->content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(reply->body ==
        "# HELP sei_controller_reconcile_errors_total Reconcile errors.\n"
        "# TYPE sei_controller_reconcile_errors_total counter\n"
        "sei_controller_reconcile_errors_total{controller=\"seinode\",namespace=\"default\"} 1\n");

  reply = Request(*port, "/healthz");
  REQUIRE(reply.ok());
  CHECK(reply->code == 200);
  CHECK(reply->body == "ok");

  reply = Request(*port, "/readyz");
  REQUIRE(reply.ok());
  CHECK(reply->code == 500);
  CHECK(reply->body == "[-]informers failed: caches not synced\nreadyz check failed\n");
  synced.Open();
  reply = Request(*port, "/readyz");
  REQUIRE(reply.ok());
  CHECK(reply->code == 200);
  CHECK(reply->body == "ok");

  reply = Request(*port, "/nowhere");
  REQUIRE(reply.ok());
  CHECK(reply->code == 404);
  reply = Request(*port, "/metrics", web::http::methods::POST);
  REQUIRE(reply.ok());
  CHECK(reply->code == 405);

  // A scrape sees updates made since the last one.
  REQUIRE(errors->Inc({"seinode", "default"}).ok());
  reply = Request(*port, "/metrics");
  REQUIRE(reply.ok());
  CHECK(reply->body.find("namespace=\"default\"} 2\n") != std::string::npos);

  server.Stop();
  CHECK_FALSE(Request(*port, "/healthz").ok());  // nothing listens any more
  server.Stop();                                 // idempotent
}

TEST_CASE("Start fails on a bad address or a port in use; routes are fixed once started") {
  EndpointServer bad("not-an-address");
  CHECK(absl::IsInvalidArgument(bad.Start().status()));

  EndpointServer first("127.0.0.1:0");
  absl::StatusOr<uint16_t> port = first.Start();
  REQUIRE(port.ok());
  CHECK(first.Route("/late", [] { return EndpointResponse{}; }).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(first.Start().status().code() == absl::StatusCode::kFailedPrecondition);

  EndpointServer second(absl::StrCat("127.0.0.1:", *port));
  CHECK_FALSE(second.Start().ok());

  EndpointServer duplicate("127.0.0.1:0");
  REQUIRE(duplicate.Route("/x", [] { return EndpointResponse{}; }).ok());
  CHECK(duplicate.Route("/x", [] { return EndpointResponse{}; }).code() ==
        absl::StatusCode::kAlreadyExists);
}

}  // namespace
}  // namespace sei::runtime
