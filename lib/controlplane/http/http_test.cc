// The HTTP front end end to end: a ControlPlane in process on ephemeral
// ports, driven over TLS (and plain HTTP for the sidecar mount) with raw
// HTTP requests, plus unit tests of the pure pieces.
#include <sys/stat.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <future>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/http/api_path.h"
#include "lib/controlplane/http/certificates.h"
#include "lib/controlplane/http/control_plane.h"
#include "lib/controlplane/http/discovery.h"
#include "lib/controlplane/http/json_path.h"
#include "lib/controlplane/http/kubeconfig.h"
#include "lib/controlplane/http/media_type.h"
#include "lib/controlplane/http/protobuf_codec.h"
#include "lib/controlplane/http/table.h"
#include "lib/controlplane/http/test_client.h"
#include "lib/controlplane/http/url.h"

namespace sei::controlplane {
namespace {

using nlohmann::json;
using testing::TestClient;

constexpr char kToken[] = "test-token-0123456789";
constexpr char kCm[] = "/api/v1/namespaces/default/configmaps";

// A running control plane and a client that trusts its CA. No simulated
// cluster runs pods here, so the sidecars answer without one unless a test
// creates the pods itself and asks for `require_running_pod`.
struct Fixture {
  explicit Fixture(size_t watch_window = 1000, absl::Duration bookmark_interval = absl::Seconds(60),
                   bool require_running_pod = false) {
    ControlPlaneOptions options;
    options.require_running_pod = require_running_pod;
    options.store.bookmark_interval = bookmark_interval;
    options.store.tick_interval = absl::Milliseconds(200);
    options.tokens = {{kToken, "admin", {"system:masters"}}, {"other-token", "bob", {}}};
    options.store.watch_window_events = watch_window;
    options.store.pod_termination_grace = absl::ZeroDuration();
    auto created = ControlPlane::Create(options);
    REQUIRE(created.ok());
    plane = *std::move(created);
    REQUIRE(plane->Start().ok());
    client = std::make_unique<TestClient>(plane->port(), plane->ca_certificate_pem(), kToken);
  }
  ~Fixture() { plane->Stop(); }

  std::unique_ptr<ControlPlane> plane;
  std::unique_ptr<TestClient> client;
};

json ConfigMap(const std::string& name, json data = {{"a", "1"}}) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}}},
          {"data", std::move(data)}};
}

json Crd() {
  return json::parse(R"({
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.example.com"},
    "spec": {
      "group": "example.com",
      "scope": "Namespaced",
      "names": {"plural": "widgets", "singular": "widget", "kind": "Widget",
                "listKind": "WidgetList", "shortNames": ["wd"]},
      "versions": [{
        "name": "v1alpha1", "served": true, "storage": true,
        "subresources": {"status": {}},
        "additionalPrinterColumns": [
          {"name": "Size", "type": "integer", "jsonPath": ".spec.size"},
          {"name": "Phase", "type": "string", "jsonPath": ".status.phase"},
          {"name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"}],
        "schema": {"openAPIV3Schema": {
          "type": "object",
          "properties": {
            "spec": {"type": "object", "properties": {"size": {"type": "integer"}}},
            "status": {"type": "object", "properties": {"phase": {"type": "string"}}}}}}
      }]
    }
  })");
}

bool HasResource(const json& list, const std::string& name) {
  for (const auto& resource : list.value("resources", json::array())) {
    if (resource.value("name", "") == name) return true;
  }
  return false;
}

// --- unit tests of the pure pieces ----------------------------------------

TEST_CASE("ParseApiPath addresses collections, objects and subresources", "[http][path]") {
  auto path = ParseApiPath("/api/v1/namespaces/ns1/pods/p%2D0/status");
  REQUIRE(path.ok());
  CHECK(path->kind == PathKind::kResource);
  CHECK(path->has_namespace);
  CHECK(path->ns == "ns1");
  CHECK(path->resource == "pods");
  CHECK(path->name == "p-0");
  CHECK(path->subresource == "status");

  path = ParseApiPath("/api/v1/namespaces/ns1");
  REQUIRE(path.ok());
  CHECK(path->resource == "namespaces");
  CHECK(path->name == "ns1");
  CHECK_FALSE(path->has_namespace);

  path = ParseApiPath("/api/v1/namespaces/ns1/status");
  REQUIRE(path.ok());
  CHECK(path->resource == "namespaces");
  CHECK(path->subresource == "status");

  path = ParseApiPath("/apis/apps/v1/watch/namespaces/x/statefulsets");
  REQUIRE(path.ok());
  CHECK(path->legacy_watch);
  CHECK(path->group == "apps");
  CHECK(path->resource == "statefulsets");

  path = ParseApiPath("/apis/apps/v1/statefulsets");
  REQUIRE(path.ok());
  CHECK_FALSE(path->has_namespace);
  CHECK(path->name.empty());

  CHECK(ParseApiPath("/api/v1/namespaces//pods")->kind == PathKind::kUnknown);
  CHECK(ParseApiPath("/apis/g/v/a/b/c/d")->kind == PathKind::kUnknown);
  CHECK(ParseApiPath("/apis")->kind == PathKind::kGroups);
  CHECK(ParseApiPath("/apis/apps")->kind == PathKind::kGroup);
  CHECK(ParseApiPath("/version")->kind == PathKind::kVersion);
  CHECK(ParseApiPath("/livez/ping")->kind == PathKind::kHealth);
  CHECK_FALSE(ParseApiPath("/api/v1/namespaces/%zz").ok());
}

