// What the REST client puts on the wire and how it reacts to answers,
// against a scripted plain-HTTP server: URLs, headers, content types,
// bodies, the single retry after 401, deadlines and unreachable servers.
#include <fcntl.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/rest_client.h"
#include "lib/k8s/scripted_http_server.h"
#include "lib/k8s/test_files.h"

namespace sei::k8s {
namespace {

using testing::ScriptedHttpServer;
using testing::ScriptedReply;

ClusterConfig ConfigFor(const std::string& url) {
  ClusterConfig config;
  config.server = url;
  config.bearer_token = "tok-1";
  config.timeout = absl::Seconds(5);
  config.qps = 0;
  return config;
}

std::unique_ptr<RestKubeClient> ClientFor(const ClusterConfig& config) {
  auto client = RestKubeClient::Create(config);
  REQUIRE(client.ok());
  return *std::move(client);
}

TEST_CASE("wire: headers, user agent, escaped URL", "[wire]") {
  ScriptedHttpServer server;
  ClusterConfig config = ConfigFor(server.Url());
  auto client = ClientFor(config);
  server.Enqueue({200, R"({"kind":"ConfigMap","metadata":{"name":"a b"}})"});
  auto got = client->Get(resources::kConfigMap, "ns", "a b");
  REQUIRE(got.ok());
  CHECK((*got)["metadata"]["name"] == "a b");
  auto requests = server.Requests();
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].RequestLine() == "GET /api/v1/namespaces/ns/configmaps/a%20b HTTP/1.1");
  CHECK(requests[0].Header("Authorization") == "Bearer tok-1");
  CHECK(requests[0].Header("Accept") == "application/json");
  CHECK(absl::StartsWith(requests[0].Header("User-Agent"), "sei-operator/0.1.0 (linux/"));

  config.user_agent = "sei-operator/9.9 (test)";
  config.bearer_token.clear();
  auto anonymous = ClientFor(config);
  REQUIRE(anonymous->Get(resources::kConfigMap, "ns", "x").ok());
  requests = server.Requests();
  CHECK(requests[1].Header("User-Agent") == "sei-operator/9.9 (test)");
  CHECK(requests[1].Header("Authorization").empty());
}

TEST_CASE("wire: every verb's method, path, content type and body", "[wire]") {
  ScriptedHttpServer server;
  auto client = ClientFor(ConfigFor(server.Url()));
  const Resource& node = resources::kSeiNode;
  Object object = {{"metadata", {{"name", "n1"}, {"resourceVersion", "7"}}}};
  REQUIRE(client->Create(node, "default", object).ok());
  REQUIRE(client->Update(node, "default", object).ok());
  REQUIRE(client->UpdateStatus(node, "default", object).ok());
  REQUIRE(client->Patch(node, "default", "n1", PatchType::kMerge, {{"spec", {{"a", 1}}}}, {}).ok());
  REQUIRE(client
              ->Patch(node, "default", "n1", PatchType::kJsonPatch,
                      Object::array({{{"op", "remove"}, {"path", "/spec/a"}}}), {})
              .ok());
  PatchOptions apply;
  apply.field_manager = "sei-operator";
  apply.force = true;
  apply.status = true;
  REQUIRE(client->Patch(node, "default", "n1", PatchType::kApply, object, apply).ok());
  DeleteOptions deletion;
  deletion.propagation = Propagation::kForeground;
  deletion.uid = "u-1";
  deletion.resource_version = "7";
  deletion.grace_period_seconds = 0;
  REQUIRE(client->Delete(node, "default", "n1", deletion).ok());
  ListOptions list;
  list.label_selector = "sei.io/node=n1";
  list.limit = 5;
  server.Enqueue({200, R"({"kind":"SeiNodeList","metadata":{"resourceVersion":"99",)"
                       R"("continue":"c2"},"items":[{"metadata":{"name":"n1"}}]})"});
  auto listed = client->List(node, "", list);
  REQUIRE(listed.ok());
  CHECK(listed->resource_version == "99");
  CHECK(listed->continue_token == "c2");
  REQUIRE(listed->items.size() == 1);
  CHECK(listed->items[0]["kind"] == "SeiNode");  // filled in from the resource
  CHECK(listed->items[0]["apiVersion"] == "sei.io/v1alpha1");

  auto r = server.Requests();
  REQUIRE(r.size() == 8);
  const std::string base = "/apis/sei.io/v1alpha1/namespaces/default/seinodes";
  CHECK(r[0].RequestLine() == "POST " + base + " HTTP/1.1");
  CHECK(r[0].Header("Content-Type") == "application/json");
  CHECK(nlohmann::json::parse(r[0].body) == object);
  CHECK(r[1].RequestLine() == "PUT " + base + "/n1 HTTP/1.1");
  CHECK(r[2].RequestLine() == "PUT " + base + "/n1/status HTTP/1.1");
  CHECK(r[3].RequestLine() == "PATCH " + base + "/n1 HTTP/1.1");
  CHECK(r[3].Header("Content-Type") == "application/merge-patch+json");
  CHECK(r[4].Header("Content-Type") == "application/json-patch+json");
  CHECK(nlohmann::json::parse(r[4].body).is_array());
  CHECK(r[5].RequestLine() ==
        "PATCH " + base + "/n1/status?fieldManager=sei-operator&force=true HTTP/1.1");
  CHECK(r[5].Header("Content-Type") == "application/apply-patch+yaml");
  CHECK(r[6].RequestLine() == "DELETE " + base + "/n1 HTTP/1.1");
  nlohmann::json delete_body = nlohmann::json::parse(r[6].body);
  CHECK(delete_body["kind"] == "DeleteOptions");
  CHECK(delete_body["propagationPolicy"] == "Foreground");
  CHECK(delete_body["gracePeriodSeconds"] == 0);
  CHECK(delete_body["preconditions"] == nlohmann::json({{"uid", "u-1"}, {"resourceVersion", "7"}}));
  CHECK(r[7].RequestLine() ==
        "GET /apis/sei.io/v1alpha1/seinodes?labelSelector=sei.io%2Fnode%3Dn1&limit=5 HTTP/1.1");
}

