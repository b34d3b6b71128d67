// The simulated sidecar through its request/response surface: every §4
// endpoint, §3 authentication, §6 engine semantics, §13 scripting, faults and
// lifecycle.
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"
#include "lib/controlplane/sidecar/system_clock.h"
#include "lib/controlplane/sidecar/test_support.h"

namespace sei::controlplane::sidecar {
namespace {

using testing::FakeClock;
using testing::kNode;
using testing::kNs;
using testing::kOtherTaskId;
using testing::kTaskId;
using testing::Node;
using testing::Proxied;

nlohmann::json StaticSource(const std::vector<std::string>& addresses) {
  return {{"type", "static"}, {"addresses", addresses}};
}

nlohmann::json Ec2Source(const std::string& region) {
  return {{"type", "ec2Tags"}, {"region", region}, {"tags", {{"chain", "pacific-1"}}}};
}

nlohmann::json Sources(const std::vector<nlohmann::json>& sources) {
  nlohmann::json params = nlohmann::json::object();
  params["sources"] = sources;
  return params;
}

std::string Header(const Response& response, const std::string& name) {
  for (const auto& [key, value] : response.headers) {
    if (key == name) return value;
  }
  return "";
}

TEST_CASE("healthz, startupz and status follow the ready flag set by mark-ready") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);

  for (const char* path : {"/v0/healthz", "/v0/startupz"}) {
    const Response before = node.Get(path);
    CHECK(before.status == 503);
    CHECK(before.body.empty());
    CHECK(before.content_type.empty());
  }
  const Response initializing = node.Get("/v0/status");
  CHECK(initializing.status == 200);
  CHECK(initializing.content_type == "application/json");
  CHECK(initializing.body == "{\"status\":\"Initializing\"}\n");
  CHECK_FALSE(fleet.Ready(kNs, kNode));

  REQUIRE(node.Submit(kTaskId, "mark-ready").status == 201);
  for (const char* path : {"/v0/healthz", "/v0/startupz"}) {
    const Response after = node.Get(path);
    CHECK(after.status == 200);
    CHECK(after.body.empty());
  }
  CHECK(node.Get("/v0/status").body == "{\"status\":\"Ready\"}\n");
  CHECK(fleet.Ready(kNs, kNode));
}

TEST_CASE("only a successful mark-ready execution sets the ready flag") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  fleet.SetOutcome({"mark-ready", kTaskId, "", "", Outcome::Fail("boom")});
  REQUIRE(node.Submit(kTaskId, "mark-ready").status == 201);
  CHECK(node.Poll(kTaskId)["status"] == "failed");
  CHECK(node.Healthz() == 503);

  fleet.SetOutcome({"mark-ready", "", "", "", Outcome::CompleteAfter(absl::Seconds(3))});
  REQUIRE(node.Submit(kOtherTaskId, "mark-ready").status == 201);
  CHECK(node.Healthz() == 503);  // submitted is not executed
  clock.Advance(absl::Seconds(3));
  CHECK(node.Healthz() == 200);
}

TEST_CASE("livez answers from the results store") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  Request probe;  // kubelet: no identity header, exempt path
  probe.method = "GET";
  probe.path = "/v0/livez";
  const Response ok = node.Send(probe);
  CHECK(ok.status == 200);
  CHECK(ok.body.empty());

  fleet.SetFault(kNs, kNode, Fault::StoreUnavailable("disk I/O error"));
  const Response down = node.Send(probe);
  CHECK(down.status == 503);
  CHECK(down.body.empty());
  probe.query = "verbose=1";
  const Response verbose = node.Send(probe);
  CHECK(verbose.status == 503);
  CHECK(verbose.content_type == "application/json");
  CHECK(verbose.body == "{\"error\":\"disk I/O error\"}\n");
  probe.query = "verbose=true";
  CHECK(node.Send(probe).body.empty());
}

