// HttpSidecarClient over real HTTP against the local control plane's
// simulated sidecars, which play the in-pod proxy and the sidecar exactly as
// sidecar-protocol.md describes (lib/controlplane/sidecar).
#include "lib/sidecar/http_sidecar_client.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "lib/controlplane/http/control_plane.h"
#include "lib/controlplane/sidecar/fault.h"
#include "lib/controlplane/sidecar/node_id.h"
#include "lib/controlplane/sidecar/outcome_rules.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"
#include "lib/k8s/token_source.h"
#include "lib/sidecar/http_sidecar_client_factory.h"
#include "lib/sidecar/sidecar_client.h"

namespace sei::sidecar {
namespace {

using absl::StatusCode;
using controlplane::sidecar::Fault;
using controlplane::sidecar::Outcome;
using controlplane::sidecar::OutcomeRule;
using nlohmann::json;

constexpr char kToken[] = "operator-token-0123456789";
constexpr char kNs[] = "default";
constexpr char kId1[] = "3f1c2b9a-7d4e-5f60-8a1b-2c3d4e5f6a70";
constexpr char kId2[] = "3f1c2b9a-7d4e-5f60-8a1b-2c3d4e5f6a71";

// A token file in the test's temporary directory, removed afterwards.
class TokenFile {
 public:
  explicit TokenFile(const std::string& token) {
    const char* dir = std::getenv("TEST_TMPDIR");
    path_ = std::string(dir != nullptr ? dir : "/tmp") + "/sidecar-token-" +
            std::to_string(getpid()) + "-" + std::to_string(counter_++);
    Write(token);
  }
  ~TokenFile() { std::remove(path_.c_str()); }
  void Write(const std::string& token) { std::ofstream(path_, std::ios::trunc) << token << "\n"; }
  const std::string& path() const { return path_; }

 private:
  static inline int counter_ = 0;
  std::string path_;
};

Deadlines ShortDeadlines() {
  Deadlines deadlines;
  deadlines.submit = absl::Seconds(3);
  deadlines.poll = absl::Seconds(3);
  deadlines.health = absl::Seconds(3);
  deadlines.node_id = absl::Seconds(3);
  return deadlines;
}

// A running control plane (plain HTTP; the sidecar mount is always HTTP) and
// a client factory pointed at its sidecars. No simulated cluster runs pods
// here, so the sidecars answer without one.
struct Fixture {
  explicit Fixture(const std::string& client_token = kToken,
                   Deadlines deadlines = ShortDeadlines()) {
    controlplane::ControlPlaneOptions options;
    options.tls = false;
    options.require_running_pod = false;
    options.tokens = {{kToken, "system:serviceaccount:sei:operator", {}}};
    auto created = controlplane::ControlPlane::Create(options);
    REQUIRE(created.ok());
    plane = *std::move(created);
    REQUIRE(plane->Start().ok());

    token_file = std::make_unique<TokenFile>(client_token);
    tokens = k8s::TokenSource::FromFile(token_file->path());
    HttpSidecarClientFactoryOptions factory_options;
    factory_options.url_template = plane->SidecarUrlTemplate();
    factory_options.client.deadlines = deadlines;
    factory_options.client.token_source = tokens;
    auto built = HttpSidecarClientFactory::Create(factory_options);
    REQUIRE(built.ok());
    factory = *std::move(built);
  }
  ~Fixture() { plane->Stop(); }

  std::unique_ptr<SidecarClient> Client(const std::string& node) {
    auto client = factory->ForNode(kNs, node);
    REQUIRE(client.ok());
    return *std::move(client);
  }
  controlplane::sidecar::SidecarFleet& fleet() { return *plane->sidecars(); }

