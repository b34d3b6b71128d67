// The informer against FakeKubeClient: initial list, live events, resume
// after a normal end, re-list on 410 with the differences reported, and
// backoff after errors.
#include "lib/k8s/informer.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"

namespace sei::k8s {
namespace {

const Resource& kCm = resources::kConfigMap;

Object ConfigMap(const std::string& name, const std::string& value,
                 Object labels = Object::object()) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "default"}, {"labels", labels}}},
          {"data", {{"v", value}}}};
}

// Records every handler call as "add:name", "update:name:old->new",
// "delete:name", and lets tests wait for a count.
class Recorder : public ResourceEventHandler {
 public:
  void OnAdd(const Object& object) override { Record("add:" + Name(object)); }
  void OnUpdate(const Object& old_object, const Object& new_object) override {
    Record("update:" + Name(new_object) + ":" + Value(old_object) + "->" + Value(new_object));
  }
  void OnDelete(const Object& object) override { Record("delete:" + Name(object)); }

  bool WaitFor(size_t count, absl::Duration timeout = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    auto enough = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return events_.size() >= count; };
    return mu_.AwaitWithTimeout(absl::Condition(&enough), timeout);
  }
  std::vector<std::string> Events() {
    absl::MutexLock lock(&mu_);
    return events_;
  }

 private:
  static std::string Name(const Object& o) { return o["metadata"]["name"].get<std::string>(); }
  static std::string Value(const Object& o) {
    return o.contains("data") ? o["data"].value("v", "") : "";
  }
  void Record(std::string event) {
    absl::MutexLock lock(&mu_);
    events_.push_back(std::move(event));
  }
  absl::Mutex mu_;
  std::vector<std::string> events_ ABSL_GUARDED_BY(mu_);
};

// A WatchStream the test can end from outside, as a server timeout would.
class SharedStream : public WatchStream {
 public:
  explicit SharedStream(std::shared_ptr<WatchStream> inner) : inner_(std::move(inner)) {}
  absl::StatusOr<std::optional<WatchEvent>> Next() override { return inner_->Next(); }
  void Cancel() override { inner_->Cancel(); }

 private:
  std::shared_ptr<WatchStream> inner_;
};

// FakeKubeClient, except that watches can be ended by the test and held
// back at a gate before they reach the store.
class GatedClient : public FakeKubeClient {
 public:
  absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource, absl::string_view ns,
                                                     const ListOptions& options) override {
    {
      absl::MutexLock lock(&mu_);
      ++waiting_;
      mu_.Await(absl::Condition(&open_));
      --waiting_;
      watch_resource_versions_.push_back(options.resource_version);
    }
    absl::StatusOr<std::unique_ptr<WatchStream>> inner =
        FakeKubeClient::Watch(resource, ns, options);
    if (!inner.ok()) return inner.status();
    std::shared_ptr<WatchStream> shared(std::move(*inner));
    absl::MutexLock lock(&mu_);
    current_ = shared;
    ++opened_;
    return std::unique_ptr<WatchStream>(new SharedStream(shared));
  }

  void Open() {
    absl::MutexLock lock(&mu_);
    open_ = true;
  }
  // Waits until a watch call is held at the closed gate.
  bool WaitForHeldWatch() {
    absl::MutexLock lock(&mu_);
    auto held = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return waiting_ > 0; };
    return mu_.AwaitWithTimeout(absl::Condition(&held), absl::Seconds(10));
  }
  // Waits for the `n`th watch to be open, then ends it normally and holds
  // the next one at the gate until Open().
  bool EndWatchAndHoldNext(int n) {
    absl::MutexLock lock(&mu_);
    auto opened = [this, n]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return opened_ >= n; };
    if (!mu_.AwaitWithTimeout(absl::Condition(&opened), absl::Seconds(10))) return false;
    open_ = false;
    current_->Cancel();
    return true;
  }
  std::vector<std::string> WatchResourceVersions() {
    absl::MutexLock lock(&mu_);
    return watch_resource_versions_;
  }

 private:
  absl::Mutex mu_;
  bool open_ ABSL_GUARDED_BY(mu_) = true;
  int waiting_ ABSL_GUARDED_BY(mu_) = 0;
  int opened_ ABSL_GUARDED_BY(mu_) = 0;
  std::shared_ptr<WatchStream> current_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> watch_resource_versions_ ABSL_GUARDED_BY(mu_);
};