TEST_CASE("node-id serves the derived, fixed or node_key.json identity and the §11 errors") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);

  const Response derived = node.Get("/v0/node-id");
  CHECK(derived.status == 200);
  CHECK(derived.body == absl::StrCat("{\"nodeId\":\"", DefaultNodeId(kNs, kNode), "\"}\n"));

  fleet.SetNodeKeyJson(kNs, kNode,
                       R"({"priv_key":{"type":"tendermint/PrivKeyEd25519","value":)"
                       R"("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA=="}})");
  CHECK(node.Get("/v0/node-id").body ==
        "{\"nodeId\":\"56475aa75463474c0285df5dbf2bcab73da65135\"}\n");
  CHECK(*fleet.NodeId(kNs, kNode) == "56475aa75463474c0285df5dbf2bcab73da65135");

  fleet.SetNodeId(kNs, kNode, "0123456789abcdef0123456789abcdef01234567");
  CHECK(node.Get("/v0/node-id").body ==
        "{\"nodeId\":\"0123456789abcdef0123456789abcdef01234567\"}\n");

  fleet.SetNodeKeyMissing(kNs, kNode);
  Response missing = node.Get("/v0/node-id");
  CHECK(missing.status == 500);
  CHECK(missing.body ==
        "{\"error\":\"node_key.json not found — generate-identity may not have run yet\"}\n");

  fleet.SetNodeKeyJson(kNs, kNode, "{not json");
  CHECK(node.Get("/v0/node-id").body == "{\"error\":\"failed to parse node_key.json\"}\n");
  fleet.SetNodeKeyJson(kNs, kNode, R"({"priv_key":{"value":"AAEC"}})");
  Response short_key = node.Get("/v0/node-id");
  CHECK(short_key.status == 500);
  CHECK(short_key.body == "{\"error\":\"invalid Ed25519 key in node_key.json\"}\n");
}

TEST_CASE("POST /v0/tasks applies the §6.1 checks in order") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  const auto error_of = [&](const std::string& body) {
    const Response response = node.Post(body);
    CHECK(response.status == 400);
    CHECK(response.content_type == "application/json");
    return response.body;
  };
  CHECK(error_of("") == "{\"error\":\"invalid request body\"}\n");
  CHECK(error_of("{\"type\":") == "{\"error\":\"invalid request body\"}\n");
  CHECK(error_of("[]") == "{\"error\":\"invalid request body\"}\n");
  CHECK(error_of(R"({"type":7})") == "{\"error\":\"invalid request body\"}\n");
  CHECK(error_of(R"({"type":"mark-ready","params":[1]})") ==
        "{\"error\":\"invalid request body\"}\n");
  CHECK(error_of("null") == "{\"error\":\"type is required\"}\n");
  CHECK(error_of(R"({"id":"not-a-uuid"})") == "{\"error\":\"type is required\"}\n");
  // Step 3 precedes step 4, and the encoder escapes HTML characters.
  CHECK(error_of(R"({"id":"not-a-uuid","type":"<reboot>"})") ==
        "{\"error\":\"unknown task type: \\u003creboot\\u003e\"}\n");
  CHECK(error_of(R"({"id":"not-a-uuid","type":"mark-ready"})") ==
        "{\"error\":\"task ID must be a valid UUID: \\\"not-a-uuid\\\"\"}\n");

  // Trailing bytes after the first value are ignored, field names match
  // ignoring case, unknown fields are ignored.
  const Response accepted =
      node.Post(absl::StrCat(R"({"ID":")", kTaskId, R"(","Type":"mark-ready","x":1} trailing)"));
  CHECK(accepted.status == 201);
  CHECK(accepted.body == absl::StrCat("{\"id\":\"", kTaskId, "\"}\n"));

  // Other UUID spellings are accepted and stored verbatim.
  const std::string upper = "859D8A92-0E5B-5F33-A9A1-1B3C5F3F0A10";
  CHECK(node.Submit(upper, "config-validate").status == 201);
  CHECK(node.Poll(upper)["id"] == upper);
  CHECK(node.Submit("{11111111-2222-4333-8444-555555555555}", "config-validate").status == 201);
}

TEST_CASE("a POST without an ID gets a generated UUIDv4") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  const Response response = node.Post(R"({"type":"config-validate"})");
  REQUIRE(response.status == 201);
  const std::string id = nlohmann::json::parse(response.body)["id"];
  CHECK(id.size() == 36);
  CHECK(id[14] == '4');
  CHECK(node.Poll(id)["status"] == "completed");
  CHECK(fleet.Submissions(kNs, kNode).back().assigned_id == id);
}

