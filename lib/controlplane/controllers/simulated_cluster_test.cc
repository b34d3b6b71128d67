// The simulated cluster as a whole: a node's StatefulSet, data volume and
// sidecar readiness together, the sidecar hooks, and the background loop.
#include "lib/controlplane/controllers/simulated_cluster.h"

#include <map>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "lib/controlplane/controllers/controllers_test_util.h"
#include "lib/controlplane/controllers/step_loop.h"

namespace sei::controlplane {
namespace {

using testing::ConditionStatus;
using testing::Fixture;
using testing::MustOk;
using testing::Phase;

// Stands in for the SidecarFleet: a ready flag per node, and a log of
// restarts and removals. Restart drops the ready flag, as the fleet does.
struct FakeFleet {
  bool Ready(const std::string& ns, const std::string& node) { return ready[ns + "/" + node]; }
  void Restart(const std::string& ns, const std::string& node) {
    restarts.push_back(ns + "/" + node);
    ready[ns + "/" + node] = false;
  }
  void Remove(const std::string& ns, const std::string& node) {
    removals.push_back(ns + "/" + node);
  }

  std::map<std::string, bool> ready;
  std::vector<std::string> restarts;
  std::vector<std::string> removals;
};

SimulatedClusterOptions WithFleet(FakeClock* clock, FakeFleet* fleet) {
  SimulatedClusterOptions options = testing::InstantOptions(clock);
  UseSidecars(
      &options,
      [fleet](const std::string& ns, const std::string& node) { return fleet->Ready(ns, node); },
      [fleet](const std::string& ns, const std::string& node) { fleet->Restart(ns, node); },
      [fleet](const std::string& ns, const std::string& node) { fleet->Remove(ns, node); });
  return options;
}

// A node as the operator renders it (reduced): the StatefulSet's pod
// mounts the data claim and its proxy's readiness probe hits the sidecar's
// healthz.
Json NodeStatefulSet(const std::string& node) {
  const Json labels = {{"sei.io/node", node}};
  Json proxy = {{"name", "kube-rbac-proxy"},
                {"image", "proxy"},
                {"restartPolicy", "Always"},
                {"readinessProbe", {{"httpGet", {{"path", "/v0/healthz"}, {"port", 8443}}}}}};
  return {{"metadata", {{"name", node}, {"labels", labels}}},
          {"spec",
           {{"replicas", 1},
            {"serviceName", node},
            {"selector", {{"matchLabels", labels}}},
            {"updateStrategy", {{"type", "OnDelete"}}},
            {"template",
             {{"metadata", {{"labels", labels}}},
              {"spec",
               {{"initContainers", {proxy}},
                {"containers", {{{"name", "seid"}, {"image", "sei:1"}}}},
                {"volumes",
                 {{{"name", "data"},
                   {"persistentVolumeClaim", {{"claimName", "data-" + node}}}}}}}}}}}}};
}

Json DataClaim(const std::string& node) {
  return {{"metadata", {{"name", "data-" + node}, {"labels", {{"sei.io/node", node}}}}},
          {"spec",
           {{"accessModes", {"ReadWriteOnce"}},
            {"storageClassName", "gp3"},
            {"resources", {{"requests", {{"storage", "10Gi"}}}}}}}};
}

TEST_CASE("a node pod waits for its volume, then for its sidecar to be ready", "[cluster]") {
  Fixture f;
  FakeFleet fleet;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), WithFleet(&f.clock, &fleet));
  f.Create(f.StatefulSets(), NodeStatefulSet("node-a"));
  MustOk(cluster.Step());
  CHECK(ConditionStatus(f.Get(f.Pods(), "node-a-0"), "PodScheduled") == "False");
  CHECK(fleet.restarts == std::vector<std::string>{"default/node-a"});

  f.Create(f.Claims(), DataClaim("node-a"));
  MustOk(cluster.Step());
  Json pod = f.Get(f.Pods(), "node-a-0");
  CHECK(Phase(pod) == "Running");
  CHECK(ConditionStatus(pod, "Ready") == "False");  // healthz answers 503
  CHECK(pod["status"]["initContainerStatuses"][0]["ready"] == false);