TEST_CASE("Query strings decode like Go's net/url", "[http][url]") {
  auto query = QueryParams::Parse("labelSelector=app+in+%28a%2Cb%29&watch=1&x=1&x=2&flag");
  REQUIRE(query.ok());
  CHECK(query->Get("labelSelector") == "app in (a,b)");
  CHECK(query->Get("watch") == "1");
  CHECK(query->GetAll("x") == std::vector<std::string>{"1", "2"});
  CHECK(query->Has("flag"));
  CHECK_FALSE(query->Has("nope"));
  CHECK_FALSE(QueryParams::Parse("a=%4").ok());
}

TEST_CASE("Accept negotiation picks Table, discovery and JSON", "[http][media]") {
  Offer read;
  read.table = true;
  auto table = Negotiate(
      "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
      "g=meta.k8s.io,application/json",
      read);
  REQUIRE(table);
  CHECK(table->representation == Representation::kTable);
  CHECK(table->version == "v1");

  Offer plain;
  auto json_only =
      Negotiate("application/json;as=Table;v=v1;g=meta.k8s.io,application/json", plain);
  REQUIRE(json_only);
  CHECK(json_only->representation == Representation::kJson);

  Offer discovery;
  discovery.aggregated_discovery = true;
  auto aggregated = Negotiate(
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json",
      discovery);
  REQUIRE(aggregated);
  CHECK(aggregated->representation == Representation::kAggregatedDiscovery);
  CHECK(aggregated->content_type ==
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");

  CHECK(Negotiate("", plain)->representation == Representation::kJson);
  CHECK(Negotiate("*/*", plain)->representation == Representation::kJson);
  CHECK(Negotiate("application/yaml", plain)->representation == Representation::kYaml);
  CHECK_FALSE(Negotiate("text/html", plain));
  CHECK(Negotiate("text/html;q=0.9,application/json;q=0.1", plain)->representation ==
        Representation::kJson);
}

TEST_CASE("JSONPath subset of printer columns", "[http][jsonpath]") {
  const json object = json::parse(R"({"status": {"phase": "Running", "conditions": [
      {"type": "Ready", "status": "True"}, {"type": "Synced", "status": "False"}]},
      "spec": {"list": [1, 2, 3], "a.b": 7}})");
  CHECK(*EvaluateJsonPath(object, ".status.phase") == std::vector<json>{"Running"});
  CHECK(*EvaluateJsonPath(object, "{.status.phase}") == std::vector<json>{"Running"});
  CHECK(*EvaluateJsonPath(object, ".status.conditions[?(@.type==\"Ready\")].status") ==
        std::vector<json>{"True"});
  CHECK(*EvaluateJsonPath(object, ".spec.list[-1]") == std::vector<json>{3});
  CHECK(EvaluateJsonPath(object, ".spec.list[*]")->size() == 3);
  CHECK(*EvaluateJsonPath(object, ".spec['a.b']") == std::vector<json>{7});
  CHECK(EvaluateJsonPath(object, ".spec.missing.deeper")->empty());
  CHECK_FALSE(EvaluateJsonPath(object, "..phase").ok());
}

TEST_CASE("HumanDuration matches kubectl's ages", "[http][table]") {
  CHECK(HumanDuration(absl::Seconds(-5)) == "<invalid>");
  CHECK(HumanDuration(absl::Seconds(-1)) == "0s");
  CHECK(HumanDuration(absl::Seconds(45)) == "45s");
  CHECK(HumanDuration(absl::Seconds(119)) == "119s");
  CHECK(HumanDuration(absl::Seconds(200)) == "3m20s");
  CHECK(HumanDuration(absl::Minutes(5)) == "5m");
  CHECK(HumanDuration(absl::Minutes(150)) == "150m");
  CHECK(HumanDuration(absl::Hours(5) + absl::Minutes(7)) == "5h7m");
  CHECK(HumanDuration(absl::Hours(30)) == "30h");
  CHECK(HumanDuration(absl::Hours(51)) == "2d3h");
  CHECK(HumanDuration(absl::Hours(24 * 400)) == "400d");
  CHECK(HumanDuration(absl::Hours(24 * (365 * 3 + 20))) == "3y20d");
  CHECK(HumanDuration(absl::Hours(24 * 365 * 9)) == "9y");
}

TEST_CASE("Version priority follows Kubernetes rules", "[http][discovery]") {
  CHECK(VersionHigherPriority("v1", "v1beta1"));
  CHECK(VersionHigherPriority("v2", "v1"));
  CHECK(VersionHigherPriority("v1beta2", "v1beta1"));
  CHECK(VersionHigherPriority("v1beta1", "v1alpha3"));
  CHECK(VersionHigherPriority("v1alpha1", "foo"));
  CHECK_FALSE(VersionHigherPriority("v1alpha1", "v1"));
}

TEST_CASE("Certificates and kubeconfig", "[http][tls]") {
  auto bundle = GenerateCertificates();
  REQUIRE(bundle.ok());
  CHECK(absl::StartsWith(bundle->ca_certificate_pem, "-----BEGIN CERTIFICATE-----"));
  CHECK(absl::StartsWith(bundle->server_certificate_pem, "-----BEGIN CERTIFICATE-----"));
  CHECK(absl::StartsWith(bundle->server_private_key_pem, "-----BEGIN PRIVATE KEY-----"));

  const char* dir = std::getenv("TEST_TMPDIR");
  const std::string path = absl::StrCat(dir != nullptr ? dir : "/tmp", "/kubeconfig-test");
  KubeconfigOptions options;
  options.server = "https://127.0.0.1:1234";
  options.ca_certificate_pem = bundle->ca_certificate_pem;
  options.token = "tok";
  REQUIRE(WriteKubeconfig(path, options).ok());
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(absl::StrContains(text.str(), "server: https://127.0.0.1:1234"));
  CHECK(absl::StrContains(text.str(), "certificate-authority-data: "));
  CHECK(absl::StrContains(text.str(), "token: tok"));
  CHECK(absl::StrContains(text.str(), "current-context: sei-local"));
  ::unlink(path.c_str());
}