TEST_CASE("GET /v0/tasks/{id} returns the TaskResult in the reference's shape") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  fleet.SetOutcome({"snapshot-restore", "", "", "", Outcome::CompleteAfter(absl::Milliseconds(1500))});
  REQUIRE(node.Post(absl::StrCat(R"({"id":")", kTaskId,
                                 R"(","type":"snapshot-restore","params":{"targetHeight":100.0}})"))
              .status == 201);
  const Response running = node.Get(absl::StrCat("/v0/tasks/", kTaskId));
  CHECK(running.status == 200);
  CHECK(running.body == absl::StrCat("{\"id\":\"", kTaskId,
                                     "\",\"type\":\"snapshot-restore\",\"status\":\"running\","
                                     "\"run\":1,\"params\":{\"targetHeight\":100},"
                                     "\"submittedAt\":\"2027-01-01T00:00:00Z\"}\n"));
  clock.Advance(absl::Seconds(2));
  CHECK(node.Get(absl::StrCat("/v0/tasks/", kTaskId)).body ==
        absl::StrCat("{\"id\":\"", kTaskId,
                     "\",\"type\":\"snapshot-restore\",\"status\":\"completed\","
                     "\"run\":1,\"params\":{\"targetHeight\":100},"
                     "\"submittedAt\":\"2027-01-01T00:00:00Z\","
                     "\"completedAt\":\"2027-01-01T00:00:01.5Z\"}\n"));

  // Params come back as Go re-encodes a map: keys sorted at every level.
  REQUIRE(node.Post(absl::StrCat(R"({"id":")", kOtherTaskId,
                                 R"(","type":"config-reload","params":{"z":"<1>","a":{"y":2,"b":3}}})"))
              .status == 201);
  CHECK(absl::StrContains(node.Get(absl::StrCat("/v0/tasks/", kOtherTaskId)).body,
                          R"("params":{"a":{"b":3,"y":2},"z":"\u003c1\u003e"})"));

  const Response unknown = node.Get("/v0/tasks/22222222-2222-4333-8444-555555555555");
  CHECK(unknown.status == 404);
  CHECK(unknown.body == "{\"error\":\"task not found\"}\n");
  const Response empty = node.Get("/v0/tasks/");
  CHECK(empty.status == 400);
  CHECK(empty.body == "{\"error\":\"missing task ID\"}\n");
}

TEST_CASE("GET /v0/tasks lists up to 100 results, newest first") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  const Response empty = node.Get("/v0/tasks");
  CHECK(empty.status == 200);
  CHECK(empty.body == "[]\n");

  std::vector<std::string> ids;
  for (int i = 0; i < 105; ++i) {
    const Response r = node.Post(R"({"type":"config-validate"})");
    ids.push_back(nlohmann::json::parse(r.body)["id"]);
    if (i % 2 == 0) clock.Advance(absl::Seconds(1));  // ties are broken by submission order
  }
  const nlohmann::json list = nlohmann::json::parse(node.Get("/v0/tasks").body);
  REQUIRE(list.size() == 100);
  CHECK(list[0]["id"] == ids[104]);
  CHECK(list[1]["id"] == ids[103]);
  CHECK(list[99]["id"] == ids[5]);
}

TEST_CASE("DELETE removes the record but not the run, which resurrects it on finish") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  fleet.SetOutcome({"config-apply", "", "", "", Outcome::CompleteAfter(absl::Seconds(10))});
  REQUIRE(node.Submit(kTaskId, "config-apply", {{"mode", "full"}}).status == 201);

  const Response deleted = node.Delete(absl::StrCat("/v0/tasks/", kTaskId));
  CHECK(deleted.status == 204);
  CHECK(deleted.body.empty());
  CHECK(node.Get(absl::StrCat("/v0/tasks/", kTaskId)).status == 404);
  const Response again = node.Delete(absl::StrCat("/v0/tasks/", kTaskId));
  CHECK(again.status == 404);
  CHECK(again.body == "{\"error\":\"task not found\"}\n");
  CHECK(node.Delete("/v0/tasks/").body == "{\"error\":\"missing task ID\"}\n");

  clock.Advance(absl::Seconds(10));
  const nlohmann::json result = node.Poll(kTaskId);
  CHECK(result["status"] == "completed");
  CHECK(result["run"] == 1);
  CHECK(result["params"]["mode"] == "full");
}