  std::unique_ptr<controlplane::ControlPlane> plane;
  std::unique_ptr<TokenFile> token_file;
  // The file is re-read only when it changes or after Invalidate(), so
  // reads() counts the client's invalidations.
  std::shared_ptr<k8s::TokenSource> tokens;
  std::unique_ptr<HttpSidecarClientFactory> factory;
};

TaskRequest Request(const char* id, const char* type, json params = nullptr) {
  return TaskRequest{id, type, std::move(params)};
}

TEST_CASE("Submit is accepted (201) and an identical resubmit too", "[sidecar][http]") {
  Fixture f;
  auto client = f.Client("node-a");
  const json params = {{"mode", "full"}, {"incremental", false}, {"targetVersion", 0}};
  REQUIRE(client->Submit(Request(kId1, "config-apply", params)).ok());
  REQUIRE(client->Submit(Request(kId1, "config-apply", params)).ok());

  auto submissions = f.fleet().Submissions(kNs, "node-a");
  REQUIRE(submissions.size() == 2);
  for (const auto& submission : submissions) {
    CHECK(submission.status == 201);
    CHECK(submission.id == kId1);
    CHECK(submission.type == "config-apply");
    CHECK(json(submission.params) == params);
  }
  auto record = f.fleet().Task(kNs, "node-a", kId1);
  REQUIRE(record.has_value());
  CHECK(record->run == 1);  // the resubmit did not re-run it
}

TEST_CASE("A parameterless task is sent without params", "[sidecar][http]") {
  Fixture f;
  REQUIRE(f.Client("node-a")->Submit(Request(kId1, "mark-ready")).ok());
  auto submissions = f.fleet().Submissions(kNs, "node-a");
  REQUIRE(submissions.size() == 1);
  CHECK(json::parse(submissions[0].body) == json{{"id", kId1}, {"type", "mark-ready"}});
}

TEST_CASE("A 400 rejection is InvalidArgument (terminal)", "[sidecar][http]") {
  Fixture f;
  absl::Status s = f.Client("node-a")->Submit(Request(kId1, "no-such-type"));
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "sidecar rejected no-such-type task: unknown task type: no-such-type");
}

TEST_CASE("A `persist task:` 400 is Unavailable (transient)", "[sidecar][http]") {
  Fixture f;
  f.fleet().SetFault(kNs, "node-a", Fault::PersistTaskFailure("disk full"));
  absl::Status s = f.Client("node-a")->Submit(Request(kId1, "mark-ready"));
  CHECK(s.code() == StatusCode::kUnavailable);
  CHECK(s.message() == "sidecar rejected mark-ready task: persist task: disk full");
}

TEST_CASE("A 5xx is Unavailable and quotes the body", "[sidecar][http]") {
  Fixture f;
  f.fleet().SetFault(kNs, "node-a", Fault::HttpStatus(502, "bad gateway"));
  auto client = f.Client("node-a");
  absl::Status s = client->Submit(Request(kId1, "mark-ready"));
  CHECK(s.code() == StatusCode::kUnavailable);
  CHECK(s.message() == "sidecar mark-ready task submission returned 502: bad gateway");
  auto poll = client->GetTask(kId1);
  CHECK(poll.status().code() == StatusCode::kUnavailable);
  CHECK(poll.status().message() ==
        std::string("sidecar task ") + kId1 + " poll returned 502: bad gateway");
  auto health = client->Healthz();
  CHECK(health.status().code() == StatusCode::kUnavailable);
  CHECK(health.status().message() == "sidecar healthz returned 502: bad gateway");
}

TEST_CASE("A 403 from the proxy names the missing permission", "[sidecar][http]") {
  Fixture f;
  f.fleet().SetFault(kNs, "node-a", Fault::HttpStatus(403, "Forbidden"));
  absl::Status s = f.Client("node-a")->Submit(Request(kId1, "mark-ready"));
  CHECK(s.code() == StatusCode::kPermissionDenied);
  CHECK(absl::StrContains(s.message(),
                          "lacks \"create\" on seinodetasks.sei.io in namespace \"default\""));
  CHECK(f.fleet().Submissions(kNs, "node-a").empty());
  // A 403 is about permissions, not the token: it is kept.
  CHECK(f.Client("node-a")->Submit(Request(kId1, "mark-ready")).code() ==
        StatusCode::kPermissionDenied);
  CHECK(f.tokens->reads() == 1);
}

TEST_CASE("A refused connection is Unavailable", "[sidecar][http]") {
  Fixture f;
  f.fleet().SetFault(kNs, "node-a", Fault::ConnectionRefused());
  absl::Status s = f.Client("node-a")->Submit(Request(kId1, "mark-ready"));
  CHECK(s.code() == StatusCode::kUnavailable);
  CHECK(absl::StartsWith(s.message(), "sidecar mark-ready task submission: POST http://"));
}

TEST_CASE("Nothing listening at all is Unavailable", "[sidecar][http]") {
  HttpSidecarClientOptions options;
  options.deadlines = ShortDeadlines();
  // Port 1 on loopback: nobody listens there.
  auto client = HttpSidecarClient::Create("http://127.0.0.1:1/default/node-a", kNs, options);
  REQUIRE(client.ok());
  auto health = (*client)->Healthz();
  CHECK(health.status().code() == StatusCode::kUnavailable);
  CHECK(absl::StartsWith(health.status().message(), "sidecar healthz: GET http://127.0.0.1:1/"));
}

TEST_CASE("A hanging sidecar is DeadlineExceeded within the deadline", "[sidecar][http]") {
  Deadlines deadlines = ShortDeadlines();
  deadlines.submit = absl::Milliseconds(400);
  deadlines.poll = absl::Milliseconds(300);
  Fixture f(kToken, deadlines);
  f.fleet().SetFault(kNs, "node-a", Fault::Hang());
  auto client = f.Client("node-a");

  const auto started = std::chrono::steady_clock::now();
  absl::Status s = client->Submit(Request(kId1, "mark-ready"));
  const auto elapsed = std::chrono::steady_clock::now() - started;
  CHECK(s.code() == StatusCode::kDeadlineExceeded);
  CHECK(absl::StrContains(s.message(), "no answer within 400ms"));
  CHECK(elapsed >= std::chrono::milliseconds(390));
  CHECK(elapsed < std::chrono::milliseconds(1500));

  auto poll = client->GetTask(kId1);
  CHECK(poll.status().code() == StatusCode::kDeadlineExceeded);

  // The same client works again once the sidecar answers.
  f.fleet().SetFault(kNs, "node-a", Fault::None());
  CHECK(client->Submit(Request(kId1, "mark-ready")).ok());
}

TEST_CASE("Poll: running, then completed", "[sidecar][http]") {
  Fixture f;
  f.fleet().SetOutcome(OutcomeRule{"config-validate", "", "", "", Outcome::CompleteAfterPolls(1)});
  auto client = f.Client("node-a");
  REQUIRE(client->Submit(Request(kId1, "config-validate")).ok());
  auto first = client->GetTask(kId1);
  REQUIRE(first.ok());
  CHECK(first->state == TaskState::kRunning);
  CHECK(first->id == kId1);
  CHECK(first->type == "config-validate");
  CHECK(first->run == 1);
  CHECK(first->submitted_at.has_value());
  auto second = client->GetTask(kId1);
  REQUIRE(second.ok());
  CHECK(second->state == TaskState::kCompleted);
  CHECK(second->completed_at.has_value());
}

TEST_CASE("Poll: failed carries the sidecar's error; a resubmit re-runs it", "[sidecar][http]") {
  Fixture f;
  f.fleet().SetOutcome(
      OutcomeRule{"discover-peers", "", "", "", Outcome::FailOnRun(1, "no peers discovered")});
  auto client = f.Client("node-a");
  const json params = {{"sources", {{{"type", "static"}, {"addresses", {"id@h:26656"}}}}}};
  REQUIRE(client->Submit(Request(kId1, "discover-peers", params)).ok());
  auto failed = client->GetTask(kId1);
  REQUIRE(failed.ok());
  CHECK(failed->state == TaskState::kFailed);
  CHECK(failed->error == "no peers discovered");
  CHECK(failed->params == params);

  REQUIRE(client->Submit(Request(kId1, "discover-peers", params)).ok());
  auto rerun = client->GetTask(kId1);
  REQUIRE(rerun.ok());
  CHECK(rerun->run == 2);
  CHECK(rerun->state == TaskState::kCompleted);
}

TEST_CASE("Poll: an unknown ID is NotFound", "[sidecar][http]") {
  Fixture f;
  auto poll = f.Client("node-a")->GetTask(kId2);
  CHECK(poll.status().code() == StatusCode::kNotFound);
  CHECK(poll.status().message() == std::string("sidecar has no task ") + kId2 + ": task not found");
}

TEST_CASE("Healthz is 503 before mark-ready and 200 after", "[sidecar][http]") {
  Fixture f;
  auto client = f.Client("node-a");
  auto before = client->Healthz();
  REQUIRE(before.ok());
  CHECK(*before == Health::kNotReady);
  REQUIRE(client->Submit(Request(kId1, "mark-ready")).ok());
  auto after = client->Healthz();
  REQUIRE(after.ok());
  CHECK(*after == Health::kReady);
}

TEST_CASE("Node ID: default, configured, and the 500 of a missing key", "[sidecar][http]") {
  Fixture f;
  auto a = f.Client("node-a")->NodeId();
  REQUIRE(a.ok());
  CHECK(*a == controlplane::sidecar::DefaultNodeId(kNs, "node-a"));

  f.fleet().SetNodeId(kNs, "node-b", "56475aa75463474c0285df5dbf2bcab73da65135");
  auto b = f.Client("node-b")->NodeId();
  REQUIRE(b.ok());
  CHECK(*b == "56475aa75463474c0285df5dbf2bcab73da65135");

  f.fleet().SetNodeKeyMissing(kNs, "node-c");
  auto c = f.Client("node-c")->NodeId();
  CHECK(c.status().code() == StatusCode::kUnavailable);
  CHECK(absl::StartsWith(c.status().message(), "node-id returned 500: "));
  CHECK(absl::StrContains(c.status().message(), "node_key.json not found"));
}

TEST_CASE("A refused token is Unauthenticated and the token is dropped", "[sidecar][http]") {
  Fixture f("wrong-token");
  auto client = f.Client("node-a");
  absl::Status s = client->Submit(Request(kId1, "mark-ready"));
  CHECK(s.code() == StatusCode::kUnauthenticated);
  CHECK(absl::StartsWith(s.message(),
                         "sidecar mark-ready task submission returned 401: Unauthorized"));
  CHECK(f.tokens->reads() == 1);
  // Each 401 dropped the token, so every call re-read the unchanged file.
  CHECK(client->GetTask(kId1).status().code() == StatusCode::kUnauthenticated);
  CHECK(f.tokens->reads() == 2);
  CHECK(client->NodeId().status().code() == StatusCode::kUnauthenticated);
  CHECK(f.tokens->reads() == 3);
  // The probe path is exempt at the proxy: no 401, the token stays cached.
  CHECK(client->Healthz().ok());
  CHECK(f.tokens->reads() == 4);
  CHECK(client->Healthz().ok());
  CHECK(f.tokens->reads() == 4);
  CHECK(f.fleet().Submissions(kNs, "node-a").empty());
}

TEST_CASE("A rotated token is picked up after the 401", "[sidecar][http]") {
  Fixture f("expired-token");
  auto client = f.Client("node-a");
  CHECK(client->Submit(Request(kId1, "mark-ready")).code() == StatusCode::kUnauthenticated);
  f.token_file->Write(kToken);
  REQUIRE(client->Submit(Request(kId1, "mark-ready")).ok());
  CHECK(f.fleet().Submissions(kNs, "node-a").size() == 1);
}

TEST_CASE("Without a token no Authorization header is sent", "[sidecar][http]") {
  Fixture f;
  HttpSidecarClientOptions options;
  options.deadlines = ShortDeadlines();
  auto none = HttpSidecarClient::Create(f.factory->UrlFor(kNs, "node-a"), kNs, options);
  REQUIRE(none.ok());
  CHECK((*none)->Submit(Request(kId1, "mark-ready")).code() == StatusCode::kUnauthenticated);
  options.token_source = k8s::TokenSource::FromString("");
  auto empty = HttpSidecarClient::Create(f.factory->UrlFor(kNs, "node-a"), kNs, options);
  REQUIRE(empty.ok());
  CHECK((*empty)->Submit(Request(kId1, "mark-ready")).code() == StatusCode::kUnauthenticated);
  options.token_source = k8s::TokenSource::FromString(kToken);
  auto literal = HttpSidecarClient::Create(f.factory->UrlFor(kNs, "node-a"), kNs, options);
  REQUIRE(literal.ok());
  CHECK((*literal)->Submit(Request(kId1, "mark-ready")).ok());
}

TEST_CASE("A token source that fails makes the call Unavailable", "[sidecar][http]") {
  Fixture f;
  HttpSidecarClientOptions options;
  options.token_source = k8s::TokenSource::FromFile("/nonexistent/token");
  auto client = HttpSidecarClient::Create(f.factory->UrlFor(kNs, "node-a"), kNs, options);
  REQUIRE(client.ok());
  absl::Status s = (*client)->Submit(Request(kId1, "mark-ready"));
  CHECK(s.code() == StatusCode::kUnavailable);
  CHECK(absl::StrContains(s.message(), "reading the bearer token"));
}

TEST_CASE("Clients of one node share the factory's connection pool", "[sidecar][http]") {
  Fixture f;
  for (int i = 0; i < 5; ++i) CHECK(f.Client("node-a")->Healthz().ok());
  CHECK(f.factory->UrlFor(kNs, "node-a") ==
        f.plane->SidecarUrlTemplate().substr(0, f.plane->SidecarUrlTemplate().find('{')) +
            "default/node-a");
}

TEST_CASE("The factory rejects a bad template and an incomplete node", "[sidecar][http]") {
  HttpSidecarClientFactoryOptions bad;
  bad.url_template = "http://sidecar.{namespace}:8443";
  auto rejected = HttpSidecarClientFactory::Create(bad);
  REQUIRE_FALSE(rejected.ok());
  CHECK(absl::StrContains(rejected.status().message(), "has no {name} placeholder"));

  auto factory = HttpSidecarClientFactory::Create(HttpSidecarClientFactoryOptions());
  REQUIRE(factory.ok());
  CHECK((*factory)->UrlFor("prod", "rpc") == "http://rpc-0.rpc.prod.svc.cluster.local:8443");
  CHECK((*factory)->ForNode("", "rpc").status().code() == StatusCode::kInvalidArgument);
  CHECK((*factory)->ForNode("prod", "").status().code() == StatusCode::kInvalidArgument);
  CHECK(HttpSidecarClient::Create("ftp://x", kNs, {}).status().code() ==
        StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sei::sidecar