// Bodies kubectl 1.32 sent for `kubectl create namespace x`, `create
// configmap cm1 --from-literal=a=b --from-literal=c=d`, `create secret
// generic s1 --from-literal=a=b --type=foo`, `create serviceaccount sa1`,
// `create service nodeport svc1 --tcp=80:8080 --node-port=30001` and
// `create job j1 --image=busybox -- sh -c 'echo hi'`, recorded on the wire.
std::string Recorded(const std::string& name) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  const std::string path =
      absl::StrCat(srcdir != nullptr ? srcdir : ".", "/", workspace != nullptr ? workspace : "",
                   "/lib/controlplane/http/testdata/", name);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

TEST_CASE("kubectl's protobuf bodies decode to the objects it meant", "[http][protobuf]") {
  auto ns = DecodeKubernetesProtobuf(Recorded("namespace.pb"));
  REQUIRE(ns.ok());
  CHECK(*ns == json{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "x"}}}});

  auto cm = DecodeKubernetesProtobuf(Recorded("configmap.pb"));
  REQUIRE(cm.ok());
  CHECK((*cm)["data"] == json{{"a", "b"}, {"c", "d"}});
  CHECK((*cm)["metadata"]["name"] == "cm1");

  auto secret = DecodeKubernetesProtobuf(Recorded("secret.pb"));
  REQUIRE(secret.ok());
  CHECK((*secret)["data"] == json{{"a", "Yg=="}});  // bytes are base64 in JSON
  CHECK((*secret)["type"] == "foo");

  auto sa = DecodeKubernetesProtobuf(Recorded("serviceaccount.pb"));
  REQUIRE(sa.ok());
  CHECK((*sa)["kind"] == "ServiceAccount");

  auto svc = DecodeKubernetesProtobuf(Recorded("service_nodeport.pb"));
  REQUIRE(svc.ok());
  CHECK((*svc)["spec"]["type"] == "NodePort");
  CHECK((*svc)["spec"]["ports"][0] == json{{"name", "80-8080"},
                                           {"protocol", "TCP"},
                                           {"port", 80},
                                           {"targetPort", 8080},
                                           {"nodePort", 30001}});
  CHECK((*svc)["spec"]["selector"] == json{{"app", "svc1"}});
  CHECK_FALSE(svc->contains("status"));

  auto job = DecodeKubernetesProtobuf(Recorded("job.pb"));
  REQUIRE(job.ok());
  CHECK((*job)["apiVersion"] == "batch/v1");
  const json container = (*job)["spec"]["template"]["spec"]["containers"][0];
  CHECK(container["image"] == "busybox");
  CHECK(container["command"] == json::array({"sh", "-c", "echo hi"}));
  CHECK((*job)["spec"]["template"]["spec"]["restartPolicy"] == "Never");

  CHECK(HttpCode(DecodeKubernetesProtobuf("not protobuf").status()) == 400);
  std::string truncated = Recorded("configmap.pb");
  truncated.resize(truncated.size() - 5);
  CHECK(HttpCode(DecodeKubernetesProtobuf(truncated).status()) == 400);
}

// --- end to end over TLS ----------------------------------------------------