InformerOptions Options() {
  InformerOptions options;
  options.resource = kCm;
  options.ns = "default";
  options.initial_backoff = absl::Milliseconds(10);
  options.max_backoff = absl::Milliseconds(40);
  return options;
}

TEST_CASE("informer: initial list, then live events in order", "[informer]") {
  FakeKubeClient client;
  client.Seed(kCm, ConfigMap("a", "1"));
  client.Seed(kCm, ConfigMap("b", "1"));
  Informer informer(&client, Options());
  Recorder recorder;
  informer.AddHandler(&recorder);
  CHECK_FALSE(informer.HasSynced());
  informer.Start();
  REQUIRE(informer.WaitForSync(absl::Seconds(10)));
  REQUIRE(recorder.WaitFor(2));
  CHECK(recorder.Events() == std::vector<std::string>{"add:a", "add:b"});
  CHECK(informer.cache().Size() == 2);

  REQUIRE(client.Create(kCm, "default", ConfigMap("c", "1")).ok());
  REQUIRE(client.Patch(kCm, "default", "a", PatchType::kMerge, {{"data", {{"v", "2"}}}}, {}).ok());
  REQUIRE(client.Delete(kCm, "default", "b", {}).ok());
  REQUIRE(recorder.WaitFor(5));
  CHECK(recorder.Events() ==
        std::vector<std::string>{"add:a", "add:b", "add:c", "update:a:1->2", "delete:b"});
  CHECK(informer.cache().Get("default", "a").value()["data"]["v"] == "2");
  CHECK_FALSE(informer.cache().Get("default", "b").has_value());
  CHECK(client.Calls(Verb::kList, kCm) == 1);
  // The delete was the last change the store made.
  CHECK(informer.LastResourceVersion() == client.List(kCm, "default", {})->resource_version);
  informer.Stop();
}

TEST_CASE("informer: a normal end resumes from the last resourceVersion without a re-list",
          "[informer]") {
  GatedClient client;
  client.Seed(kCm, ConfigMap("a", "1"));
  Informer informer(&client, Options());
  Recorder recorder;
  informer.AddHandler(&recorder);
  informer.Start();
  REQUIRE(recorder.WaitFor(1));
  REQUIRE(client.Patch(kCm, "default", "a", PatchType::kMerge, {{"data", {{"v", "2"}}}}, {}).ok());
  REQUIRE(recorder.WaitFor(2));
  std::string seen = informer.LastResourceVersion();

  REQUIRE(client.EndWatchAndHoldNext(1));
  REQUIRE(client.WaitForHeldWatch());
  // Changed while no watch is open: the resumed watch must replay it.
  REQUIRE(client.Patch(kCm, "default", "a", PatchType::kMerge, {{"data", {{"v", "3"}}}}, {}).ok());
  client.Open();
  REQUIRE(recorder.WaitFor(3));
  CHECK(recorder.Events() == std::vector<std::string>{"add:a", "update:a:1->2", "update:a:2->3"});
  std::vector<std::string> versions = client.WatchResourceVersions();
  REQUIRE(versions.size() == 2);
  CHECK(versions[1] == seen);
  CHECK(client.Calls(Verb::kList, kCm) == 1);
  informer.Stop();
}

TEST_CASE("informer: 410 Gone re-lists and reports the differences", "[informer]") {
  GatedClient client;
  client.Seed(kCm, ConfigMap("kept", "1"));
  client.Seed(kCm, ConfigMap("changed", "1"));
  client.Seed(kCm, ConfigMap("removed", "1"));
  Informer informer(&client, Options());
  Recorder recorder;
  informer.AddHandler(&recorder);
  informer.Start();
  REQUIRE(recorder.WaitFor(3));

  REQUIRE(client.EndWatchAndHoldNext(1));
  REQUIRE(client.WaitForHeldWatch());
  REQUIRE(client.Patch(kCm, "default", "changed", PatchType::kMerge, {{"data", {{"v", "2"}}}}, {})
              .ok());
  REQUIRE(client.Delete(kCm, "default", "removed", {}).ok());
  REQUIRE(client.Create(kCm, "default", ConfigMap("added", "1")).ok());
  // The held watch finds its resourceVersion expired.
  client.FailNext(Verb::kWatch, kCm, ApiError(ErrorReason::kGone, 410, "too old resource version"));
  client.Open();
  REQUIRE(recorder.WaitFor(6));
  std::vector<std::string> events = recorder.Events();
  std::vector<std::string> after_relist(events.begin() + 3, events.end());
  std::sort(after_relist.begin(), after_relist.end());
  CHECK(after_relist ==
        std::vector<std::string>{"add:added", "delete:removed", "update:changed:1->2"});
  CHECK(client.Calls(Verb::kList, kCm) == 2);
  CHECK(informer.cache().Size() == 3);

  // And it watches on from the new list.
  REQUIRE(client.Delete(kCm, "default", "kept", {}).ok());
  REQUIRE(recorder.WaitFor(7));
  CHECK(recorder.Events().back() == "delete:kept");
  informer.Stop();
}