TEST_CASE("wire: requests refused before sending", "[wire]") {
  ScriptedHttpServer server;
  auto client = ClientFor(ConfigFor(server.Url()));
  PatchOptions no_manager;
  auto apply =
      client->Patch(resources::kPod, "d", "p", PatchType::kApply, Object::object(), no_manager);
  CHECK(ReasonOf(apply.status()) == ErrorReason::kBadRequest);
  CHECK_THAT(std::string(apply.status().message()), Catch::Contains("field manager"));
  CHECK(ReasonOf(client->Update(resources::kPod, "d", Object::object()).status()) ==
        ErrorReason::kBadRequest);
  CHECK(ReasonOf(client->Get(resources::kPod, "d", "").status()) == ErrorReason::kBadRequest);
  CHECK(server.Requests().empty());
}

TEST_CASE("wire: error answers become typed errors with the server's message", "[wire]") {
  ScriptedHttpServer server;
  auto client = ClientFor(ConfigFor(server.Url()));
  server.Enqueue({404, R"({"kind":"Status","status":"Failure","reason":"NotFound","code":404,)"
                       R"("message":"configmaps \"x\" not found"})"});
  auto missing = client->Get(resources::kConfigMap, "d", "x");
  CHECK(IsApiNotFound(missing.status()));
  CHECK(missing.status().message() == "configmaps \"x\" not found");
  server.Enqueue({503, "upstream sad"});
  auto unavailable = client->Get(resources::kConfigMap, "d", "x");
  CHECK(ReasonOf(unavailable.status()) == ErrorReason::kInternal);
  CHECK(HttpCodeOf(unavailable.status()) == 503);
  server.Enqueue({200, "not json"});
  CHECK(ReasonOf(client->Get(resources::kConfigMap, "d", "x").status()) == ErrorReason::kInternal);
}