TEST_CASE("resubmitting a running or completed ID is a no-op; a failed ID re-runs with run+1") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);

  SECTION("running") {
    REQUIRE(node.Submit(kTaskId, "snapshot-upload").status == 201);
    clock.Advance(absl::Seconds(5));
    const Response again = node.Submit(kTaskId, "snapshot-upload", {{"ignored", true}});
    CHECK(again.status == 201);
    CHECK(again.body == absl::StrCat("{\"id\":\"", kTaskId, "\"}\n"));
    const nlohmann::json result = node.Poll(kTaskId);
    CHECK(result["status"] == "running");
    CHECK(result["run"] == 1);
    CHECK_FALSE(result.contains("params"));
    CHECK(result["submittedAt"] == "2027-01-01T00:00:00Z");
    CHECK(absl::StrContains(node.Get("/v0/metrics").body,
                            "seictl_task_submissions_total{type=\"snapshot-upload\"} 1\n"));
  }
  SECTION("completed") {
    REQUIRE(node.Submit(kTaskId, "config-validate").status == 201);
    clock.Advance(absl::Seconds(5));
    CHECK(node.Submit(kTaskId, "config-validate").status == 201);
    const nlohmann::json result = node.Poll(kTaskId);
    CHECK(result["status"] == "completed");
    CHECK(result["run"] == 1);
    CHECK(result["submittedAt"] == "2027-01-01T00:00:00Z");
  }
  SECTION("failed") {
    fleet.SetOutcome({"", kTaskId, "", "", Outcome::Fail("exit status 1").AfterPolls(1)});
    REQUIRE(node.Submit(kTaskId, "config-apply", {{"mode", "full"}}).status == 201);
    CHECK(node.Poll(kTaskId)["status"] == "running");
    const nlohmann::json failed = node.Poll(kTaskId);
    CHECK(failed["status"] == "failed");
    CHECK(failed["error"] == "exit status 1");
    CHECK(failed.contains("completedAt"));

    clock.Advance(absl::Seconds(7));
    REQUIRE(node.Submit(kTaskId, "config-apply", {{"mode", "archive"}}).status == 201);
    const nlohmann::json rerun = node.Poll(kTaskId);  // the new run's first poll
    CHECK(rerun["status"] == "running");
    CHECK(rerun["run"] == 2);
    CHECK(rerun["params"]["mode"] == "archive");
    CHECK(rerun["submittedAt"] == "2027-01-01T00:00:07Z");
    CHECK_FALSE(rerun.contains("error"));
    CHECK_FALSE(rerun.contains("completedAt"));
  }
}

TEST_CASE("scripted outcomes") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);

  SECTION("complete after N polls") {
    fleet.SetOutcome({"configure-genesis", "", "", "", Outcome::CompleteAfterPolls(2)});
    REQUIRE(node.Submit(kTaskId, "configure-genesis").status == 201);
    CHECK(node.Poll(kTaskId)["status"] == "running");
    CHECK(node.Get("/v0/tasks").body.find("running") != std::string::npos);  // not a poll
    CHECK(node.Poll(kTaskId)["status"] == "running");
    CHECK(node.Poll(kTaskId)["status"] == "completed");
  }
  SECTION("complete after a duration of virtual time") {
    fleet.SetOutcome({"", kTaskId, "", "", Outcome::CompleteAfter(absl::Minutes(2))});
    REQUIRE(node.Submit(kTaskId, "snapshot-restore").status == 201);
    clock.Advance(absl::Seconds(119));
    CHECK(node.Poll(kTaskId)["status"] == "running");
    clock.Advance(absl::Seconds(1));
    CHECK(fleet.Task(kNs, kNode, kTaskId)->status == TaskStatus::kCompleted);
  }
  SECTION("fail on the first runs, then succeed") {
    fleet.SetOutcome({"configure-state-sync", "", "", "",
                      Outcome::FailThroughRun(2, "no witness answered /status")});
    for (int run = 1; run <= 3; ++run) {
      REQUIRE(node.Submit(kTaskId, "configure-state-sync").status == 201);
      const nlohmann::json result = node.Poll(kTaskId);
      CHECK(result["run"] == run);
      CHECK(result["status"] == (run <= 2 ? "failed" : "completed"));
    }
    CHECK(node.Poll(kTaskId)["status"] == "completed");
  }
  SECTION("fail only on run k") {
    fleet.SetOutcome({"gov-vote", "", "", "", Outcome::FailOnRun(2, "insufficient fees")});
    REQUIRE(node.Submit(kTaskId, "gov-vote").status == 201);
    CHECK(node.Poll(kTaskId)["status"] == "completed");
  }
  SECTION("snapshot-upload runs forever by default; await-condition completes") {
    REQUIRE(node.Submit(kTaskId, "snapshot-upload").status == 201);
    REQUIRE(node.Submit(kOtherTaskId, "await-condition",
                        {{"condition", "height"}, {"targetHeight", 5}})
                .status == 201);
    clock.Advance(absl::Hours(24 * 30));
    CHECK(node.Poll(kTaskId)["status"] == "running");
    CHECK(node.Poll(kOtherTaskId)["status"] == "completed");
  }
  SECTION("stay running until the script changes") {
    fleet.SetOutcome({"await-condition", "", "", "", Outcome::RunForever()});
    REQUIRE(node.Submit(kTaskId, "await-condition").status == 201);
    clock.Advance(absl::Hours(1));
    CHECK(node.Poll(kTaskId)["status"] == "running");
    fleet.SetOutcome({"", kTaskId, "", "", Outcome::CompleteImmediately()});
    const nlohmann::json result = node.Poll(kTaskId);
    CHECK(result["status"] == "completed");
    CHECK(result["completedAt"] == "2027-01-01T01:00:00Z");
  }
  SECTION("node-scoped rules beat fleet-wide ones; ID rules beat type rules") {
    Node other(&fleet, kNs, "node-1");
    fleet.SetOutcome({"mark-ready", "", kNs, "node-1", Outcome::Fail("scoped")});
    fleet.SetOutcome({"mark-ready", "", "", "", Outcome::RunForever()});
    fleet.SetOutcome({"", kOtherTaskId, "", "", Outcome::CompleteImmediately()});
    REQUIRE(node.Submit(kTaskId, "mark-ready").status == 201);
    REQUIRE(other.Submit(kTaskId, "mark-ready").status == 201);
    REQUIRE(other.Submit(kOtherTaskId, "mark-ready").status == 201);
    CHECK(node.Poll(kTaskId)["status"] == "running");
    CHECK(other.Poll(kTaskId)["error"] == "scoped");
    CHECK(other.Poll(kOtherTaskId)["status"] == "completed");
  }
}