TEST_CASE("Discovery documents", "[http][e2e]") {
  Fixture f;
  auto& c = *f.client;

  auto version = c.Request("GET", "/version");
  REQUIRE(version.status == 200);
  CHECK(version.Json()["gitVersion"] == "v1.32.0-sei-local");
  CHECK(version.Json()["major"] == "1");

  auto api = c.Request("GET", "/api", "", {{"Accept", "application/json"}});
  REQUIRE(api.status == 200);
  CHECK(api.Json()["kind"] == "APIVersions");
  CHECK(api.Json()["versions"] == json::array({"v1"}));

  auto aggregated = c.Request(
      "GET", "/api", "",
      {{"Accept",
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"}});
  REQUIRE(aggregated.status == 200);
  CHECK(absl::StrContains(aggregated.Header("content-type"), "as=APIGroupDiscoveryList"));
  const json items = aggregated.Json()["items"];
  REQUIRE(items.size() == 1);
  bool found_pods_status = false;
  for (const auto& resource : items[0]["versions"][0]["resources"]) {
    if (resource["resource"] == "pods") {
      CHECK(resource["scope"] == "Namespaced");
      found_pods_status = resource.contains("subresources") &&
                          resource["subresources"][0]["subresource"] == "status";
    }
  }
  CHECK(found_pods_status);

  auto v1 = c.Request("GET", "/api/v1");
  REQUIRE(v1.status == 200);
  CHECK(v1.Json()["kind"] == "APIResourceList");
  CHECK(v1.Json()["groupVersion"] == "v1");
  CHECK(HasResource(v1.Json(), "configmaps"));
  CHECK(HasResource(v1.Json(), "pods/status"));

  auto apis = c.Request("GET", "/apis");
  REQUIRE(apis.status == 200);
  bool apps = false;
  const json groups = apis.Json()["groups"];
  for (const auto& group : groups) {
    if (group["name"] == "apps") {
      apps = true;
      CHECK(group["preferredVersion"]["groupVersion"] == "apps/v1");
    }
    CHECK(group["name"] != "");
  }
  CHECK(apps);

  auto apps_v1 = c.Request("GET", "/apis/apps/v1");
  REQUIRE(apps_v1.status == 200);
  CHECK(HasResource(apps_v1.Json(), "statefulsets"));
  CHECK(HasResource(apps_v1.Json(), "statefulsets/status"));
  CHECK(c.Request("GET", "/apis/apps").Json()["kind"] == "APIGroup");
  CHECK(c.Request("GET", "/apis/nope.io/v1").status == 404);
  CHECK(c.Request("GET", "/openapi/v2").status == 404);
  auto openapi = c.Request("GET", "/openapi/v3");
  REQUIRE(openapi.status == 200);
  const std::string core_url = openapi.Json()["paths"]["api/v1"].value("serverRelativeURL", "");
  CHECK(absl::StartsWith(core_url, "/openapi/v3/api/v1?hash="));
  auto core_doc = c.Request("GET", core_url);
  REQUIRE(core_doc.status == 200);
  const json patch =
      core_doc.Json()["paths"]["/api/v1/namespaces/{namespace}/configmaps/{name}"]["patch"];
  CHECK(patch["x-kubernetes-group-version-kind"]["kind"] == "ConfigMap");
  bool field_validation = false;
  for (const auto& parameter : patch["parameters"]) {
    field_validation = field_validation || parameter["name"] == "fieldValidation";
  }
  CHECK(field_validation);
  CHECK(c.Request("GET", "/openapi/v3/apis/nope/v1").status == 404);
  auto head = c.Request("HEAD", "/version");
  CHECK(head.status == 405);
  CHECK(head.body.empty());

  auto healthz = c.Request("GET", "/healthz");
  CHECK(healthz.status == 200);
  CHECK(healthz.body == "ok");
  CHECK(c.Request("GET", "/readyz").body == "ok");
  CHECK(c.Request("GET", "/livez").body == "ok");
}

TEST_CASE("Bearer-token authentication", "[http][e2e][auth]") {
  Fixture f;
  TestClient anonymous(f.plane->port(), f.plane->ca_certificate_pem(), "");
  TestClient wrong(f.plane->port(), f.plane->ca_certificate_pem(), "not-a-token");

  auto denied = anonymous.Request("GET", "/api/v1/namespaces");
  CHECK(denied.status == 401);
  CHECK(denied.Json()["kind"] == "Status");
  CHECK(denied.Json()["reason"] == "Unauthorized");
  CHECK(denied.Json()["code"] == 401);
  CHECK(anonymous.Request("GET", "/nothing/here").status == 401);

  CHECK(anonymous.Request("GET", "/version").status == 200);
  CHECK(anonymous.Request("GET", "/healthz").status == 200);
  // A presented but unknown token fails even where anonymous is allowed.
  CHECK(wrong.Request("GET", "/version").status == 401);
  CHECK(wrong.Request("GET", "/api").status == 401);

  TestClient other(f.plane->port(), f.plane->ca_certificate_pem(), "other-token");
  CHECK(other.Request("GET", "/api/v1/namespaces").status == 200);
}

TEST_CASE("CRUD round trip with optimistic concurrency", "[http][e2e][crud]") {
  Fixture f;
  auto& c = *f.client;

  auto created = c.Send("POST", kCm, ConfigMap("one"));
  REQUIRE(created.status == 201);
  const json object = created.Json();
  CHECK(object["metadata"]["namespace"] == "default");
  CHECK_FALSE(object["metadata"].value("uid", "").empty());
  const std::string rv = object["metadata"]["resourceVersion"];

  auto again = c.Send("POST", kCm, ConfigMap("one"));
  CHECK(again.status == 409);
  CHECK(again.Json()["reason"] == "AlreadyExists");

  auto got = c.Request("GET", absl::StrCat(kCm, "/one"));
  REQUIRE(got.status == 200);
  CHECK(got.Json()["data"]["a"] == "1");

  auto list = c.Request("GET", kCm);
  REQUIRE(list.status == 200);
  CHECK(list.Json()["kind"] == "ConfigMapList");
  CHECK(list.Json()["items"].size() == 1);
  auto all = c.Request("GET", "/api/v1/configmaps?labelSelector=missing%3Dlabel");
  REQUIRE(all.status == 200);
  CHECK(all.Json()["items"].empty());

  json update = object;
  update["data"]["a"] = "2";
  auto updated = c.Send("PUT", absl::StrCat(kCm, "/one"), update);
  REQUIRE(updated.status == 200);
  CHECK(updated.Json()["data"]["a"] == "2");
  CHECK(updated.Json()["metadata"]["resourceVersion"] != rv);

  // `update` still carries the old resourceVersion.
  update["data"]["a"] = "3";
  auto stale = c.Send("PUT", absl::StrCat(kCm, "/one"), update);
  CHECK(stale.status == 409);
  CHECK(stale.Json()["reason"] == "Conflict");

  auto table = c.Request("GET", kCm, "",
                         {{"Accept",
                           "application/json;as=Table;v=v1;g=meta.k8s.io,"
                           "application/json"}});
  REQUIRE(table.status == 200);
  const json t = table.Json();
  CHECK(t["kind"] == "Table");
  CHECK(t["columnDefinitions"][0]["name"] == "Name");
  CHECK(t["columnDefinitions"][1]["name"] == "Data");
  REQUIRE(t["rows"].size() == 1);
  CHECK(t["rows"][0]["cells"][0] == "one");
  CHECK(t["rows"][0]["cells"][1] == 1);
  CHECK(t["rows"][0]["object"]["kind"] == "PartialObjectMetadata");

  auto yaml = c.Request("GET", absl::StrCat(kCm, "/one"), "", {{"Accept", "application/yaml"}});
  CHECK(yaml.status == 200);
  CHECK(absl::StrContains(yaml.body, "kind: ConfigMap"));

  auto deleted = c.Request("DELETE", absl::StrCat(kCm, "/one"));
  REQUIRE(deleted.status == 200);
  CHECK(deleted.Json()["kind"] == "Status");
  CHECK(deleted.Json()["status"] == "Success");
  CHECK(deleted.Json()["details"]["name"] == "one");

  auto gone = c.Request("GET", absl::StrCat(kCm, "/one"));
  CHECK(gone.status == 404);
  CHECK(gone.Json()["reason"] == "NotFound");
  CHECK(gone.Json()["message"] == "configmaps \"one\" not found");

  // Preconditions in DeleteOptions.
  REQUIRE(c.Send("POST", kCm, ConfigMap("two")).status == 201);
  auto precondition =
      c.Send("DELETE", absl::StrCat(kCm, "/two"),
             {{"kind", "DeleteOptions"}, {"preconditions", {{"uid", "not-the-uid"}}}});
  CHECK(precondition.status == 409);
  auto bad_policy = c.Request("DELETE", absl::StrCat(kCm, "/two?propagationPolicy=Sideways"));
  CHECK(bad_policy.status == 422);
  auto dry = c.Request("DELETE", absl::StrCat(kCm, "/two?dryRun=All"));
  CHECK(dry.status == 200);
  CHECK(c.Request("GET", absl::StrCat(kCm, "/two")).status == 200);

  // deletecollection with a selector.
  json labelled = ConfigMap("three");
  labelled["metadata"]["labels"] = {{"tier", "x"}};
  REQUIRE(c.Send("POST", kCm, labelled).status == 201);
  auto collection = c.Request("DELETE", absl::StrCat(kCm, "?labelSelector=tier%3Dx"));
  REQUIRE(collection.status == 200);
  CHECK(collection.Json()["items"].size() == 1);
  CHECK(c.Request("GET", absl::StrCat(kCm, "/three")).status == 404);
  CHECK(c.Request("GET", absl::StrCat(kCm, "/two")).status == 200);
}

TEST_CASE("Patch types", "[http][e2e][patch]") {
  Fixture f;
  auto& c = *f.client;
  const std::string item = absl::StrCat(kCm, "/p");
  auto created = c.Send("POST", kCm, ConfigMap("p", {{"a", "1"}, {"b", "2"}}));
  REQUIRE(created.status == 201);
  const std::string rv = created.Json()["metadata"]["resourceVersion"];

  auto merge = c.Send("PATCH", item, {{"data", {{"a", "10"}, {"b", nullptr}}}},
                      "application/merge-patch+json");
  REQUIRE(merge.status == 200);
  CHECK(merge.Json()["data"] == json{{"a", "10"}});

  auto stale =
      c.Send("PATCH", item, {{"metadata", {{"resourceVersion", rv}}}, {"data", {{"a", "11"}}}},
             "application/merge-patch+json");
  CHECK(stale.status == 409);

  auto json_patch =
      c.Send("PATCH", item, json::array({{{"op", "add"}, {"path", "/data/c"}, {"value", "3"}}}),
             "application/json-patch+json");
  REQUIRE(json_patch.status == 200);
  CHECK(json_patch.Json()["data"]["c"] == "3");

  auto strategic =
      c.Send("PATCH", item, {{"data", {{"d", "4"}}}}, "application/strategic-merge-patch+json");
  REQUIRE(strategic.status == 200);
  CHECK(strategic.Json()["data"]["d"] == "4");

  const std::string apply_yaml =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: q\ndata:\n  k: v\n";
  auto apply_create = c.Request("PATCH", absl::StrCat(kCm, "/q?fieldManager=test&force=true"),
                                apply_yaml, {{"Content-Type", "application/apply-patch+yaml"}});
  REQUIRE(apply_create.status == 201);
  CHECK(apply_create.Json()["data"]["k"] == "v");
  auto apply_update =
      c.Request("PATCH", absl::StrCat(kCm, "/q?fieldManager=test"),
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: q\ndata:\n  k: w\n",
                {{"Content-Type", "application/apply-patch+yaml"}});
  REQUIRE(apply_update.status == 200);
  CHECK(apply_update.Json()["data"]["k"] == "w");
  auto no_manager = c.Request("PATCH", absl::StrCat(kCm, "/q"), apply_yaml,
                              {{"Content-Type", "application/apply-patch+yaml"}});
  CHECK(no_manager.status == 422);
  auto force_on_merge = c.Request("PATCH", absl::StrCat(item, "?force=true"), "{}",
                                  {{"Content-Type", "application/merge-patch+json"}});
  CHECK(force_on_merge.status == 400);

  auto missing = c.Send("PATCH", absl::StrCat(kCm, "/absent"), {{"data", {{"a", "1"}}}},
                        "application/merge-patch+json");
  CHECK(missing.status == 404);
}

TEST_CASE("Custom resources: discovery, status subresource, Table, field validation",
          "[http][e2e][crd]") {
  Fixture f;
  auto& c = *f.client;
  auto crd = c.Send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Crd());
  REQUIRE(crd.status == 201);

  auto group = c.Request("GET", "/apis/example.com/v1alpha1");
  REQUIRE(group.status == 200);
  CHECK(HasResource(group.Json(), "widgets"));
  CHECK(HasResource(group.Json(), "widgets/status"));

  const std::string widgets = "/apis/example.com/v1alpha1/namespaces/default/widgets";
  json widget = {{"apiVersion", "example.com/v1alpha1"},
                 {"kind", "Widget"},
                 {"metadata", {{"name", "w"}}},
                 {"spec", {{"size", 3}}},
                 {"status", {{"phase", "Ignored"}}}};
  auto created = c.Send("POST", widgets, widget);
  REQUIRE(created.status == 201);
  // A client-sent status is dropped on create.
  CHECK_FALSE((created.Json().contains("status") &&
               created.Json()["status"].value("phase", "") == "Ignored"));
  CHECK(created.Json()["metadata"]["generation"] == 1);

  json with_status = created.Json();
  with_status["status"] = {{"phase", "Running"}};
  with_status["spec"]["size"] = 99;  // ignored on /status
  auto status = c.Send("PUT", widgets + "/w/status", with_status);
  REQUIRE(status.status == 200);
  CHECK(status.Json()["status"]["phase"] == "Running");
  CHECK(status.Json()["spec"]["size"] == 3);
  CHECK(status.Json()["metadata"]["generation"] == 1);
  CHECK(c.Request("GET", widgets + "/w/status").Json()["status"]["phase"] == "Running");
  auto status_patch = c.Send("PATCH", widgets + "/w/status", {{"status", {{"phase", "Done"}}}},
                             "application/merge-patch+json");
  REQUIRE(status_patch.status == 200);
  CHECK(status_patch.Json()["status"]["phase"] == "Done");
  CHECK(c.Request("POST", widgets + "/w/status", "{}").status == 405);

  auto table =
      c.Request("GET", widgets, "", {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}});
  REQUIRE(table.status == 200);
  const json t = table.Json();
  REQUIRE(t["columnDefinitions"].size() == 4);
  CHECK(t["columnDefinitions"][1]["name"] == "Size");
  CHECK(t["columnDefinitions"][3]["type"] == "date");
  CHECK(t["rows"][0]["cells"][1] == 3);
  CHECK(t["rows"][0]["cells"][2] == "Done");

  // Custom resources do not take strategic merge patches.
  auto smp = c.Send("PATCH", widgets + "/w", {{"spec", {{"size", 4}}}},
                    "application/strategic-merge-patch+json");
  CHECK(smp.status == 415);

  json unknown = widget;
  unknown["metadata"]["name"] = "u";
  unknown["spec"]["bogus"] = true;
  auto strict = c.Send("POST", widgets + "?fieldValidation=Strict", unknown);
  CHECK(strict.status == 400);
  CHECK(absl::StrContains(strict.Json().value("message", ""), "unknown field \"spec.bogus\""));
  auto warn = c.Send("POST", widgets + "?fieldValidation=Warn", unknown);
  REQUIRE(warn.status == 201);
  CHECK(warn.Header("warning") == "299 - \"unknown field \\\"spec.bogus\\\"\"");
  CHECK_FALSE(warn.Json()["spec"].contains("bogus"));
  CHECK(c.Send("POST", widgets + "?fieldValidation=Sometimes", unknown).status == 400);
}

TEST_CASE("Watch streams events and honours timeoutSeconds", "[http][e2e][watch]") {
  Fixture f;
  auto& c = *f.client;
  REQUIRE(c.Send("POST", kCm, ConfigMap("before")).status == 201);
  auto list = c.Request("GET", kCm);
  const std::string rv = list.Json()["metadata"]["resourceVersion"];

  // From the list's resourceVersion: only later changes.
  auto watcher = std::async(std::launch::async, [&] {
    return c.Watch(absl::StrCat(kCm, "?watch=true&timeoutSeconds=3&resourceVersion=", rv), 10,
                   absl::Seconds(15));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  REQUIRE(c.Send("POST", kCm, ConfigMap("w")).status == 201);
  REQUIRE(c.Send("PATCH", absl::StrCat(kCm, "/w"), {{"data", {{"a", "2"}}}},
                 "application/merge-patch+json")
              .status == 200);
  REQUIRE(c.Request("DELETE", absl::StrCat(kCm, "/w")).status == 200);
  const auto started = std::chrono::steady_clock::now();
  const testing::WatchResult result = watcher.get();
  CHECK(result.error.empty());
  CHECK(result.status == 200);
  CHECK(result.ended);  // closed cleanly by timeoutSeconds
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(6));
  REQUIRE(result.events.size() == 3);
  CHECK(result.events[0]["type"] == "ADDED");
  CHECK(result.events[0]["object"]["metadata"]["name"] == "w");
  CHECK(result.events[1]["type"] == "MODIFIED");
  CHECK(result.events[2]["type"] == "DELETED");

  // Without a resourceVersion: the current state first.
  auto initial = c.Watch(absl::StrCat(kCm, "?watch=1&timeoutSeconds=1"), 1, absl::Seconds(10));
  REQUIRE(initial.events.size() == 1);
  CHECK(initial.events[0]["type"] == "ADDED");
  CHECK(initial.events[0]["object"]["metadata"]["name"] == "before");

  // A watch as Table: kubectl get -w.
  auto table = c.Watch(absl::StrCat(kCm, "?watch=1&timeoutSeconds=1"), 1, absl::Seconds(10),
                       {{"Accept", "application/json;as=Table;v=v1;g=meta.k8s.io"}});
  REQUIRE(table.events.size() == 1);
  CHECK(table.events[0]["object"]["kind"] == "Table");
  CHECK(table.events[0]["object"]["rows"][0]["cells"][0] == "before");

  // The client going away ends the server side too.
  auto early = c.Watch(absl::StrCat(kCm, "?watch=1"), 1, absl::Seconds(10));
  CHECK(early.events.size() == 1);
  CHECK(c.Request("GET", "/version").status == 200);
}

TEST_CASE("A watch from an expired resourceVersion gets 410", "[http][e2e][watch]") {
  Fixture f(/*watch_window=*/5);
  auto& c = *f.client;
  for (int i = 0; i < 12; ++i) {
    REQUIRE(c.Send("POST", kCm, ConfigMap(absl::StrCat("cm", i))).status == 201);
  }
  auto result = c.Watch(absl::StrCat(kCm, "?watch=true&resourceVersion=1"), 5, absl::Seconds(10));
  CHECK(result.status == 200);
  REQUIRE(result.events.size() == 1);
  CHECK(result.events[0]["type"] == "ERROR");
  CHECK(result.events[0]["object"]["kind"] == "Status");
  CHECK(result.events[0]["object"]["code"] == 410);
  CHECK(result.ended);
}

TEST_CASE("Bookmarks only when allowed", "[http][e2e][watch]") {
  Fixture f(1000, absl::Milliseconds(500));
  auto& c = *f.client;
  auto with = c.Watch(absl::StrCat(kCm, "?watch=1&allowWatchBookmarks=true&timeoutSeconds=3"), 1,
                      absl::Seconds(10));
  REQUIRE(with.events.size() == 1);
  CHECK(with.events[0]["type"] == "BOOKMARK");
  CHECK_FALSE(with.events[0]["object"]["metadata"].value("resourceVersion", "").empty());
  auto without = c.Watch(absl::StrCat(kCm, "?watch=1&timeoutSeconds=2"), 1, absl::Seconds(10));
  CHECK(without.events.empty());
  CHECK(without.ended);
}

TEST_CASE("Malformed and unsupported requests", "[http][e2e][errors]") {
  Fixture f;
  auto& c = *f.client;

  auto malformed =
      c.Request("POST", kCm, "{\"metadata\": {", {{"Content-Type", "application/json"}});
  CHECK(malformed.status == 400);
  CHECK(malformed.Json()["reason"] == "BadRequest");
  CHECK(absl::StrContains(malformed.Json().value("message", ""), "JSON"));

  auto bad_yaml =
      c.Request("POST", kCm, "metadata: [unclosed", {{"Content-Type", "application/yaml"}});
  CHECK(bad_yaml.status == 400);
  auto yaml =
      c.Request("POST", kCm, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\n",
                {{"Content-Type", "application/yaml"}});
  CHECK(yaml.status == 201);

  auto protobuf = c.Request("POST", "/api/v1/namespaces", Recorded("namespace.pb"),
                            {{"Content-Type", "application/vnd.kubernetes.protobuf"}});
  CHECK(protobuf.status == 201);
  CHECK(protobuf.Json()["metadata"]["name"] == "x");

  auto wrong_type = c.Request("POST", kCm, "{}", {{"Content-Type", "text/plain"}});
  CHECK(wrong_type.status == 415);
  CHECK(wrong_type.Json()["reason"] == "UnsupportedMediaType");
  auto patch_type = c.Request("PATCH", absl::StrCat(kCm, "/from-yaml"), "{}",
                              {{"Content-Type", "application/json"}});
  CHECK(patch_type.status == 415);

  auto unknown = c.Request("GET", "/api/v1/namespaces/default/gizmos");
  CHECK(unknown.status == 404);
  CHECK(unknown.Json()["message"] == "the server could not find the requested resource");
  CHECK(c.Request("GET", "/apis/apps/v1/namespaces/default/pods").status == 404);
  CHECK(c.Request("GET", "/api/v1/namespaces/default/namespaces").status == 404);
  CHECK(c.Request("GET", "/api/v1/configmaps/x").status == 404);
  CHECK(c.Request("GET", absl::StrCat(kCm, "/from-yaml/scale")).status == 404);

  auto method = c.Request("PUT", kCm, "{}", {{"Content-Type", "application/json"}});
  CHECK(method.status == 405);
  CHECK(method.Json()["reason"] == "MethodNotAllowed");
  CHECK(c.Request("POST", absl::StrCat(kCm, "/from-yaml"), "{}").status == 405);
  CHECK(c.Request("POST", "/api/v1/configmaps", "{}").status == 405);
  CHECK(c.Request("GET", kCm, "", {{"Accept", "text/html"}}).status == 406);
  CHECK(c.Request("GET", absl::StrCat(kCm, "?watch=maybe")).status == 400);
  CHECK(c.Request("GET", absl::StrCat(kCm, "?limit=abc")).status == 400);

  const std::string huge(4 * 1024 * 1024, 'x');
  auto oversize =
      c.Request("POST", kCm, huge, {{"Content-Type", "application/json"}}, absl::Seconds(20));
  CHECK(oversize.status == 413);
  CHECK(oversize.Json()["reason"] == "RequestEntityTooLarge");

  // Garbage on the wire: answered (or dropped), and the server lives on.
  {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket socket(ioc);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), f.plane->port()});
    boost::asio::write(socket, boost::asio::buffer(std::string("\x16\x03\x01garbage\r\n\r\n")));
    socket.close();
  }
  {
    TestClient plain(f.plane->port(), "", kToken);  // HTTP to an HTTPS port
    CHECK(plain.Request("GET", "/version", "", {}, absl::Seconds(5)).status != 200);
  }
  CHECK(c.Request("GET", "/version").status == 200);
}

