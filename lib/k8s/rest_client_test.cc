// RestKubeClient and the informer over real HTTPS against the local control
// plane, started in process: every verb, the typed errors a real
// kube-apiserver answers with, watches (events, bookmarks, cancel and
// resume, 410), TLS trust and authentication failures.
#include "lib/k8s/rest_client.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "lib/controlplane/http/certificates.h"
#include "lib/controlplane/http/control_plane.h"
#include "lib/controlplane/http/kubeconfig.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/informer.h"
#include "lib/k8s/kubeconfig.h"

namespace sei::k8s {
namespace {

namespace cp = ::sei::controlplane;

constexpr char kToken[] = "rest-client-test-token";
const Resource& kCm = resources::kConfigMap;
const Resource kCrd{"apiextensions.k8s.io", "v1", "customresourcedefinitions",
                    "CustomResourceDefinition", false};
const Resource kWidget{"example.com", "v1", "widgets", "Widget", true};

struct Plane {
  explicit Plane(size_t watch_window = 1000, absl::Duration bookmark_interval = absl::Seconds(60)) {
    cp::ControlPlaneOptions options;
    options.serve_sidecars = false;
    options.tokens = {{kToken, "admin", {"system:masters"}}};
    options.store.watch_window_events = watch_window;
    options.store.bookmark_interval = bookmark_interval;
    options.store.tick_interval = absl::Milliseconds(50);
    options.store.pod_termination_grace = absl::ZeroDuration();
    auto created = cp::ControlPlane::Create(options);
    REQUIRE(created.ok());
    plane = *std::move(created);
    REQUIRE(plane->Start().ok());
  }
  ~Plane() { plane->Stop(); }

  ClusterConfig Config() const {
    ClusterConfig config;
    config.server = plane->ServerUrl();
    config.ca_pem = plane->ca_certificate_pem();
    config.bearer_token = kToken;
    config.timeout = absl::Seconds(10);
    config.qps = 0;
    return config;
  }
  std::unique_ptr<RestKubeClient> Client() const { return ClientWith(Config()); }
  static std::unique_ptr<RestKubeClient> ClientWith(const ClusterConfig& config) {
    auto client = RestKubeClient::Create(config);
    REQUIRE(client.ok());
    return *std::move(client);
  }

  std::unique_ptr<cp::ControlPlane> plane;
};

Object ConfigMap(const std::string& name, const std::string& value = "1",
                 Object labels = Object::object()) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"labels", labels}}},
          {"data", {{"v", value}}}};
}

std::string Rv(const Object& object) { return object["metadata"].value("resourceVersion", ""); }

// Widgets with a schema (spec.size: integer >= 1) and a status subresource.
void InstallWidgetCrd(KubeClient& client) {
  Object crd = Object::parse(R"({
    "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.example.com"},
    "spec": {
      "group": "example.com", "scope": "Namespaced",
      "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"},
      "versions": [{
        "name": "v1", "served": true, "storage": true,
        "subresources": {"status": {}},
        "schema": {"openAPIV3Schema": {
          "type": "object",
          "properties": {
            "spec": {"type": "object", "required": ["size"],
                     "properties": {"size": {"type": "integer", "minimum": 1},
                                    "color": {"type": "string"}}},
            "status": {"type": "object", "properties": {"phase": {"type": "string"}}}}}}
      }]
    }
  })");
  REQUIRE(client.Create(kCrd, "", crd).ok());
}

Object Widget(const std::string& name, Object size) {
  return {{"apiVersion", "example.com/v1"},
          {"kind", "Widget"},
          {"metadata", {{"name", name}}},
          {"spec", {{"size", size}}}};
}

// The next event, failing the test on an error or the end of the stream.
WatchEvent NextEvent(WatchStream& stream) {
  auto next = stream.Next();
  REQUIRE(next.ok());
  REQUIRE(next->has_value());
  return **next;
}

// The next event that is not a bookmark.
WatchEvent NextChange(WatchStream& stream) {
  while (true) {
    WatchEvent event = NextEvent(stream);
    if (event.type != WatchEvent::Type::kBookmark) return event;
  }
}