TEST_CASE("Restart clears readiness and re-runs running records without bumping run") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  REQUIRE(node.Submit(kTaskId, "mark-ready").status == 201);
  REQUIRE(node.Healthz() == 200);
  fleet.SetOutcome({"snapshot-restore", "", "", "", Outcome::CompleteAfter(absl::Seconds(30))});
  REQUIRE(node.Submit(kOtherTaskId, "snapshot-restore", {{"targetHeight", 7}}).status == 201);

  clock.Advance(absl::Seconds(20));
  fleet.Restart(kNs, kNode);
  CHECK(node.Healthz() == 503);
  CHECK_FALSE(fleet.Ready(kNs, kNode));
  CHECK(node.Get("/v0/metrics").body.empty());  // process-local metrics start over

  // The re-run starts at the restart: 30 s from now, not from the submit.
  clock.Advance(absl::Seconds(29));
  CHECK(node.Poll(kOtherTaskId)["status"] == "running");
  clock.Advance(absl::Seconds(1));
  const nlohmann::json rerun = node.Poll(kOtherTaskId);
  CHECK(rerun["status"] == "completed");
  CHECK(rerun["run"] == 1);
  CHECK(rerun["submittedAt"] == "2027-01-01T00:00:00Z");
  CHECK(rerun["completedAt"] == "2027-01-01T00:00:50Z");

  // Re-posting the completed mark-ready ID does not restore readiness (H5).
  REQUIRE(node.Submit(kTaskId, "mark-ready").status == 201);
  CHECK(node.Healthz() == 503);
  REQUIRE(node.Submit("22222222-2222-4333-8444-555555555555", "mark-ready").status == 201);
  CHECK(node.Healthz() == 200);
}

TEST_CASE("Remove drops the volume: a recreated sidecar has no records") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  REQUIRE(node.Submit(kTaskId, "mark-ready").status == 201);
  REQUIRE(node.Submit(kOtherTaskId, "discover-peers", Sources({StaticSource({"a@h:26656"})}))
              .status == 201);
  REQUIRE(fleet.PersistentPeers(kNs, kNode) == "a@h:26656");

  fleet.Remove(kNs, kNode);
  CHECK_FALSE(fleet.Ready(kNs, kNode));
  CHECK(fleet.PersistentPeers(kNs, kNode) == std::nullopt);
  CHECK(node.Get(absl::StrCat("/v0/tasks/", kTaskId)).status == 404);
  CHECK(node.Get("/v0/tasks").body == "[]\n");
  CHECK(node.Healthz() == 503);
  CHECK(fleet.Submissions(kNs, kNode).size() == 2);  // test capture outlives the volume
}