TEST_CASE("Sidecar mount plays kube-rbac-proxy", "[http][e2e][sidecar]") {
  Fixture f;
  TestClient sidecar(f.plane->sidecar_port(), "", kToken);
  TestClient anonymous(f.plane->sidecar_port(), "", "");

  // Probe paths are exempt; a fresh sidecar is not ready yet.
  CHECK(anonymous.Request("GET", "/default/node-a/v0/healthz").status == 503);
  auto denied = anonymous.Request("GET", "/default/node-a/v0/tasks");
  CHECK(denied.status == 401);
  CHECK(absl::StrContains(denied.body, "Unauthorized"));
  TestClient wrong(f.plane->sidecar_port(), "", "nope");
  CHECK(wrong.Request("GET", "/default/node-a/v0/tasks").status == 401);

  auto tasks = sidecar.Request("GET", "/default/node-a/v0/tasks");
  CHECK(tasks.status == 200);
  CHECK(tasks.Json() == json::array());
  // The client's own X-Remote-User never reaches the sidecar.
  auto spoof =
      anonymous.Request("GET", "/default/node-a/v0/tasks", "", {{"X-Remote-User", "mallory"}});
  CHECK(spoof.status == 401);
  CHECK(sidecar.Request("GET", "/only-one-segment").status == 404);

  f.plane->sidecars()->SetFault("default", "node-b", sidecar::Fault::ConnectionRefused());
  auto refused = sidecar.Request("GET", "/default/node-b/v0/tasks", "", {}, absl::Seconds(5));
  CHECK(refused.status == 0);
  CHECK_FALSE(refused.error.empty());

  f.plane->sidecars()->SetFault("default", "node-c", sidecar::Fault::Hang());
  const auto started = std::chrono::steady_clock::now();
  auto hang = sidecar.Request("GET", "/default/node-c/v0/tasks", "", {}, absl::Seconds(1));
  CHECK(hang.status == 0);
  CHECK(absl::StrContains(hang.error, "timed out"));
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(900));

  // Other nodes are unaffected.
  CHECK(sidecar.Request("GET", "/default/node-a/v0/tasks").status == 200);
}