  fleet.ready["default/node-a"] = true;  // mark-ready
  MustOk(cluster.Step());
  MustOk(cluster.Step());
  CHECK(ConditionStatus(f.Get(f.Pods(), "node-a-0"), "Ready") == "True");
  CHECK(f.Get(f.StatefulSets(), "node-a")["status"]["readyReplicas"] == 1);

  // A replaced pod restarts the sidecar: not ready until marked again.
  const std::string old_uid = f.Get(f.Pods(), "node-a-0")["metadata"]["uid"];
  f.Delete(f.Pods(), "node-a-0");
  MustOk(cluster.Step());
  pod = f.Get(f.Pods(), "node-a-0");
  CHECK(pod["metadata"]["uid"] != old_uid);
  CHECK(fleet.restarts == std::vector<std::string>{"default/node-a", "default/node-a"});
  CHECK(Phase(pod) == "Running");
  CHECK(ConditionStatus(pod, "Ready") == "False");
  CHECK(fleet.removals.empty());  // the volume survived

  // The node is deleted: its claim goes, and the sidecar state with it.
  f.Delete(f.StatefulSets(), "node-a");
  f.Delete(f.Claims(), "data-node-a");
  MustOk(cluster.Step());
  CHECK(fleet.removals == std::vector<std::string>{"default/node-a"});
  CHECK(f.List(f.Volumes()).empty());
}

TEST_CASE("the sidecar gate leaves pods without the healthz probe alone", "[cluster]") {
  FakeFleet fleet;
  const ReadinessGate gate = SidecarReadinessGate(
      [&](const std::string& ns, const std::string& node) { return fleet.Ready(ns, node); });
  Json pod = {{"metadata", {{"namespace", "default"}, {"labels", {{"sei.io/node", "n"}}}}},
              {"spec", {{"containers", {{{"name", "seid"}}}}}}};
  CHECK(gate(pod));  // e.g. the bootstrap Job's pod: its proxy has no probes
  pod["spec"]["containers"][0]["readinessProbe"] = {{"httpGet", {{"path", "/v0/healthz"}}}};
  CHECK_FALSE(gate(pod));
  fleet.ready["default/n"] = true;
  CHECK(gate(pod));
  pod["metadata"]["labels"] = Json::object();
  fleet.ready["default/n"] = false;
  CHECK(gate(pod));  // not a node pod

  std::vector<std::string> restarted;
  const PodHook hook = SidecarRestartHook([&](const std::string& ns, const std::string& node) {
    restarted.push_back(ns + "/" + node);
  });
  hook(pod);
  pod["metadata"]["labels"]["sei.io/node"] = "n";
  hook(pod);
  CHECK(restarted == std::vector<std::string>{"default/n"});
}

TEST_CASE("the bootstrap Job's pod restarts the node's sidecar and is ready", "[cluster]") {
  Fixture f;
  FakeFleet fleet;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), WithFleet(&f.clock, &fleet));
  f.Create(f.Claims(), DataClaim("node-a"));
  f.Create(f.Jobs(), {{"metadata", {{"name", "node-a-bootstrap"}}},
                      {"spec",
                       {{"backoffLimit", 0},
                        {"template",
                         {{"metadata", {{"labels", {{"sei.io/node", "node-a"}}}}},
                          {"spec",
                           {{"restartPolicy", "Never"},
                            {"containers", {{{"name", "seid"}, {"image", "sei:1"}}}},
                            {"volumes",
                             {{{"name", "data"},
                               {"persistentVolumeClaim", {{"claimName", "data-node-a"}}}}}}}}}}}}});
  MustOk(cluster.Step());
  const std::vector<Json> pods = f.List(f.Pods());
  REQUIRE(pods.size() == 1);
  CHECK(ConditionStatus(pods[0], "Ready") == "True");
  CHECK(fleet.restarts == std::vector<std::string>{"default/node-a"});
}