TEST_CASE("discover-peers merges static sources into config.toml") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  REQUIRE(node.Submit(kOtherTaskId, "config-patch",
                      {{"files",
                        {{"config.toml",
                          {{"moniker", "node-0"},
                           {"p2p", {{"persistent-peers", "old@h:1"}, {"pex", true}}}}}}}})
              .status == 201);
  REQUIRE(fleet.PersistentPeers(kNs, kNode) == "old@h:1");

  const nlohmann::json params =
      Sources({StaticSource({"a@10.0.0.1:26656", "b@10.0.0.2:26656"}),
               StaticSource({"b@10.0.0.2:26656", "c@10.0.0.3:26656"})});
  REQUIRE(node.Submit(kTaskId, "discover-peers", params).status == 201);
  CHECK(node.Poll(kTaskId)["status"] == "completed");
  CHECK(fleet.PersistentPeers(kNs, kNode) ==
        "a@10.0.0.1:26656,b@10.0.0.2:26656,c@10.0.0.3:26656");
  const nlohmann::json config = *fleet.ConfigFile(kNs, kNode, "config.toml");
  CHECK(config["moniker"] == "node-0");
  CHECK(config["p2p"]["pex"] == true);
}

TEST_CASE("discover-peers failures become failed results") {
  FakeClock clock;
  FleetOptions options;
  options.network.ec2_instances.push_back(
      {"us-east-2", {{"chain", "pacific-1"}}, "", "10.1.0.5", "ec2node"});
  SidecarFleet fleet(&clock, options);
  Node node(&fleet);

  const auto error_for = [&](const std::string& id, const nlohmann::json& params) {
    REQUIRE(node.Submit(id, "discover-peers", params).status == 201);  // not validated at submit
    const nlohmann::json result = node.Poll(id);
    CHECK(result["status"] == "failed");
    return result.value("error", "");
  };
  CHECK(error_for("00000000-0000-4000-8000-000000000001", nullptr) ==
        "discover-peers: missing required param 'sources'");
  CHECK(error_for("00000000-0000-4000-8000-000000000002", Sources({StaticSource({})})) ==
        "discover-peers: source[0]: static source has empty addresses");
  CHECK(error_for("00000000-0000-4000-8000-000000000003", Sources({Ec2Source("eu-west-1")})) ==
        "no reachable peers found via ec2Tags in region eu-west-1");
  CHECK(fleet.PersistentPeers(kNs, kNode) == std::nullopt);

  REQUIRE(node.Submit(kTaskId, "discover-peers", Sources({Ec2Source("us-east-2")})).status == 201);
  CHECK(fleet.PersistentPeers(kNs, kNode) == "ec2node@10.1.0.5:26656");
}

TEST_CASE("every submission is recorded with its wire fields") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  REQUIRE(node.Post(absl::StrCat(R"({"type":"snapshot-restore","params":{"targetHeight":42},"id":")",
                                 kTaskId, "\"}"))
              .status == 201);
  clock.Advance(absl::Seconds(1));
  REQUIRE(node.Post("garbage").status == 400);
  REQUIRE(node.Submit(kTaskId, "snapshot-restore").status == 201);

  const std::vector<RecordedSubmission> log = fleet.Submissions(kNs, kNode);
  REQUIRE(log.size() == 3);
  CHECK(log[0].decoded);
  CHECK(log[0].id == kTaskId);
  CHECK(log[0].type == "snapshot-restore");
  CHECK(log[0].params.dump() == R"({"targetHeight":42})");
  CHECK(log[0].status == 201);
  CHECK(log[0].time == absl::FromUnixSeconds(1798761600));
  CHECK_FALSE(log[1].decoded);
  CHECK(log[1].body == "garbage");
  CHECK(log[1].status == 400);
  CHECK(log[2].params.is_null());
  CHECK(fleet.Submissions(kNs, "node-9").empty());
}