TEST_CASE("Sidecar mount answers only while the node's pod runs", "[http][e2e][sidecar]") {
  Fixture f(1000, absl::Seconds(60), /*require_running_pod=*/true);
  TestClient& c = *f.client;
  TestClient sidecar(f.plane->sidecar_port(), "", kToken);
  const std::string pods = "/api/v1/namespaces/default/pods";
  auto get = [&](const std::string& path) {
    return sidecar.Request("GET", path, "", {}, absl::Seconds(5));
  };
  // What a closed port gives the client: no response at all.
  auto refused = [&](const std::string& path) {
    const auto response = get(path);
    return response.status == 0 && !response.error.empty();
  };
  auto set_phase = [&](const std::string& pod, const std::string& phase) {
    REQUIRE(c.Send("PATCH", pods + "/" + pod + "/status", {{"status", {{"phase", phase}}}},
                   "application/merge-patch+json")
                .status == 200);
  };

  SECTION("the StatefulSet's pod <node>-0") {
    // No pod yet: every path is refused, the unauthenticated probes too.
    CHECK(refused("/default/node-a/v0/tasks"));
    CHECK(refused("/default/node-a/v0/healthz"));

    REQUIRE(c.Send("POST", pods,
                   {{"apiVersion", "v1"},
                    {"kind", "Pod"},
                    {"metadata", {{"name", "node-a-0"}}},
                    {"spec", {{"containers", {{{"name", "seid"}}}}}}})
                .status == 201);
    set_phase("node-a-0", "Pending");
    CHECK(refused("/default/node-a/v0/tasks"));

    set_phase("node-a-0", "Running");
    CHECK(get("/default/node-a/v0/tasks").status == 200);
    CHECK(get("/default/node-a/v0/healthz").status == 503);  // running, not mark-ready yet
    // Only that node's sidecar: another node and another namespace stay closed.
    CHECK(refused("/default/node-b/v0/tasks"));
    CHECK(refused("/other/node-a/v0/tasks"));

    // Terminating: deleted with a grace period, still stored.
    auto deleting = c.Request("DELETE", pods + "/node-a-0?gracePeriodSeconds=30");
    REQUIRE(deleting.status == 200);
    REQUIRE(deleting.Json()["metadata"].contains("deletionTimestamp"));
    CHECK(refused("/default/node-a/v0/tasks"));
    CHECK(refused("/default/node-a/v0/healthz"));
  }

  SECTION("a bootstrap pod that takes the name <node>-0") {
    json bootstrap = {
        {"apiVersion", "v1"},
        {"kind", "Pod"},
        {"metadata", {{"name", "node-b-bootstrap-x7k2p"}, {"labels", {{"sei.io/node", "node-b"}}}}},
        {"spec",
         {{"hostname", "node-b-0"},
          {"subdomain", "node-b"},
          {"containers", {{{"name", "seid"}}}}}}};
    REQUIRE(c.Send("POST", pods, bootstrap).status == 201);
    CHECK(refused("/default/node-b/v0/tasks"));
    set_phase("node-b-bootstrap-x7k2p", "Running");
    CHECK(get("/default/node-b/v0/tasks").status == 200);

    // A running pod of the node under another hostname answers elsewhere.
    bootstrap["metadata"]["name"] = "node-c-bootstrap-q9m4z";
    bootstrap["metadata"]["labels"]["sei.io/node"] = "node-c";
    bootstrap["spec"]["hostname"] = "node-c-1";
    bootstrap["spec"]["subdomain"] = "node-c";
    REQUIRE(c.Send("POST", pods, bootstrap).status == 201);
    set_phase("node-c-bootstrap-q9m4z", "Running");
    CHECK(refused("/default/node-c/v0/tasks"));

    set_phase("node-b-bootstrap-x7k2p", "Succeeded");
    CHECK(refused("/default/node-b/v0/tasks"));
  }
}

