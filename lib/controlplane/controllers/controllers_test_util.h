// Shared fixture of the simulated-cluster tests: a real object store on a
// FakeClock whose timed transitions (pod grace periods) run only when the
// test calls Tick(), plus object builders and lookups.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_CONTROLLERS_TEST_UTIL_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_CONTROLLERS_TEST_UTIL_H_

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/memory_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/controllers/json_fields.h"
#include "lib/controlplane/controllers/simulated_cluster.h"

namespace sei::controlplane::testing {

template <typename T>
T Must(absl::StatusOr<T> result) {
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return *std::move(result);
}

inline void MustOk(const absl::Status& status) {
  INFO(status.ToString());
  REQUIRE(status.ok());
}

struct Fixture {
  // `pod_grace`: how long a deleted pod stays terminating by default.
  explicit Fixture(absl::Duration pod_grace = absl::ZeroDuration()) {
    registry = NewRegistryWithBuiltins();
    StoreOptions options;
    options.clock = &clock;
    options.random_seed = 7;
    options.pod_termination_grace = pod_grace;
    options.tick_interval = absl::ZeroDuration();
    store = NewObjectStore(registry.get(), options);
  }

  ResourceKey Key(const std::string& resource, const std::string& group = "",
                  const std::string& ns = "default") {
    ResourceKey key;
    key.type = registry->Find(group, "v1", resource);
    REQUIRE(key.type != nullptr);
    key.ns = key.type->namespaced ? ns : "";
    return key;
  }
  ResourceKey Pods() { return Key("pods"); }
  ResourceKey Claims() { return Key("persistentvolumeclaims"); }
  ResourceKey Volumes() { return Key("persistentvolumes"); }
  ResourceKey StatefulSets() { return Key("statefulsets", "apps"); }
  ResourceKey Revisions() { return Key("controllerrevisions", "apps"); }
  ResourceKey Jobs() { return Key("jobs", "batch"); }
  ResourceKey ConfigMaps() { return Key("configmaps"); }

  std::optional<Json> Find(const ResourceKey& key, const std::string& name) {
    absl::StatusOr<Json> object = store->Get(key, name);
    if (!object.ok()) {
      REQUIRE(HttpCode(object.status()) == 404);
      return std::nullopt;
    }
    return *object;
  }
  Json Get(const ResourceKey& key, const std::string& name) {
    std::optional<Json> object = Find(key, name);
    INFO(name);
    REQUIRE(object.has_value());
    return *object;
  }
  std::vector<Json> List(const ResourceKey& key, const std::string& label_selector = "") {
    ListOptions options;
    options.label_selector = label_selector;
    Json list = Must(store->List(key, options));
    return list["items"].get<std::vector<Json>>();
  }
  Json Create(const ResourceKey& key, Json object) {
    return Must(store->Create(key, std::move(object), WriteOptions()));
  }
  Json MergePatch(const ResourceKey& key, const std::string& name, const Json& patch) {
    return Must(
        store->Patch(key, name, PatchType::kMerge, patch, Subresource::kNone, PatchOptions()));
  }
  void Delete(const ResourceKey& key, const std::string& name,
              std::optional<int64_t> grace_seconds = std::nullopt,
              Propagation propagation = Propagation::kBackground) {
    DeleteOptions options;
    options.grace_period_seconds = grace_seconds;
    options.propagation = propagation;
    Must(store->Delete(key, name, options));
  }

  // Moves time and runs the store's timed transitions.
  void Advance(absl::Duration d) {
    clock.Advance(d);
    store->Tick();
  }

  FakeClock clock;
  std::unique_ptr<ResourceRegistry> registry;
  std::unique_ptr<MemoryStore> store;
};

// A single-container pod template of a node-like workload.
inline Json PodTemplate(const std::string& app, const std::string& image) {
  return {{"metadata", {{"labels", {{"app", app}}}}},
          {"spec", {{"containers", {{{"name", "main"}, {"image", image}}}}}}};
}

inline Json StatefulSet(const std::string& name, int replicas, const std::string& strategy,
                        const std::string& image = "img:1") {
  Json set = {{"apiVersion", "apps/v1"},
              {"kind", "StatefulSet"},
              {"metadata", {{"name", name}, {"namespace", "default"}}},
              {"spec",
               {{"replicas", replicas},
                {"serviceName", name},
                {"selector", {{"matchLabels", {{"app", name}}}}},
                {"template", PodTemplate(name, image)}}}};
  if (!strategy.empty()) set["spec"]["updateStrategy"] = {{"type", strategy}};
  return set;
}

// Every delay zero: one Step does all that is due (Job runs still take
// `job_run_duration`, 1 s).
inline SimulatedClusterOptions InstantOptions(FakeClock* clock) {
  SimulatedClusterOptions options;
  options.clock = clock;
  options.pod_start_delay = absl::ZeroDuration();
  options.pvc_bind_delay = absl::ZeroDuration();
  options.job_run_duration = absl::Seconds(1);
  return options;
}

inline std::string Phase(const Json& object) { return StringAt(object, {"status", "phase"}); }

inline std::string ConditionStatus(const Json& object, const std::string& type) {
  for (const Json& c : ArrayAt(object, {"status", "conditions"})) {
    if (StringAt(c, {"type"}) == type) return StringAt(c, {"status"});
  }
  return "";
}

inline const Json& ConditionOf(const Json& object, const std::string& type) {
  for (const Json& c : ArrayAt(object, {"status", "conditions"})) {
    if (StringAt(c, {"type"}) == type) return c;
  }
  static const Json* const none = new Json(nullptr);
  return *none;
}

}  // namespace sei::controlplane::testing

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_CONTROLLERS_TEST_UTIL_H_