TEST_CASE("https: create, get, list, update, delete and their errors", "[rest]") {
  Plane plane;
  auto client = plane.Client();
  auto created = client->Create(kCm, "default", ConfigMap("a", "1", {{"app", "x"}}));
  REQUIRE(created.ok());
  CHECK(!(*created)["metadata"].value("uid", "").empty());
  CHECK(!Rv(*created).empty());

  auto again = client->Create(kCm, "default", ConfigMap("a"));
  CHECK(IsApiAlreadyExists(again.status()));
  CHECK_THAT(std::string(again.status().message()), Catch::Contains("already exists"));

  REQUIRE(client->Create(kCm, "default", ConfigMap("b", "1", {{"app", "y"}})).ok());
  auto got = client->Get(kCm, "default", "a");
  REQUIRE(got.ok());
  CHECK((*got)["data"]["v"] == "1");
  auto missing = client->Get(kCm, "default", "nope");
  CHECK(IsApiNotFound(missing.status()));
  CHECK_THAT(std::string(missing.status().message()), Catch::Contains("\"nope\" not found"));

  ListOptions selected;
  selected.label_selector = "app in (x)";
  auto list = client->List(kCm, "default", selected);
  REQUIRE(list.ok());
  REQUIRE(list->items.size() == 1);
  CHECK(list->items[0]["metadata"]["name"] == "a");
  CHECK(list->items[0]["kind"] == "ConfigMap");
  CHECK(!list->resource_version.empty());
  auto all_namespaces = client->List(kCm, "", {});
  REQUIRE(all_namespaces.ok());
  CHECK(all_namespaces->items.size() >= 2);
  ListOptions bad_selector;
  bad_selector.label_selector = "app in (";
  CHECK(ReasonOf(client->List(kCm, "default", bad_selector).status()) == ErrorReason::kBadRequest);

  Object update = *got;
  update["data"]["v"] = "2";
  auto updated = client->Update(kCm, "default", update);
  REQUIRE(updated.ok());
  CHECK((*updated)["data"]["v"] == "2");
  // `update` still carries the old resourceVersion: stale.
  update["data"]["v"] = "3";
  auto stale = client->Update(kCm, "default", update);
  CHECK(IsApiConflict(stale.status()));
  CHECK(HttpCodeOf(stale.status()) == 409);

  REQUIRE(client->Delete(kCm, "default", "a", {}).ok());
  CHECK(IsApiNotFound(client->Get(kCm, "default", "a").status()));
  CHECK(IsApiNotFound(client->Delete(kCm, "default", "a", {})));
}

TEST_CASE("https: patches — merge with a stale resourceVersion, JSON patch, server-side apply",
          "[rest]") {
  Plane plane;
  auto client = plane.Client();
  auto created = client->Create(kCm, "default", ConfigMap("p", "1"));
  REQUIRE(created.ok());
  auto merged =
      client->Patch(kCm, "default", "p", PatchType::kMerge, {{"data", {{"w", "new"}}}}, {});
  REQUIRE(merged.ok());
  CHECK((*merged)["data"] == Object({{"v", "1"}, {"w", "new"}}));

  Object stale = {{"metadata", {{"resourceVersion", Rv(*created)}}}, {"data", {{"v", "9"}}}};
  CHECK(IsApiConflict(client->Patch(kCm, "default", "p", PatchType::kMerge, stale, {}).status()));

  auto json_patched =
      client->Patch(kCm, "default", "p", PatchType::kJsonPatch,
                    Object::array({{{"op", "replace"}, {"path", "/data/v"}, {"value", "2"}},
                                   {{"op", "remove"}, {"path", "/data/w"}}}),
                    {});
  REQUIRE(json_patched.ok());
  CHECK((*json_patched)["data"] == Object({{"v", "2"}}));
  auto bad_test =
      client->Patch(kCm, "default", "p", PatchType::kJsonPatch,
                    Object::array({{{"op", "test"}, {"path", "/data/v"}, {"value", "x"}}}), {});
  CHECK_FALSE(bad_test.ok());

  PatchOptions apply;
  apply.field_manager = "sei-operator";
  apply.force = true;
  auto applied =
      client->Patch(kCm, "default", "applied", PatchType::kApply, ConfigMap("applied", "a"), apply);
  REQUIRE(applied.ok());  // apply creates
  CHECK((*applied)["data"]["v"] == "a");
  bool managed = false;
  for (const Object& entry : (*applied)["metadata"].value("managedFields", Object::array())) {
    if (entry.value("manager", "") == "sei-operator") managed = true;
  }
  CHECK(managed);
  auto reapplied =
      client->Patch(kCm, "default", "applied", PatchType::kApply, ConfigMap("applied", "b"), apply);
  REQUIRE(reapplied.ok());
  CHECK((*reapplied)["data"]["v"] == "b");
}