TEST_CASE("Many concurrent watches and a clean shutdown", "[http][e2e][watch]") {
  Fixture f;
  constexpr int kWatches = 40;
  std::vector<std::future<testing::WatchResult>> watches;
  for (int i = 0; i < kWatches; ++i) {
    watches.push_back(std::async(std::launch::async, [&] {
      return f.client->Watch(absl::StrCat(kCm, "?watch=1&timeoutSeconds=5"), 1, absl::Seconds(20));
    }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  REQUIRE(f.client->Send("POST", kCm, ConfigMap("fanout")).status == 201);
  for (auto& watch : watches) {
    auto result = watch.get();
    REQUIRE(result.events.size() == 1);
    CHECK(result.events[0]["object"]["metadata"]["name"] == "fanout");
  }
  // Stop ends whatever is still open, within its bound.
  auto lingering = std::async(std::launch::async, [&] {
    return f.client->Watch("/api/v1/namespaces/empty/configmaps?watch=1", 5, absl::Seconds(20));
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto stopping = std::chrono::steady_clock::now();
  f.plane->Stop();
  CHECK(std::chrono::steady_clock::now() - stopping < std::chrono::seconds(4));
  auto result = lingering.get();
  CHECK(result.events.empty());
}

}  // namespace
}  // namespace sei::controlplane
