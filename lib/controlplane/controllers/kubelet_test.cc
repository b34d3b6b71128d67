// The simulated kubelet: placement, start delay, readiness gate, terminating
// pods, volumes and the new-pod hook.
#include "lib/controlplane/controllers/kubelet.h"

#include <string>
#include <vector>

#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/controllers/controllers_test_util.h"
#include "lib/controlplane/controllers/pvc_provisioner.h"

namespace sei::controlplane {
namespace {

using testing::ConditionOf;
using testing::ConditionStatus;
using testing::Fixture;
using testing::MustOk;
using testing::Phase;

KubeletOptions Options(FakeClock* clock, absl::Duration delay = absl::ZeroDuration()) {
  KubeletOptions options;
  options.clock = clock;
  options.start_delay = delay;
  return options;
}

Json Pod(const std::string& name, Json volumes = Json::array()) {
  Json pod = {
      {"metadata", {{"name", name}}},
      {"spec",
       {{"containers",
         {{{"name", "app"}, {"image", "img:1"}}, {{"name", "helper"}, {"image", "img:h"}}}}}}};
  if (!volumes.empty()) pod["spec"]["volumes"] = volumes;
  return pod;
}

Json ClaimVolume(const std::string& claim) {
  return Json::array({{{"name", "data"}, {"persistentVolumeClaim", {{"claimName", claim}}}}});
}

Json Claim(const std::string& name) {
  return {
      {"metadata", {{"name", name}}},
      {"spec",
       {{"accessModes", {"ReadWriteOnce"}}, {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}};
}

TEST_CASE("a pod runs after the start delay with the kubelet's status", "[kubelet]") {
  Fixture f;
  Kubelet kubelet(f.store.get(), f.registry.get(), Options(&f.clock, absl::Milliseconds(200)));
  const Json created = f.Create(f.Pods(), Pod("p"));
  CHECK(Phase(created) == "Pending");
  MustOk(kubelet.Step());
  Json pod = f.Get(f.Pods(), "p");
  CHECK(Phase(pod) == "Pending");
  CHECK(ConditionStatus(pod, "PodScheduled") == "True");
  CHECK(ConditionStatus(pod, "Ready") == "False");
  CHECK(pod["status"]["containerStatuses"][0]["state"]["waiting"]["reason"] == "ContainerCreating");

  f.Advance(absl::Milliseconds(199));
  MustOk(kubelet.Step());
  CHECK(Phase(f.Get(f.Pods(), "p")) == "Pending");
  f.Advance(absl::Milliseconds(1));
  MustOk(kubelet.Step());
  pod = f.Get(f.Pods(), "p");
  CHECK(Phase(pod) == "Running");
  for (const char* type :
       {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
    CHECK(ConditionStatus(pod, type) == "True");
  }
  const Json& status = pod["status"];
  CHECK(status["podIP"].get<std::string>().rfind("127.", 0) == 0);
  CHECK(status["podIP"] != "127.0.0.1");
  CHECK(status["hostIP"] == "127.0.0.1");
  CHECK(status["startTime"] == FormatTimestamp(f.clock.Now() - absl::Milliseconds(200)));
  REQUIRE(status["containerStatuses"].size() == 2);
  for (const Json& container : status["containerStatuses"]) {
    CHECK(container["ready"] == true);
    CHECK(container["restartCount"] == 0);
    CHECK(container["started"] == true);
    CHECK(container["state"]["running"]["startedAt"] == FormatTimestamp(f.clock.Now()));
  }
  CHECK(status["containerStatuses"][1]["name"] == "helper");

  // Nothing changed: nothing written.
  const std::string rv = pod["metadata"]["resourceVersion"];
  f.Advance(absl::Seconds(5));
  MustOk(kubelet.Step());
  CHECK(f.Get(f.Pods(), "p")["metadata"]["resourceVersion"] == rv);

  // Each pod its own address.
  f.Create(f.Pods(), Pod("q"));
  MustOk(kubelet.Step());
  f.Advance(absl::Milliseconds(200));
  MustOk(kubelet.Step());
  CHECK(f.Get(f.Pods(), "q")["status"]["podIP"] != status["podIP"]);
}

TEST_CASE("readiness follows the gate, both ways", "[kubelet]") {
  Fixture f;
  KubeletOptions options = Options(&f.clock);
  bool open = false;
  options.readiness_gate = [&](const Json& pod) { return open && NameOf(pod) == "p"; };
  Kubelet kubelet(f.store.get(), f.registry.get(), options);
  Json with_probe = Pod("p");
  with_probe["spec"]["containers"][0]["readinessProbe"] = {
      {"httpGet", {{"path", "/ready"}, {"port", 80}}}};
  f.Create(f.Pods(), with_probe);
  MustOk(kubelet.Step());
  Json pod = f.Get(f.Pods(), "p");
  CHECK(Phase(pod) == "Running");
  CHECK(ConditionStatus(pod, "Ready") == "False");
  CHECK(ConditionStatus(pod, "ContainersReady") == "False");
  CHECK(ConditionOf(pod, "Ready")["message"] == "containers with unready status: [app]");
  // Only the probed container waits for the gate.
  CHECK(pod["status"]["containerStatuses"][0]["ready"] == false);
  CHECK(pod["status"]["containerStatuses"][1]["ready"] == true);

  open = true;
  f.Advance(absl::Seconds(3));
  MustOk(kubelet.Step());
  pod = f.Get(f.Pods(), "p");
  CHECK(ConditionStatus(pod, "Ready") == "True");
  CHECK(ConditionOf(pod, "Ready")["lastTransitionTime"] == FormatTimestamp(f.clock.Now()));
  CHECK(pod["status"]["containerStatuses"][0]["ready"] == true);

  open = false;
  f.Advance(absl::Seconds(3));
  MustOk(kubelet.Step());
  pod = f.Get(f.Pods(), "p");
  CHECK(ConditionStatus(pod, "Ready") == "False");
  CHECK(ConditionOf(pod, "Ready")["lastTransitionTime"] == FormatTimestamp(f.clock.Now()));
  // Unflipped conditions keep their transition time.
  CHECK(ConditionOf(pod, "PodScheduled")["lastTransitionTime"] ==
        FormatTimestamp(f.clock.Now() - absl::Seconds(6)));
}

TEST_CASE("a terminating pod is not ready and goes when its grace period ends", "[kubelet]") {
  Fixture f(absl::Seconds(10));
  Kubelet kubelet(f.store.get(), f.registry.get(), Options(&f.clock));
  f.Create(f.Pods(), Pod("p"));
  MustOk(kubelet.Step());
  REQUIRE(ConditionStatus(f.Get(f.Pods(), "p"), "Ready") == "True");
  f.Delete(f.Pods(), "p");
  MustOk(kubelet.Step());
  const Json pod = f.Get(f.Pods(), "p");
  CHECK(Phase(pod) == "Running");
  CHECK(ConditionStatus(pod, "Ready") == "False");
  CHECK(pod["metadata"]["deletionGracePeriodSeconds"] == 10);
  f.Advance(absl::Seconds(10));
  MustOk(kubelet.Step());
  CHECK_FALSE(f.Find(f.Pods(), "p").has_value());
}

TEST_CASE("a pod whose claim is missing or unbound is not scheduled", "[kubelet]") {
  Fixture f;
  Kubelet kubelet(f.store.get(), f.registry.get(), Options(&f.clock));
  PvcProvisionerOptions provisioner_options;
  provisioner_options.clock = &f.clock;
  provisioner_options.bind_delay = absl::Seconds(5);
  PvcProvisioner provisioner(f.store.get(), f.registry.get(), provisioner_options);

  f.Create(f.Pods(), Pod("p", ClaimVolume("data-p")));
  MustOk(kubelet.Step());
  Json pod = f.Get(f.Pods(), "p");
  CHECK(Phase(pod) == "Pending");
  CHECK(ConditionStatus(pod, "PodScheduled") == "False");
  CHECK(ConditionOf(pod, "PodScheduled")["reason"] == "Unschedulable");
  CHECK(ConditionOf(pod, "PodScheduled")["message"].get<std::string>().find(
            "persistentvolumeclaim \"data-p\" not found") != std::string::npos);

  f.Create(f.Claims(), Claim("data-p"));
  MustOk(provisioner.Step());
  MustOk(kubelet.Step());
  CHECK(ConditionOf(f.Get(f.Pods(), "p"), "PodScheduled")["message"].get<std::string>().find(
            "pod has unbound immediate PersistentVolumeClaims") != std::string::npos);

  f.Advance(absl::Seconds(5));
  MustOk(provisioner.Step());
  MustOk(kubelet.Step());
  pod = f.Get(f.Pods(), "p");
  CHECK(Phase(pod) == "Running");
  CHECK(ConditionStatus(pod, "Ready") == "True");
}

TEST_CASE("containers wait for their configMap and secret volumes", "[kubelet]") {
  Fixture f;
  Kubelet kubelet(f.store.get(), f.registry.get(), Options(&f.clock));
  f.Create(f.Pods(),
           Pod("p", Json::array({{{"name", "cfg"}, {"configMap", {{"name", "cm"}}}},
                                 {{"name", "opt"},
                                  {"secret", {{"secretName", "absent"}, {"optional", true}}}}})));
  MustOk(kubelet.Step());
  Json pod = f.Get(f.Pods(), "p");
  CHECK(Phase(pod) == "Pending");
  CHECK(ConditionStatus(pod, "PodScheduled") == "True");
  f.Create(f.ConfigMaps(), {{"metadata", {{"name", "cm"}}}, {"data", {{"k", "v"}}}});
  MustOk(kubelet.Step());
  CHECK(Phase(f.Get(f.Pods(), "p")) == "Running");
}

TEST_CASE("a ReadWriteOnce claim is mounted by one running pod at a time", "[kubelet]") {
  Fixture f(absl::Seconds(5));
  Kubelet kubelet(f.store.get(), f.registry.get(), Options(&f.clock));
  PvcProvisionerOptions provisioner_options;
  provisioner_options.clock = &f.clock;
  provisioner_options.bind_delay = absl::ZeroDuration();
  PvcProvisioner provisioner(f.store.get(), f.registry.get(), provisioner_options);
  f.Create(f.Claims(), Claim("data"));
  MustOk(provisioner.Step());
  f.Create(f.Pods(), Pod("old", ClaimVolume("data")));
  f.Create(f.Pods(), Pod("new", ClaimVolume("data")));
  MustOk(kubelet.Step());
  CHECK(Phase(f.Get(f.Pods(), "new")) == "Running");  // listed first (name order)
  CHECK(Phase(f.Get(f.Pods(), "old")) == "Pending");

  // Terminating, the holder keeps the volume until it is gone.
  f.Delete(f.Pods(), "new");
  MustOk(kubelet.Step());
  CHECK(Phase(f.Get(f.Pods(), "old")) == "Pending");
  f.Advance(absl::Seconds(5));
  MustOk(kubelet.Step());
  CHECK(Phase(f.Get(f.Pods(), "old")) == "Running");
}

TEST_CASE("the kubelet calls the new-pod hook for pods no controller created", "[kubelet]") {
  Fixture f;
  KubeletOptions options = Options(&f.clock);
  std::vector<std::string> seen;
  options.on_new_pod = [&](const Json& pod) { seen.push_back(NameOf(pod)); };
  Kubelet kubelet(f.store.get(), f.registry.get(), options);
  f.Create(f.Pods(), Pod("bare"));
  Json owned = Pod("web-0");
  owned["metadata"]["ownerReferences"] = {{{"apiVersion", "apps/v1"},
                                           {"kind", "StatefulSet"},
                                           {"name", "web"},
                                           {"uid", "u-1"},
                                           {"controller", true}}};
  f.Create(f.Pods(), owned);
  MustOk(kubelet.Step());
  MustOk(kubelet.Step());
  CHECK(seen == std::vector<std::string>{"bare"});
}

TEST_CASE("init containers: regular ones complete, native sidecars run", "[kubelet]") {
  Fixture f;
  Kubelet kubelet(f.store.get(), f.registry.get(), Options(&f.clock));
  Json pod = Pod("p");
  pod["spec"]["initContainers"] = {
      {{"name", "init"}, {"image", "i"}},
      {{"name", "sidecar"}, {"image", "s"}, {"restartPolicy", "Always"}}};
  f.Create(f.Pods(), pod);
  MustOk(kubelet.Step());
  const Json status = f.Get(f.Pods(), "p")["status"];
  CHECK(status["initContainerStatuses"][0]["state"]["terminated"]["reason"] == "Completed");
  CHECK(status["initContainerStatuses"][1]["state"].contains("running"));
  CHECK(status["initContainerStatuses"][1]["ready"] == true);
}

}  // namespace
}  // namespace sei::controlplane