TEST_CASE("https: schema validation, and the status subresource kept apart", "[rest]") {
  Plane plane;
  auto client = plane.Client();
  InstallWidgetCrd(*client);

  auto invalid = client->Create(kWidget, "default", Widget("w", "big"));
  REQUIRE(IsApiInvalid(invalid.status()));
  CHECK(HttpCodeOf(invalid.status()) == 422);
  CHECK_THAT(std::string(invalid.status().message()), Catch::Contains("spec.size"));
  CHECK(IsApiInvalid(client->Create(kWidget, "default", Widget("w", 0)).status()));

  auto created = client->Create(kWidget, "default", Widget("w", 3));
  REQUIRE(created.ok());
  Object with_status = *created;
  with_status["status"] = {{"phase", "Ready"}};
  with_status["spec"]["size"] = 99;  // ignored by a status write
  auto status_written = client->UpdateStatus(kWidget, "default", with_status);
  REQUIRE(status_written.ok());
  CHECK((*status_written)["status"]["phase"] == "Ready");
  CHECK((*status_written)["spec"]["size"] == 3);
  CHECK((*status_written)["metadata"]["generation"] == 1);

  Object spec_change = *status_written;
  spec_change["spec"]["size"] = 4;
  spec_change["status"] = {{"phase", "Broken"}};  // ignored by a main write
  auto spec_written = client->Update(kWidget, "default", spec_change);
  REQUIRE(spec_written.ok());
  CHECK((*spec_written)["spec"]["size"] == 4);
  CHECK((*spec_written)["status"]["phase"] == "Ready");
  CHECK((*spec_written)["metadata"]["generation"] == 2);

  PatchOptions status_patch;
  status_patch.status = true;
  auto patched = client->Patch(kWidget, "default", "w", PatchType::kMerge,
                               {{"status", {{"phase", "Done"}}}}, status_patch);
  REQUIRE(patched.ok());
  CHECK((*patched)["status"]["phase"] == "Done");
  CHECK((*patched)["metadata"]["generation"] == 2);
}

TEST_CASE("https: delete preconditions and propagation", "[rest]") {
  Plane plane;
  auto client = plane.Client();
  auto created = client->Create(kCm, "default", ConfigMap("d"));
  REQUIRE(created.ok());
  DeleteOptions wrong_uid;
  wrong_uid.uid = "00000000-0000-0000-0000-000000000000";
  absl::Status conflict = client->Delete(kCm, "default", "d", wrong_uid);
  CHECK(IsApiConflict(conflict));
  CHECK_THAT(std::string(conflict.message()), Catch::Contains("UID"));
  DeleteOptions stale_rv;
  stale_rv.resource_version = "1";
  CHECK(IsApiConflict(client->Delete(kCm, "default", "d", stale_rv)));
  CHECK(client->Get(kCm, "default", "d").ok());

  DeleteOptions right;
  right.uid = (*created)["metadata"]["uid"].get<std::string>();
  right.resource_version = Rv(*created);
  right.propagation = Propagation::kForeground;
  right.grace_period_seconds = 0;
  REQUIRE(client->Delete(kCm, "default", "d", right).ok());
  CHECK(IsApiNotFound(client->Get(kCm, "default", "d").status()));
}

TEST_CASE("https: a watch streams ADDED, MODIFIED and DELETED as they happen", "[rest]") {
  Plane plane;
  auto client = plane.Client();
  REQUIRE(client->Create(kCm, "default", ConfigMap("before")).ok());
  auto list = client->List(kCm, "default", {});
  REQUIRE(list.ok());
  ListOptions from;
  from.resource_version = list->resource_version;
  auto stream = client->Watch(kCm, "default", from);
  REQUIRE(stream.ok());

  REQUIRE(client->Create(kCm, "default", ConfigMap("w")).ok());
  REQUIRE(client->Patch(kCm, "default", "w", PatchType::kMerge, {{"data", {{"v", "2"}}}}, {}).ok());
  REQUIRE(client->Delete(kCm, "default", "w", {}).ok());
  WatchEvent added = NextChange(**stream);
  CHECK(added.type == WatchEvent::Type::kAdded);
  CHECK(added.object["metadata"]["name"] == "w");
  WatchEvent modified = NextChange(**stream);
  CHECK(modified.type == WatchEvent::Type::kModified);
  CHECK(modified.object["data"]["v"] == "2");
  WatchEvent deleted = NextChange(**stream);
  CHECK(deleted.type == WatchEvent::Type::kDeleted);
  CHECK(deleted.object["metadata"]["name"] == "w");

  // Without a resourceVersion the watch starts with the existing objects.
  auto fresh = client->Watch(kCm, "default", {});
  REQUIRE(fresh.ok());
  WatchEvent existing = NextChange(**fresh);
  CHECK(existing.type == WatchEvent::Type::kAdded);
  CHECK(existing.object["metadata"]["name"] == "before");
}

