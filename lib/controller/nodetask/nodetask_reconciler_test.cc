// The SeiNodeTask reconciler against the in-memory apiserver and scripted
// sidecars: synthesis is persisted before any side effect, a sidecar kind is
// submitted once and polled to completion, RestartPod deletes exactly the
// named pod and completes when a new Ready pod exists, the target gate times
// out, and a stale status write is a conflict.
#include "lib/controller/nodetask/nodetask_reconciler.h"

#include <catch2/catch.hpp>

#include "lib/controller/common/object_codec.h"
#include "lib/controller/testing/recording_reporter.h"
#include "lib/controller/testing/scripted_sidecar.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/platform/test_platform_config.h"

namespace sei::controller {
namespace {

using k8s::Object;
namespace res = k8s::resources;

Object Target(const std::string& phase) {
  return {{"apiVersion", "sei.io/v1alpha1"},
          {"kind", "SeiNode"},
          {"metadata", {{"name", "val-0"}, {"namespace", "default"}}},
          {"spec",
           {{"chainId", "atlantic-2"},
            {"image", "seid:1"},
            {"peers", {{{"static", {{"addresses", {"ab@sentry-0.example.net:26656"}}}}}}},
            {"fullNode", Object::object()}}},
          {"status", {{"phase", phase}}}};
}

Object Task(const std::string& name, Object spec) {
  return {{"apiVersion", "sei.io/v1alpha1"},
          {"kind", "SeiNodeTask"},
          {"metadata", {{"name", name}, {"namespace", "default"}}},
          {"spec", spec}};
}

struct Harness {
  k8s::FakeKubeClient kube;
  testing::ScriptedSidecars sidecars;
  testing::RecordingTaskReporter reporter;
  tasks::PlatformConfig platform = sei::tasks::testing::TestPlatformConfig();
  absl::Time now = absl::FromUnixSeconds(1767225600);

  NodeTaskReconciler Reconciler() {
    NodeTaskReconcilerDeps deps;
    deps.kube = &kube;
    deps.sidecars = &sidecars;
    deps.platform = &platform;
    deps.reporter = &reporter;
    deps.clock = [this] { return now; };
    return NodeTaskReconciler(deps);
  }

  void SeedTarget(const std::string& phase) {
    Object target = Target(phase);
    Object status = target["status"];
    target.erase("status");
    kube.Seed(res::kSeiNode, target);
    kube.SeedStatus(res::kSeiNode, "default", "val-0", status);
  }