TEST_CASE("trusted-header authentication (§3)") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  Request request;
  request.method = "GET";
  request.path = "/v0/status";

  const Response missing = node.Send(request);
  CHECK(missing.status == 401);
  CHECK(missing.content_type == "application/json");
  CHECK(missing.body == "{\"error\":\"missing X-Remote-User header\"}\n");

  request.headers.emplace("x-remote-user", "a");
  request.headers.emplace("x-remote-user", "b");
  CHECK(node.Send(request).body ==
        "{\"error\":\"expected exactly one X-Remote-User header — proxy must overwrite, not "
        "append\"}\n");

  request.headers.clear();
  request.headers.emplace("x-remote-user", "");
  const Response empty = node.Send(request);
  CHECK(empty.status == 401);
  CHECK(empty.body == "{\"error\":\"empty X-Remote-User header\"}\n");

  request.headers.clear();
  request.headers.emplace("x-remote-user", "operator");
  CHECK(node.Send(request).status == 200);

  // Checked before routing: unknown paths and near-miss probe paths too.
  Request unknown;
  unknown.method = "GET";
  unknown.path = "/v0/nope";
  CHECK(node.Send(unknown).status == 401);
  unknown.path = "/v0/healthz/";
  CHECK(node.Send(unknown).status == 401);
  for (const char* exempt : {"/v0/healthz", "/v0/startupz", "/v0/livez", "/v0/metrics"}) {
    Request probe;
    probe.method = "GET";
    probe.path = exempt;
    CHECK(node.Send(probe).status != 401);
  }

  const std::string metrics = node.Get("/v0/metrics").body;
  CHECK(absl::StrContains(metrics,
                          "seictl_sidecar_authn_rejections_total{reason=\"duplicate_header\"} 1\n"));
  CHECK(absl::StrContains(metrics,
                          "seictl_sidecar_authn_rejections_total{reason=\"empty_header\"} 1\n"));
  CHECK(absl::StrContains(metrics,
                          "seictl_sidecar_authn_rejections_total{reason=\"missing_header\"} 3\n"));
}

TEST_CASE("unauthenticated mode needs no header") {
  FakeClock clock;
  FleetOptions options;
  options.auth_mode = AuthMode::kUnauthenticated;
  SidecarFleet fleet(&clock, options);
  Request request;
  request.method = "GET";
  request.path = "/v0/tasks";
  CHECK(fleet.Handle(kNs, kNode, request).status == 200);
}

TEST_CASE("unmatched paths and methods get Go's default answers") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  const Response not_found = node.Get("/v1/tasks");
  CHECK(not_found.status == 404);
  CHECK(not_found.content_type == "text/plain; charset=utf-8");
  CHECK(not_found.body == "404 page not found\n");
  CHECK(node.Get(absl::StrCat("/v0/tasks/", kTaskId, "/x")).status == 404);

  const Response wrong_method = node.Send(Proxied("PUT", "/v0/tasks"));
  CHECK(wrong_method.status == 405);
  CHECK(wrong_method.body == "Method Not Allowed\n");
  CHECK(Header(wrong_method, "Allow") == "GET, HEAD, POST");
  CHECK(Header(node.Send(Proxied("POST", "/v0/healthz")), "Allow") == "GET, HEAD");
  CHECK(Header(node.Send(Proxied("POST", absl::StrCat("/v0/tasks/", kTaskId))), "Allow") ==
        "DELETE, GET, HEAD");

  const Response redirect = node.Get("/v0//status");
  CHECK(redirect.status == 301);
  CHECK(Header(redirect, "Location") == "/v0/status");

  const Response head = node.Send(Proxied("HEAD", "/v0/status"));
  CHECK(head.status == 200);
  CHECK(head.body.empty());
}