TEST_CASE("https: bookmarks carry the resourceVersion", "[rest]") {
  Plane plane(1000, absl::Milliseconds(100));
  auto client = plane.Client();
  auto created = client->Create(kCm, "default", ConfigMap("b"));
  REQUIRE(created.ok());
  ListOptions from;
  from.resource_version = Rv(*created);
  auto stream = client->Watch(kCm, "default", from);
  REQUIRE(stream.ok());
  WatchEvent bookmark = NextEvent(**stream);
  CHECK(bookmark.type == WatchEvent::Type::kBookmark);
  CHECK(!Rv(bookmark.object).empty());
}

TEST_CASE("https: Cancel unblocks Next, and a watch resumes from the last resourceVersion",
          "[rest]") {
  Plane plane;
  auto client = plane.Client();
  auto created = client->Create(kCm, "default", ConfigMap("r", "1"));
  REQUIRE(created.ok());
  ListOptions from;
  from.resource_version = Rv(*created);
  from.allow_bookmarks = false;
  auto stream = client->Watch(kCm, "default", from);
  REQUIRE(stream.ok());
  REQUIRE(client->Patch(kCm, "default", "r", PatchType::kMerge, {{"data", {{"v", "2"}}}}, {}).ok());
  WatchEvent first = NextChange(**stream);
  std::string last = Rv(first.object);

  absl::Notification returned;
  absl::StatusOr<std::optional<WatchEvent>> blocked;
  std::thread reader([&] {
    blocked = (*stream)->Next();  // nothing more happens: blocks
    returned.Notify();
  });
  CHECK_FALSE(returned.WaitForNotificationWithTimeout(absl::Milliseconds(200)));
  (*stream)->Cancel();
  CHECK(returned.WaitForNotificationWithTimeout(absl::Seconds(5)));
  reader.join();
  REQUIRE(blocked.ok());
  CHECK_FALSE(blocked->has_value());

  REQUIRE(client->Patch(kCm, "default", "r", PatchType::kMerge, {{"data", {{"v", "3"}}}}, {}).ok());
  from.resource_version = last;
  auto resumed = client->Watch(kCm, "default", from);
  REQUIRE(resumed.ok());
  WatchEvent next = NextChange(**resumed);
  CHECK(next.type == WatchEvent::Type::kModified);
  CHECK(next.object["data"]["v"] == "3");
}

TEST_CASE("https: a watch ends normally at its timeout", "[rest]") {
  Plane plane;
  auto client = plane.Client();
  auto list = client->List(kCm, "default", {});
  REQUIRE(list.ok());
  ListOptions from;
  from.resource_version = list->resource_version;
  from.allow_bookmarks = false;
  from.watch_timeout = absl::Seconds(1);
  auto stream = client->Watch(kCm, "default", from);
  REQUIRE(stream.ok());
  absl::Time start = absl::Now();
  auto end = (*stream)->Next();
  REQUIRE(end.ok());
  CHECK_FALSE(end->has_value());
  CHECK(absl::Now() - start < absl::Seconds(5));
}

TEST_CASE("https: a watch from a resourceVersion older than the window is Gone", "[rest]") {
  Plane plane(/*watch_window=*/5);
  auto client = plane.Client();
  auto created = client->Create(kCm, "default", ConfigMap("g", "0"));
  REQUIRE(created.ok());
  for (int i = 1; i <= 20; ++i) {
    REQUIRE(client
                ->Patch(kCm, "default", "g", PatchType::kMerge,
                        {{"data", {{"v", std::to_string(i)}}}}, {})
                .ok());
  }
  ListOptions from;
  from.resource_version = Rv(*created);
  auto stream = client->Watch(kCm, "default", from);
  absl::Status gone = stream.ok() ? (*stream)->Next().status() : stream.status();
  CHECK(IsApiGone(gone));
  CHECK(HttpCodeOf(gone) == 410);
}

// Counts handler calls by kind.
class Counter : public ResourceEventHandler {
 public:
  void OnAdd(const Object&) override { ++adds; }
  void OnUpdate(const Object&, const Object&) override { ++updates; }
  void OnDelete(const Object&) override { ++deletes; }
  std::atomic<int> adds{0}, updates{0}, deletes{0};
};

bool Eventually(const std::function<bool()>& condition,
                absl::Duration timeout = absl::Seconds(10)) {
  absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (condition()) return true;
    absl::SleepFor(absl::Milliseconds(20));
  }
  return condition();
}