TEST_CASE("wire: a 401 with a token file re-reads the token and retries once", "[wire]") {
  ScriptedHttpServer server;
  std::string path = testing::FreshDirectory() + "/token";
  testing::WriteFile(path, "old-token");
  struct timespec times[2] = {{1000, 0}, {1000, 0}};
  utimensat(AT_FDCWD, path.c_str(), times, 0);
  ClusterConfig config = ConfigFor(server.Url());
  config.bearer_token.clear();
  config.token_file = path;
  auto client = ClientFor(config);
  REQUIRE(client->Get(resources::kPod, "d", "p").ok());  // caches old-token

  // Rotated in place with the same size and mtime: only the 401 reveals it.
  testing::WriteFile(path, "new-token");
  utimensat(AT_FDCWD, path.c_str(), times, 0);
  server.Enqueue({401, R"({"kind":"Status","reason":"Unauthorized","code":401,"message":"no"})"});
  REQUIRE(client->Get(resources::kPod, "d", "p").ok());
  auto r = server.Requests();
  REQUIRE(r.size() == 3);
  CHECK(r[1].Header("Authorization") == "Bearer old-token");
  CHECK(r[2].Header("Authorization") == "Bearer new-token");

  // Still rejected after the re-read: Unauthorized, and no third attempt.
  server.Enqueue({401, R"({"kind":"Status","reason":"Unauthorized","code":401,"message":"no"})"});
  server.Enqueue({401, R"({"kind":"Status","reason":"Unauthorized","code":401,"message":"no"})"});
  CHECK(IsApiUnauthorized(client->Get(resources::kPod, "d", "p").status()));
  CHECK(server.Requests().size() == 5);
}

TEST_CASE("wire: a literal token is not retried after 401", "[wire]") {
  ScriptedHttpServer server;
  auto client = ClientFor(ConfigFor(server.Url()));
  server.Enqueue({401, R"({"kind":"Status","reason":"Unauthorized","code":401,"message":"no"})"});
  CHECK(IsApiUnauthorized(client->Get(resources::kPod, "d", "p").status()));
  CHECK(server.Requests().size() == 1);
}

TEST_CASE("wire: a server that never answers hits the deadline", "[wire]") {
  ScriptedHttpServer server;
  ClusterConfig config = ConfigFor(server.Url());
  config.timeout = absl::Milliseconds(300);
  auto client = ClientFor(config);
  server.Enqueue({200, "{}", /*hang=*/true});
  absl::Time start = absl::Now();
  auto got = client->Get(resources::kPod, "d", "p");
  absl::Duration took = absl::Now() - start;
  CHECK(ReasonOf(got.status()) == ErrorReason::kTimeout);
  CHECK(absl::IsDeadlineExceeded(got.status()));
  CHECK(took >= absl::Milliseconds(250));
  CHECK(took < absl::Seconds(3));
}

TEST_CASE("wire: a silent TLS listener hits the deadline; a closed port is a transport error",
          "[wire]") {
  testing::SilentListener silent;
  ClusterConfig config = ConfigFor("https://127.0.0.1:" + std::to_string(silent.port()));
  config.timeout = absl::Milliseconds(300);
  auto client = ClientFor(config);
  auto got = client->Get(resources::kPod, "d", "p");
  CHECK(ReasonOf(got.status()) == ErrorReason::kTimeout);

  uint16_t closed_port;
  {
    testing::SilentListener closed;
    closed_port = closed.port();
  }
  config.server = "http://127.0.0.1:" + std::to_string(closed_port);
  auto refused = ClientFor(config)->Get(resources::kPod, "d", "p");
  CHECK(ReasonOf(refused.status()) == ErrorReason::kTransport);
  CHECK(HttpCodeOf(refused.status()) == 0);
}

TEST_CASE("wire: every request passes the rate limiter", "[wire]") {
  ScriptedHttpServer server;
  ClusterConfig config = ConfigFor(server.Url());
  config.qps = 10;
  config.burst = 1;
  auto client = ClientFor(config);
  absl::Time start = absl::Now();
  for (int i = 0; i < 4; ++i) REQUIRE(client->Get(resources::kPod, "d", "p").ok());
  // One token at once, then one per 100 ms.
  CHECK(absl::Now() - start >= absl::Milliseconds(280));
}

TEST_CASE("wire: unusable configs are refused at Create", "[wire]") {
  ClusterConfig config = ConfigFor("ftp://x");
  CHECK(absl::IsInvalidArgument(RestKubeClient::Create(config).status()));
  config = ConfigFor("https://127.0.0.1:1");
  config.ca_pem = "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n";
  auto bad_ca = RestKubeClient::Create(config);
  CHECK(absl::IsInvalidArgument(bad_ca.status()));
  config.ca_pem.clear();
  config.client_certificate_pem = "junk";
  config.client_key_pem = "junk";
  CHECK(absl::IsInvalidArgument(RestKubeClient::Create(config).status()));
}

}  // namespace
}  // namespace sei::k8s
