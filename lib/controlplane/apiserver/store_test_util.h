// Shared fixture of the apiserver tests: a registry, a fake clock and a
// store that only moves when the test calls Tick().
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_STORE_TEST_UTIL_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_STORE_TEST_UTIL_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/memory_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"

namespace sei::controlplane::testing {

template <typename T>
T Must(absl::StatusOr<T> result) {
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return *std::move(result);
}

// The HTTP code and reason of a failed call.
template <typename T>
std::pair<int, std::string> ErrorOf(const absl::StatusOr<T>& result) {
  REQUIRE_FALSE(result.ok());
  return {HttpCode(result.status()), Reason(result.status())};
}

inline std::string Rv(const Json& object) {
  return object["metadata"]["resourceVersion"].get<std::string>();
}

struct StoreFixture {
  explicit StoreFixture(StoreOptions options = DefaultOptions()) {
    registry = NewRegistryWithBuiltins();
    options.clock = &clock;
    store = NewObjectStore(registry.get(), options);
  }

  static StoreOptions DefaultOptions() {
    StoreOptions options;
    options.random_seed = 42;
    options.pod_termination_grace = absl::ZeroDuration();
    options.tick_interval = absl::ZeroDuration();
    options.bookmark_interval = absl::Seconds(60);
    return options;
  }

  ResourceKey Key(const std::string& resource, const std::string& ns = "default",
                  const std::string& group = "", const std::string& version = "v1") {
    ResourceKey key;
    key.type = registry->Find(group, version, resource);
    REQUIRE(key.type != nullptr);
    key.ns = key.type->namespaced ? ns : "";
    return key;
  }
  ResourceKey Pods(const std::string& ns = "default") { return Key("pods", ns); }
  ResourceKey ConfigMaps(const std::string& ns = "default") { return Key("configmaps", ns); }
  ResourceKey StatefulSets(const std::string& ns = "default") {
    return Key("statefulsets", ns, "apps");
  }

  Json CreatePod(const std::string& name, Json labels = Json::object(),
                 const std::string& ns = "default") {
    Json pod = {{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"labels", labels}}},
                {"spec", {{"containers", {{{"name", "c"}, {"image", "busybox"}}}}}}};
    return Must(store->Create(Pods(ns), pod, WriteOptions()));
  }

  Json CreateConfigMap(const std::string& name, Json data = {{"k", "v"}},
                       const std::string& ns = "default") {
    Json cm = {{"metadata", {{"name", name}}}, {"data", data}};
    return Must(store->Create(ConfigMaps(ns), cm, WriteOptions()));
  }

  FakeClock clock;
  std::unique_ptr<ResourceRegistry> registry;
  std::unique_ptr<MemoryStore> store;
};

// Collects watch events from the delivery thread.
class EventLog {
 public:
  std::function<void(const WatchEvent&)> Callback() {
    return [this](const WatchEvent& event) {
      absl::MutexLock lock(&mu_);
      events_.push_back(event);
    };
  }

  // Waits (real time, bounded) until at least `n` events arrived.
  std::vector<WatchEvent> WaitFor(size_t n, absl::Duration timeout = absl::Seconds(10)) {
    absl::MutexLock lock(&mu_);
    target_ = n;
    mu_.AwaitWithTimeout(absl::Condition(this, &EventLog::Reached), timeout);
    return events_;
  }

  // Lets in-flight deliveries land, then returns everything so far.
  std::vector<WatchEvent> Settle() {
    absl::SleepFor(absl::Milliseconds(50));
    absl::MutexLock lock(&mu_);
    return events_;
  }

 private:
  bool Reached() const { return events_.size() >= target_; }

  absl::Mutex mu_;
  std::vector<WatchEvent> events_;
  size_t target_ = 0;
};

inline const char* TypeName(WatchEventType type) {
  switch (type) {
    case WatchEventType::kAdded:
      return "ADDED";
    case WatchEventType::kModified:
      return "MODIFIED";
    case WatchEventType::kDeleted:
      return "DELETED";
    case WatchEventType::kBookmark:
      return "BOOKMARK";
    case WatchEventType::kError:
      return "ERROR";
  }
  return "?";
}

// "ADDED a", "DELETED b"…: compact event summaries for REQUIRE.
inline std::vector<std::string> Summaries(const std::vector<WatchEvent>& events) {
  std::vector<std::string> out;
  for (const WatchEvent& event : events) {
    std::string name;
    if (event.object.contains("metadata") && event.object["metadata"].contains("name")) {
      name = event.object["metadata"]["name"].get<std::string>();
    }
    out.push_back(std::string(TypeName(event.type)) + (name.empty() ? "" : " " + name));
  }
  return out;
}

}  // namespace sei::controlplane::testing

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_STORE_TEST_UTIL_H_