TEST_CASE("https: an informer converges on the server's state", "[rest][informer]") {
  Plane plane;
  auto client = plane.Client();
  REQUIRE(client->Create(kCm, "default", ConfigMap("one", "1", {{"app", "x"}})).ok());
  InformerOptions options;
  options.resource = kCm;
  options.ns = "default";
  options.label_selector = "app=x";
  Informer informer(client.get(), options);
  Counter counter;
  informer.AddHandler(&counter);
  informer.Start();
  REQUIRE(informer.WaitForSync(absl::Seconds(10)));
  CHECK(counter.adds == 1);

  REQUIRE(client->Create(kCm, "default", ConfigMap("two", "1", {{"app", "x"}})).ok());
  REQUIRE(client->Create(kCm, "default", ConfigMap("other", "1", {{"app", "y"}})).ok());
  REQUIRE(
      client->Patch(kCm, "default", "one", PatchType::kMerge, {{"data", {{"v", "2"}}}}, {}).ok());
  REQUIRE(client->Delete(kCm, "default", "two", {}).ok());
  CHECK(Eventually([&] { return counter.deletes == 1; }));
  CHECK(counter.adds == 2);
  CHECK(counter.updates == 1);
  CHECK(informer.cache().Size() == 1);
  auto one = informer.cache().Get("default", "one");
  REQUIRE(one.has_value());
  CHECK((*one)["data"]["v"] == "2");
  CHECK_FALSE(informer.cache().Get("default", "other").has_value());
  informer.Stop();
}

TEST_CASE("https: wrong token, wrong CA, skipping verification", "[rest]") {
  Plane plane;
  ClusterConfig config = plane.Config();
  config.bearer_token = "not-the-token";
  auto unauthorized = Plane::ClientWith(config)->Get(kCm, "default", "x");
  CHECK(IsApiUnauthorized(unauthorized.status()));
  CHECK(HttpCodeOf(unauthorized.status()) == 401);

  cp::ControlPlaneOptions other_options;
  other_options.serve_sidecars = false;
  auto other = cp::ControlPlane::Create(other_options);  // another CA, never started
  REQUIRE(other.ok());
  config = plane.Config();
  config.ca_pem = (*other)->ca_certificate_pem();
  auto untrusted = Plane::ClientWith(config)->Get(kCm, "default", "x");
  CHECK(ReasonOf(untrusted.status()) == ErrorReason::kTransport);
  CHECK_THAT(std::string(untrusted.status().message()), Catch::Contains("TLS"));

  config.ca_pem.clear();
  config.insecure_skip_tls_verify = true;
  auto insecure = Plane::ClientWith(config)->List(kCm, "default", {});
  CHECK(insecure.ok());
}

TEST_CASE("https: a configured client certificate and key load and the connection works",
          "[rest]") {
  Plane plane;
  // The local control plane authenticates by token and asks for no client
  // certificate, so this proves the PEMs load into the TLS context and do
  // not disturb the handshake, not that the server checked them.
  auto bundle = cp::GenerateCertificates();
  REQUIRE(bundle.ok());
  ClusterConfig config = plane.Config();
  config.client_certificate_pem = bundle->server_certificate_pem;
  config.client_key_pem = bundle->server_private_key_pem;
  CHECK(Plane::ClientWith(config)->List(kCm, "default", {}).ok());

  config.client_key_pem = bundle->server_certificate_pem;  // not a key
  CHECK(absl::IsInvalidArgument(RestKubeClient::Create(config).status()));
}

TEST_CASE("https: the control plane's kubeconfig, read by ParseKubeconfig, reaches it",
          "[rest][kubeconfig]") {
  Plane plane;
  auto loaded = ParseKubeconfig(cp::RenderKubeconfig(plane.plane->Kubeconfig()), "/");
  REQUIRE(loaded.ok());
  CHECK(loaded->config.server == plane.plane->ServerUrl());
  CHECK(loaded->config.ca_pem == plane.plane->ca_certificate_pem());
  auto client = Plane::ClientWith(loaded->config);
  REQUIRE(client->Create(kCm, loaded->ns, ConfigMap("via-kubeconfig")).ok());
  CHECK(client->Get(kCm, loaded->ns, "via-kubeconfig").ok());
}

TEST_CASE("https: one client shared by many threads", "[rest]") {
  Plane plane;
  auto client = plane.Client();
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10; ++i) {
        std::string name = absl::StrCat("c-", t, "-", i);
        if (!client->Create(kCm, "default", ConfigMap(name)).ok()) ++failures;
        if (!client->Get(kCm, "default", name).ok()) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
  auto list = client->List(kCm, "default", {});
  REQUIRE(list.ok());
  CHECK(list->items.size() == 60);
}

}  // namespace
}  // namespace sei::k8s