TEST_CASE("informer: a 410 ERROR event inside the stream also re-lists", "[informer]") {
  GatedClient client;  // its store keeps the last 1000 changes
  client.Seed(kCm, ConfigMap("busy", "0"));
  Informer informer(&client, Options());
  Recorder recorder;
  informer.AddHandler(&recorder);
  informer.Start();
  REQUIRE(recorder.WaitFor(1));
  REQUIRE(client.EndWatchAndHoldNext(1));
  REQUIRE(client.WaitForHeldWatch());
  // More changes than the window holds while no watch is open: the resumed
  // watch opens fine and then gets ERROR 410 Expired as its first event.
  for (int i = 1; i <= 1100; ++i) {
    REQUIRE(client
                .Patch(kCm, "default", "busy", PatchType::kMerge,
                       {{"data", {{"v", std::to_string(i)}}}}, {})
                .ok());
  }
  client.Open();
  REQUIRE(recorder.WaitFor(2));
  CHECK(recorder.Events()[1] == "update:busy:0->1100");
  CHECK(client.Calls(Verb::kList, kCm) == 2);
  CHECK(informer.LastError().ok());  // the re-list succeeded
  informer.Stop();
}

TEST_CASE("informer: errors are retried with backoff and reported until a success", "[informer]") {
  FakeKubeClient client;
  client.Seed(kCm, ConfigMap("a", "1"));
  client.FailNext(Verb::kList, kCm, ApiError(ErrorReason::kTransport, 0, "connection refused"));
  client.FailNext(Verb::kList, kCm, ApiError(ErrorReason::kInternal, 500, "etcd"));
  client.FailNext(Verb::kWatch, kCm, ApiError(ErrorReason::kForbidden, 403, "no watch for you"));
  Informer informer(&client, Options());
  Recorder recorder;
  informer.AddHandler(&recorder);
  informer.Start();
  REQUIRE(informer.WaitForSync(absl::Seconds(10)));
  CHECK(client.Calls(Verb::kList, kCm) == 3);
  REQUIRE(client.Create(kCm, "default", ConfigMap("b", "1")).ok());
  REQUIRE(recorder.WaitFor(2));
  CHECK(client.Calls(Verb::kWatch, kCm) == 2);  // the forbidden one, then the one that worked
  CHECK(client.Calls(Verb::kList, kCm) == 3);   // a failed watch open is no reason to re-list
  informer.Stop();
}

TEST_CASE("informer: label selector narrows the cache, Stop is prompt and idempotent",
          "[informer]") {
  FakeKubeClient client;
  client.Seed(kCm, ConfigMap("web", "1", {{"app", "web"}}));
  client.Seed(kCm, ConfigMap("db", "1", {{"app", "db"}}));
  InformerOptions options = Options();
  options.label_selector = "app=web";
  Informer informer(&client, options);
  informer.Start();
  REQUIRE(informer.WaitForSync(absl::Seconds(10)));
  CHECK(informer.cache().Size() == 1);
  CHECK(informer.cache().Get("default", "web").has_value());
  absl::Time before = absl::Now();
  informer.Stop();
  informer.Stop();
  CHECK(absl::Now() - before < absl::Seconds(5));
}

TEST_CASE("informer: never synced while the list keeps failing", "[informer]") {
  FakeKubeClient client;
  for (int i = 0; i < 100; ++i) {
    client.FailNext(Verb::kList, kCm, ApiError(ErrorReason::kUnauthorized, 401, "bad token"));
  }
  Informer informer(&client, Options());
  informer.Start();
  CHECK_FALSE(informer.WaitForSync(absl::Milliseconds(200)));
  CHECK(IsApiUnauthorized(informer.LastError()));
  int calls = client.Calls(Verb::kList, kCm);
  CHECK(calls >= 2);
  CHECK(calls < 30);  // backoff, not a hot loop (max 40 ms here)
  informer.Stop();
}

}  // namespace
}  // namespace sei::k8s