TEST_CASE("Step reports a missing resource type instead of crashing", "[cluster]") {
  // A registry without the built-ins: every controller refuses politely.
  class EmptyRegistry : public ResourceRegistry {
   public:
    const ResourceType* Find(absl::string_view, absl::string_view,
                             absl::string_view) const override {
      return nullptr;
    }
    const ResourceType* FindByKind(absl::string_view, absl::string_view,
                                   absl::string_view) const override {
      return nullptr;
    }
    std::vector<const ResourceType*> All() const override { return {}; }
    absl::Status ServeCustomResource(const nlohmann::json&) override { return absl::OkStatus(); }
    void StopServing(absl::string_view) override {}
  };
  Fixture f;
  EmptyRegistry empty;
  SimulatedCluster cluster(f.store.get(), &empty);
  const absl::Status status = cluster.Step();
  CHECK(status.code() == absl::StatusCode::kFailedPrecondition);
}

// Waits (bounded, on a condition variable, no sleeping) for a predicate
// over pod watch events.
class PodWatcher {
 public:
  explicit PodWatcher(std::function<bool(const Json&)> done) : done_(std::move(done)) {}
  std::function<void(const WatchEvent&)> Callback() {
    return [this](const WatchEvent& event) {
      absl::MutexLock lock(&mu_);
      if (done_(event.object)) reached_ = true;
    };
  }
  bool Wait(absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    return mu_.AwaitWithTimeout(absl::Condition(&reached_), timeout);
  }

 private:
  std::function<bool(const Json&)> done_;
  absl::Mutex mu_;
  bool reached_ = false;
};

TEST_CASE("the background loop converges on its own and stops promptly", "[cluster][loop]") {
  Fixture f;
  SimulatedClusterOptions options;  // real clock for the controllers
  options.pod_start_delay = absl::ZeroDuration();
  options.pvc_bind_delay = absl::ZeroDuration();
  options.resync_interval = absl::Seconds(30);  // only watch events can wake it in time
  SimulatedCluster cluster(f.store.get(), f.registry.get(), options);
  CHECK(cluster.Name() == "simulated-cluster");
  PodWatcher watcher([](const Json& pod) {
    return NameOf(pod) == "node-0" && ConditionStatus(pod, "Ready") == "True";
  });
  auto watch = testing::Must(f.store->Watch(f.Pods(), WatchOptions(), watcher.Callback()));
  cluster.Start();
  f.Create(f.StatefulSets(), testing::StatefulSet("node", 1, "OnDelete"));
  CHECK(watcher.Wait(absl::Seconds(10)));
  const absl::Time before = absl::Now();
  cluster.Stop();
  CHECK(absl::Now() - before < absl::Seconds(1));
  cluster.Stop();  // idempotent
}

TEST_CASE("a StepLoop steps on watch events and on its interval", "[loop]") {
  Fixture f;
  absl::Mutex mu;
  int steps = 0;
  StepLoopOptions options;
  options.name = "test-loop";
  options.interval = absl::Seconds(30);
  options.watched = {f.Pods().type};
  StepLoop loop(f.store.get(), options, [&] {
    absl::MutexLock lock(&mu);
    ++steps;
    return absl::OkStatus();
  });
  CHECK(loop.Name() == "test-loop");
  loop.Start();
  {
    // The first step runs at once (the loop starts dirty).
    absl::MutexLock lock(&mu);
    CHECK(mu.AwaitWithTimeout(absl::Condition(
                                  +[](int* n) { return *n >= 1; }, &steps),
                              absl::Seconds(10)));
  }
  f.Create(f.Pods(), {{"metadata", {{"name", "p"}}},
                      {"spec", {{"containers", {{{"name", "c"}, {"image", "i"}}}}}}});
  {
    absl::MutexLock lock(&mu);
    CHECK(mu.AwaitWithTimeout(absl::Condition(
                                  +[](int* n) { return *n >= 2; }, &steps),
                              absl::Seconds(10)));
  }
  const absl::Time before = absl::Now();
  loop.Stop();
  CHECK(absl::Now() - before < absl::Seconds(1));
  CHECK(loop.last_status().ok());
  CHECK(loop.steps() >= 2);
}

}  // namespace
}  // namespace sei::controlplane