TEST_CASE("metrics expose submissions, failures and durations") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);
  fleet.SetOutcome({"config-apply", "", "", "", Outcome::Fail("bad").After(absl::Seconds(2))});
  REQUIRE(node.Submit(kTaskId, "config-apply").status == 201);
  REQUIRE(node.Submit(kOtherTaskId, "mark-ready").status == 201);
  clock.Advance(absl::Seconds(2));
  const Response metrics = node.Get("/v0/metrics");
  CHECK(metrics.content_type == "text/plain; version=0.0.4; charset=utf-8");
  CHECK(absl::StrContains(metrics.body, "# TYPE seictl_task_submissions_total counter\n"
                                        "seictl_task_submissions_total{type=\"config-apply\"} 1\n"
                                        "seictl_task_submissions_total{type=\"mark-ready\"} 1\n"));
  CHECK(absl::StrContains(metrics.body, "seictl_task_failures_total{type=\"config-apply\"} 1\n"));
  CHECK(absl::StrContains(
      metrics.body,
      "seictl_task_execution_duration_seconds_bucket{status=\"failed\",type=\"config-apply\","
      "le=\"1\"} 0\n"
      "seictl_task_execution_duration_seconds_bucket{status=\"failed\",type=\"config-apply\","
      "le=\"2.5\"} 1\n"));
  CHECK(absl::StrContains(
      metrics.body,
      "seictl_task_execution_duration_seconds_sum{status=\"failed\",type=\"config-apply\"} 2\n"));
  CHECK(absl::StrContains(
      metrics.body,
      "seictl_task_execution_duration_seconds_count{status=\"completed\",type=\"mark-ready\"} 1\n"));
}

TEST_CASE("faults") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node node(&fleet);

  fleet.SetFault(kNs, kNode, Fault::ConnectionRefused());
  CHECK(node.Get("/v0/healthz").disposition == Disposition::kRefuseConnection);
  fleet.SetFault(kNs, kNode, Fault::Hang().OnlyFor("GET", "/v0/healthz"));
  CHECK(node.Get("/v0/healthz").disposition == Disposition::kHang);
  CHECK(node.Get("/v0/status").disposition == Disposition::kRespond);

  fleet.SetFault(kNs, kNode, Fault::HttpStatus(502, "upstream connect error"));
  const Response bad_gateway = node.Send(Request{"GET", "/v0/tasks", "", {}, ""});
  CHECK(bad_gateway.status == 502);  // answered before authentication
  CHECK(bad_gateway.body == "upstream connect error");

  fleet.SetFault(kNs, kNode, Fault::PersistTaskFailure("database is locked").Times(1));
  const Response persist = node.Submit(kTaskId, "mark-ready");
  CHECK(persist.status == 400);
  CHECK(persist.body == "{\"error\":\"persist task: database is locked\"}\n");
  CHECK(node.Get(absl::StrCat("/v0/tasks/", kTaskId)).status == 404);  // nothing stored
  CHECK(node.Submit(kTaskId, "mark-ready").status == 201);  // the fault used itself up
  CHECK(node.Healthz() == 200);

  fleet.SetFault(kNs, kNode, Fault::StoreUnavailable());
  CHECK(node.Get(absl::StrCat("/v0/tasks/", kTaskId)).status == 404);
  CHECK(node.Get("/v0/tasks").body == "[]\n");
  CHECK(node.Submit(kTaskId, "mark-ready").body ==
        "{\"error\":\"persist task: database is locked\"}\n");
  fleet.SetFault(kNs, kNode, Fault::None());
  CHECK(node.Poll(kTaskId)["status"] == "completed");
}

TEST_CASE("concurrent requests from several server threads") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&fleet, t] {
      Node node(&fleet, kNs, absl::StrCat("node-", t % 2));
      for (int i = 0; i < 50; ++i) {
        node.Post(R"({"type":"config-validate"})");
        node.Get("/v0/tasks");
        node.Get("/v0/metrics");
        if (i % 10 == 0) fleet.SetOutcome({"gov-vote", "", "", "", Outcome::RunForever()});
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(fleet.Submissions(kNs, "node-0").size() == 200);
  CHECK(absl::StrContains(Node(&fleet, kNs, "node-1").Get("/v0/metrics").body,
                          "seictl_task_submissions_total{type=\"config-validate\"} 200\n"));
}

TEST_CASE("SystemClock reads the wall clock") {
  const SystemClock clock;
  CHECK(clock.Now() > absl::FromUnixSeconds(1700000000));
}

TEST_CASE("nodes are independent") {
  FakeClock clock;
  SidecarFleet fleet(&clock);
  Node a(&fleet, "ns-a", "node");
  Node b(&fleet, "ns-b", "node");
  REQUIRE(a.Submit(kTaskId, "mark-ready").status == 201);
  CHECK(a.Healthz() == 200);
  CHECK(b.Healthz() == 503);
  CHECK(b.Get(absl::StrCat("/v0/tasks/", kTaskId)).status == 404);
  CHECK(DefaultNodeId("ns-a", "node") != DefaultNodeId("ns-b", "node"));
}

}  // namespace
}  // namespace sei::controlplane::sidecar