  v1alpha1::SeiNodeTask Read(const std::string& name) {
    v1alpha1::SeiNodeTask task;
    REQUIRE(DecodeObject(*kube.Get(res::kSeiNodeTask, "default", name), &task).ok());
    return task;
  }
};

TEST_CASE("DiscoverPeers: synthesis first, then one submission polled to completion") {
  Harness h;
  h.SeedTarget("Running");
  h.kube.Seed(res::kSeiNodeTask, Task("refresh", {{"kind", "DiscoverPeers"},
                                                  {"target", {{"nodeRef", {{"name", "val-0"}}}}},
                                                  {"discoverPeers", Object::object()}}));
  NodeTaskReconciler r = h.Reconciler();

  ReconcileResult first = r.Reconcile("default", "refresh");
  REQUIRE(first.error.ok());
  v1alpha1::SeiNodeTask synthesized = h.Read("refresh");
  CHECK(synthesized.status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  CHECK_FALSE(synthesized.status().task().id().empty());
  CHECK(h.sidecars.SubmitCalls("default", "val-0") == 0);  // no side effect yet

  for (int i = 0; i < 5 && h.Read("refresh").status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING;
       ++i) {
    h.now += absl::Seconds(15);
    REQUIRE(r.Reconcile("default", "refresh").error.ok());
  }
  v1alpha1::SeiNodeTask done = h.Read("refresh");
  CHECK(done.status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE);
  CHECK(h.sidecars.SubmittedTypes("default", "val-0") ==
        std::vector<std::string>{"discover-peers"});
  CHECK(h.reporter.lines.back() == "phase Running->Complete");
  // A terminal task is never written again.
  h.kube.ResetCounts();
  ReconcileResult after = r.Reconcile("default", "refresh");
  CHECK_FALSE(after.requeue_after.has_value());
  CHECK(h.kube.Writes() == 0);
}

TEST_CASE("a missing target fails the task with TargetResolveFailed") {
  Harness h;
  h.kube.Seed(res::kSeiNodeTask, Task("orphan", {{"kind", "DiscoverPeers"},
                                                 {"target", {{"nodeRef", {{"name", "nobody"}}}}},
                                                 {"discoverPeers", Object::object()}}));
  NodeTaskReconciler r = h.Reconciler();
  REQUIRE(r.Reconcile("default", "orphan").error.ok());
  CHECK(h.Read("orphan").status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(std::find(h.reporter.lines.begin(), h.reporter.lines.end(),
                  "event Warning TargetResolveFailed") != h.reporter.lines.end());
}

TEST_CASE("the requirePhase gate waits, then times out") {
  Harness h;
  h.SeedTarget("Initializing");
  h.kube.Seed(
      res::kSeiNodeTask,
      Task("wait", {{"kind", "DiscoverPeers"},
                    {"target", {{"nodeRef", {{"name", "val-0"}}}, {"requirePhaseTimeout", "1m"}}},
                    {"discoverPeers", Object::object()}}));
  NodeTaskReconciler r = h.Reconciler();
  ReconcileResult waiting = r.Reconcile("default", "wait");
  REQUIRE(waiting.requeue_after.has_value());
  CHECK(*waiting.requeue_after == absl::Seconds(5));
  CHECK(h.Read("wait").status().phase() != v1alpha1::NODE_TASK_PHASE_FAILED);
  h.now += absl::Minutes(2);
  REQUIRE(r.Reconcile("default", "wait").error.ok());
  CHECK(h.Read("wait").status().phase() == v1alpha1::NODE_TASK_PHASE_FAILED);
  CHECK(h.sidecars.SubmitCalls("default", "val-0") == 0);
}

TEST_CASE("RestartPod deletes exactly the named pod and completes on a new Ready pod") {
  Harness h;
  h.SeedTarget("Running");
  Object sts = h.kube.Seed(res::kStatefulSet, Object::parse(R"({
      "apiVersion": "apps/v1", "kind": "StatefulSet",
      "metadata": {"name": "val-0", "namespace": "default"},
      "spec": {"replicas": 1, "serviceName": "val-0",
               "selector": {"matchLabels": {"sei.io/node": "val-0"}},
               "template": {"metadata": {"labels": {"sei.io/node": "val-0"}},
                            "spec": {"containers": [{"name": "seid", "image": "seid:1"}]}}}})"));
  auto seed_pod = [&](const std::string& name) {
    Object pod = Object::parse(R"({
        "apiVersion": "v1", "kind": "Pod",
        "metadata": {"namespace": "default", "labels": {"sei.io/node": "val-0"},
                     "ownerReferences": [{"apiVersion": "apps/v1", "kind": "StatefulSet",
                                          "name": "val-0", "controller": true}]},
        "spec": {"containers": [{"name": "seid", "image": "seid:1"}]}})");
    pod["metadata"]["name"] = name;
    pod["metadata"]["ownerReferences"][0]["uid"] = sts["metadata"]["uid"];
    pod = h.kube.Seed(res::kPod, pod);
    h.kube.SeedStatus(res::kPod, "default", name, Object::parse(R"({"phase": "Running",
                                        "conditions": [{"type": "Ready", "status": "True"}]})"));
    return pod["metadata"]["uid"].get<std::string>();
  };
  const std::string old_uid = seed_pod("val-0-0");
  h.kube.Seed(res::kSeiNodeTask, Task("restart", {{"kind", "RestartPod"},
                                                  {"target", {{"nodeRef", {{"name", "val-0"}}}}},
                                                  {"restartPod", {{"podUID", old_uid}}}}));
  NodeTaskReconciler r = h.Reconciler();
  REQUIRE(r.Reconcile("default", "restart").error.ok());  // synthesis
  CHECK(h.kube.Get(res::kPod, "default", "val-0-0").ok());
  h.now += absl::Seconds(1);
  REQUIRE(r.Reconcile("default", "restart").error.ok());  // delete
  CHECK(k8s::IsApiNotFound(h.kube.Get(res::kPod, "default", "val-0-0").status()));
  CHECK(h.Read("restart").status().phase() == v1alpha1::NODE_TASK_PHASE_RUNNING);
  // The StatefulSet controller brings a new pod; it becomes Ready.
  const std::string new_uid = seed_pod("val-0-0");
  REQUIRE(new_uid != old_uid);
  h.now += absl::Seconds(15);
  REQUIRE(r.Reconcile("default", "restart").error.ok());
  CHECK(h.Read("restart").status().phase() == v1alpha1::NODE_TASK_PHASE_COMPLETE);
  // The new pod was not touched.
  CHECK((*h.kube.Get(res::kPod, "default", "val-0-0"))["metadata"]["uid"] == new_uid);
}

TEST_CASE("a stale status write is a conflict; the retry re-derives the same task ID") {
  Harness h;
  h.SeedTarget("Running");
  h.kube.Seed(res::kSeiNodeTask, Task("refresh", {{"kind", "DiscoverPeers"},
                                                  {"target", {{"nodeRef", {{"name", "val-0"}}}}},
                                                  {"discoverPeers", Object::object()}}));
  NodeTaskReconciler r = h.Reconciler();
  h.kube.FailNext(k8s::Verb::kPatch, res::kSeiNodeTask,
                  k8s::ApiError(k8s::ErrorReason::kConflict, 409, "modified"));
  ReconcileResult failed = r.Reconcile("default", "refresh");
  CHECK(k8s::IsApiConflict(failed.error));
  CHECK(h.reporter.lines.back().rfind("error ", 0) == 0);
  CHECK_FALSE(h.Read("refresh").status().has_task());
  REQUIRE(r.Reconcile("default", "refresh").error.ok());
  std::string id = h.Read("refresh").status().task().id();
  CHECK_FALSE(id.empty());
}

}  // namespace
}  // namespace sei::controller
