#include "lib/runtime/http/health_checks.h"

#include <catch2/catch.hpp>

#include "absl/status/status.h"
#include "lib/runtime/http/ready_gate.h"

namespace sei::runtime {
namespace {

TEST_CASE("No checks, or all passing, is healthy with body ok") {
  HealthChecks checks("healthz");
  CHECK(checks.Run().healthy);
  CHECK(checks.Run().body == "ok");
  REQUIRE(checks.Add("ping", PingCheck()).ok());
  CHECK(checks.Run().healthy);
  CHECK(checks.Run().body == "ok");
}

TEST_CASE("A failing check lists every check in order") {
  HealthChecks checks("readyz");
  ReadyGate gate("caches not synced");
  REQUIRE(checks.Add("ping", PingCheck()).ok());
  REQUIRE(checks.Add("informers", gate.AsCheck()).ok());
  HealthReport report = checks.Run();
  CHECK_FALSE(report.healthy);
  CHECK(report.body == "[+]ping ok\n[-]informers failed: caches not synced\nreadyz check failed\n");
  gate.Open();
  report = checks.Run();
  CHECK(report.healthy);
  CHECK(report.body == "ok");
}

TEST_CASE("Check names are unique and checks non-empty") {
  HealthChecks checks("healthz");
  REQUIRE(checks.Add("ping", PingCheck()).ok());
  CHECK(checks.Add("ping", PingCheck()).message() ==
        "healthz check \"ping\" is already registered");
  CHECK(absl::IsInvalidArgument(checks.Add("", PingCheck())));
  CHECK(absl::IsInvalidArgument(checks.Add("none", nullptr)));
}

}  // namespace
}  // namespace sei::runtime
