// The SeiNode reconciler against the in-memory apiserver (FakeKubeClient) and
// scripted sidecars: a node goes from nothing to Running through its init
// plan, steady state costs no writes, failures reach Failed with details, a
// stale status write is a conflict that a retry recovers from, a restarted
// operator resumes a half-done plan, and deletion cleans up.
#include "lib/controller/seinode/seinode_reconciler.h"

#include <catch2/catch.hpp>

#include "absl/strings/str_join.h"
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

constexpr char kNs[] = "default";
constexpr char kName[] = "rpc-0";

Object FullNode() {
  return Object::parse(R"({
    "apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
    "metadata": {"name": "rpc-0", "namespace": "default"},
    "spec": {
      "chainId": "pacific-1",
      "image": "ghcr.io/sei-protocol/sei:v6.3.0",
      "peers": [{"static": {"addresses": ["aa@seed-0.example.net:26656"]}}],
      "fullNode": {}
    }})");
}

struct Harness {
  k8s::FakeKubeClient kube;
  testing::ScriptedSidecars sidecars;
  testing::RecordingNodeReporter reporter;
  tasks::PlatformConfig platform = sei::tasks::testing::TestPlatformConfig();
  absl::Time now = absl::FromUnixSeconds(1767225600);
  int plan_ids = 0;

  // Sidecar work takes two polls, so a plan spans several passes and the
  // simulated StatefulSet controller acts between them, as in a cluster.
  Harness() { sidecars.SetPollsToFinish(2); }

  SeiNodeReconciler Reconciler() {
    SeiNodeReconcilerDeps deps;
    deps.kube = &kube;
    deps.sidecars = &sidecars;
    deps.platform = &platform;
    deps.reporter = &reporter;
    deps.clock = [this] { return now; };
    deps.new_plan_id = [this] {
      return absl::StrCat("00000000-0000-4000-8000-", absl::Dec(++plan_ids, absl::kZeroPad12));
    };
    return SeiNodeReconciler(deps, SeiNodeReconcilerOptions());
  }

  // What a StatefulSet controller would report once the single pod runs the
  // current template.
  void RollOutStatefulSet() {
    absl::StatusOr<Object> sts = kube.Get(res::kStatefulSet, kNs, kName);
    if (!sts.ok()) return;
    int64_t generation = (*sts)["metadata"].value("generation", 1);
    kube.SeedStatus(res::kStatefulSet, kNs, kName,
                    {{"observedGeneration", generation},
                     {"replicas", 1},
                     {"readyReplicas", 1},
                     {"updatedReplicas", 1},
                     {"currentReplicas", 1},
                     {"currentRevision", "rev-1"},
                     {"updateRevision", "rev-1"}});
  }

  v1alpha1::SeiNode Node() {
    v1alpha1::SeiNode node;
    REQUIRE(DecodeObject(*kube.Get(res::kSeiNode, kNs, kName), &node).ok());
    return node;
  }

  // Reconciles until the node's phase is `phase` (at most `limit` times),
  // moving time and the simulated StatefulSet along.
  ReconcileResult RunUntil(SeiNodeReconciler& r, v1alpha1::NodePhase phase, int limit = 60) {
    ReconcileResult last;
    for (int i = 0; i < limit; ++i) {
      last = r.Reconcile(kNs, kName);
      RollOutStatefulSet();
      now += absl::Seconds(31);  // past every backoff and poll interval
      if (Node().status().phase() == phase && !Node().status().has_plan()) return last;
    }
    return last;
  }
};

TEST_CASE("a full node goes from nothing to Running through its init plan") {
  Harness h;
  h.kube.Seed(res::kSeiNode, FullNode());
  SeiNodeReconciler r = h.Reconciler();
  h.RunUntil(r, v1alpha1::NODE_PHASE_RUNNING);

  v1alpha1::SeiNode node = h.Node();
  CHECK(node.status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  // D1: the init plan stamps the images, so no spurious update plan follows.
  CHECK(node.status().current_image() == "ghcr.io/sei-protocol/sei:v6.3.0");
  CHECK(node.status().current_sidecar_image() == h.platform.sidecar_image);
  CHECK(node.status().stateful_set().name() == kName);
  CHECK_FALSE(node.status().stateful_set().uid().empty());
  // The objects the node runs on exist and belong to it.
  Object sts = *h.kube.Get(res::kStatefulSet, kNs, kName);
  CHECK(sts["metadata"]["ownerReferences"][0]["uid"] == node.metadata().uid());
  CHECK(h.kube.Get(res::kService, kNs, kName).ok());
  CHECK(h.kube.Get(res::kPersistentVolumeClaim, kNs, "data-rpc-0").ok());
  CHECK(h.kube.Get(res::kConfigMap, kNs, "rpc-0-rbac-proxy-config").ok());
  // Finalizer, sidecar work in plan order, and the phase transition reported.
  Object live = *h.kube.Get(res::kSeiNode, kNs, kName);
  CHECK(live["metadata"]["finalizers"] == Object::array({"sei.io/seinode-finalizer"}));
  std::vector<std::string> submitted = h.sidecars.SubmittedTypes(kNs, kName);
  REQUIRE_FALSE(submitted.empty());
  CHECK(submitted.back() == "mark-ready");
  INFO(absl::StrJoin(submitted, ","));
  CHECK(std::set<std::string>(submitted.begin(), submitted.end()).size() == submitted.size());
  CHECK(h.reporter.Has("phase Initializing->Running"));
  CHECK(h.reporter.Has("plan-finished complete"));
}

TEST_CASE("a settled Running node costs no writes and waits only for the safety resync") {
  Harness h;
  h.kube.Seed(res::kSeiNode, FullNode());
  SeiNodeReconciler r = h.Reconciler();
  h.RunUntil(r, v1alpha1::NODE_PHASE_RUNNING);
  h.kube.ResetCounts();
  ReconcileResult result = r.Reconcile(kNs, kName);
  CHECK(result.error.ok());
  CHECK(h.kube.Writes() == 0);
  REQUIRE(result.requeue_after.has_value());
  CHECK(*result.requeue_after == absl::Minutes(10));
  CHECK(h.Node().status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK_FALSE(h.Node().status().has_plan());
}

TEST_CASE("a Running node whose sidecar is unreachable is probed again soon, not in 10 minutes") {
  Harness h;
  h.kube.Seed(res::kSeiNode, FullNode());
  SeiNodeReconciler r = h.Reconciler();
  h.RunUntil(r, v1alpha1::NODE_PHASE_RUNNING);
  // The pod is being replaced (RestartPod): nothing answers at its address.
  h.sidecars.SetUnreachable(kNs, kName, true);
  ReconcileResult result = r.Reconcile(kNs, kName);
  REQUIRE(result.requeue_after.has_value());
  CHECK(*result.requeue_after == absl::Seconds(10));
  // Back, but not ready (a fresh pod): the re-probe builds the mark-ready plan.
  h.sidecars.SetUnreachable(kNs, kName, false);
  h.sidecars.LoseReadiness(kNs, kName);
  h.now += absl::Seconds(10);
  r.Reconcile(kNs, kName);
  CHECK(h.Node().status().plan().tasks_size() > 0);
  CHECK(h.Node().status().plan().tasks(0).type() == "mark-ready");
}

TEST_CASE("a sidecar task that fails drives the node to Failed with the failed task's detail") {
  Harness h;
  h.sidecars.FailType("config-apply", "config validation failed: [bad key]");
  h.kube.Seed(res::kSeiNode, FullNode());
  SeiNodeReconciler r = h.Reconciler();
  for (int i = 0; i < 40 && h.Node().status().phase() != v1alpha1::NODE_PHASE_FAILED; ++i) {
    r.Reconcile(kNs, kName);
    h.RollOutStatefulSet();
    h.now += absl::Seconds(31);
  }
  v1alpha1::SeiNode node = h.Node();
  REQUIRE(node.status().phase() == v1alpha1::NODE_PHASE_FAILED);
  REQUIRE(node.status().plan().has_failed_task_detail());
  CHECK(node.status().plan().failed_task_detail().type() == "config-apply");
  CHECK(node.status().plan().failed_task_detail().error() == "config validation failed: [bad key]");
  // A Failed node stays Failed, says so, and is not requeued.
  h.reporter.lines.clear();
  ReconcileResult again = r.Reconcile(kNs, kName);
  CHECK_FALSE(again.requeue_after.has_value());
  CHECK(h.reporter.Has("event Warning NodeFailed"));
}

TEST_CASE("a watch event during a retry backoff does not start the next attempt early") {
  Harness h;
  h.sidecars.FailType("discover-peers", "no reachable peers");
  h.kube.Seed(res::kSeiNode, FullNode());
  SeiNodeReconciler r = h.Reconciler();
  auto retries = [&] {
    const v1alpha1::SeiNode node = h.Node();
    for (const v1alpha1::PlannedTask& t : node.status().plan().tasks()) {
      if (t.type() == "discover-peers") return t.retry_count();
    }
    return -1;
  };
  for (int i = 0; i < 40 && retries() < 1; ++i) {
    r.Reconcile(kNs, kName);
    h.RollOutStatefulSet();
    h.now += absl::Seconds(1);
  }
  REQUIRE(retries() == 1);
  // Woken again and again within the 10 s backoff (a PVC bound, a Service
  // changed...): the attempt waits, and the reconcile asks to come back
  // exactly when the backoff ends.
  const int submits = h.sidecars.SubmitCalls(kNs, kName);
  ReconcileResult early;
  for (int i = 0; i < 5; ++i) {
    h.now += absl::Seconds(1);
    early = r.Reconcile(kNs, kName);
  }
  CHECK(retries() == 1);
  CHECK(h.sidecars.SubmitCalls(kNs, kName) == submits);
  REQUIRE(early.requeue_after.has_value());
  CHECK(*early.requeue_after <= absl::Seconds(5));
  // Once it is due, the next attempt runs.
  h.now += *early.requeue_after;
  r.Reconcile(kNs, kName);
  r.Reconcile(kNs, kName);
  CHECK(h.sidecars.SubmitCalls(kNs, kName) > submits);
}

TEST_CASE("a concurrent status write turns into a conflict and the retry recovers") {
  Harness h;
  h.kube.Seed(res::kSeiNode, FullNode());
  SeiNodeReconciler r = h.Reconciler();
  REQUIRE(r.Reconcile(kNs, kName).error.ok());  // builds and persists the plan
  std::string plan_id = h.Node().status().plan().id();
  h.kube.FailNext(k8s::Verb::kPatch, res::kSeiNode,
                  k8s::ApiError(k8s::ErrorReason::kConflict, 409,
                                "the object has been modified; please apply your changes "
                                "to the latest version and try again"));
  // The status flush meets the injected 409: the reconcile fails cleanly.
  ReconcileResult failed = r.Reconcile(kNs, kName);
  CHECK(k8s::IsApiConflict(failed.error));
  CHECK(std::any_of(h.reporter.lines.begin(), h.reporter.lines.end(),
                    [](const std::string& l) { return l.rfind("error ", 0) == 0; }));
  // The next reconcile continues the same plan (nothing lost, nothing doubled).
  REQUIRE(r.Reconcile(kNs, kName).error.ok());
  CHECK(h.Node().status().plan().id() == plan_id);
}

TEST_CASE("a restarted operator resumes a half-done plan without repeating side effects") {
  Harness h;
  h.sidecars.HoldType("configure-genesis");  // the plan stops half-way
  h.kube.Seed(res::kSeiNode, FullNode());
  {
    SeiNodeReconciler first = h.Reconciler();
    for (int i = 0; i < 10; ++i) {
      first.Reconcile(kNs, kName);
      h.RollOutStatefulSet();
      h.now += absl::Seconds(31);
    }
  }
  v1alpha1::SeiNode half = h.Node();
  REQUIRE(half.status().has_plan());
  const std::string plan_id = half.status().plan().id();
  const std::vector<std::string> before = h.sidecars.SubmittedTypes(kNs, kName);
  REQUIRE(std::find(before.begin(), before.end(), "configure-genesis") != before.end());

  // A new process: new reconciler, same cluster and sidecar state; the held
  // sidecar task finishes meanwhile.
  h.sidecars.ReleaseType("configure-genesis");
  SeiNodeReconciler second = h.Reconciler();
  h.RunUntil(second, v1alpha1::NODE_PHASE_RUNNING);
  CHECK(h.Node().status().phase() == v1alpha1::NODE_PHASE_RUNNING);
  CHECK(h.plan_ids == 1);  // the same plan was resumed, not rebuilt
  // Nothing submitted before the restart was submitted again as new work.
  std::vector<std::string> after = h.sidecars.SubmittedTypes(kNs, kName);
  CHECK(std::set<std::string>(after.begin(), after.end()).size() == after.size());
}

TEST_CASE("deleting a node removes its data PVC, then the finalizer") {
  Harness h;
  h.kube.Seed(res::kSeiNode, FullNode());
  SeiNodeReconciler r = h.Reconciler();
  h.RunUntil(r, v1alpha1::NODE_PHASE_RUNNING);
  REQUIRE(h.kube.Get(res::kPersistentVolumeClaim, kNs, "data-rpc-0").ok());
  REQUIRE(h.kube.Delete(res::kSeiNode, kNs, kName, k8s::DeleteOptions()).ok());
  REQUIRE(h.kube.Get(res::kSeiNode, kNs, kName).ok());  // held by the finalizer
  ReconcileResult result = r.Reconcile(kNs, kName);
  CHECK(result.error.ok());
  CHECK(k8s::IsApiNotFound(h.kube.Get(res::kPersistentVolumeClaim, kNs, "data-rpc-0").status()));
  CHECK(k8s::IsApiNotFound(h.kube.Get(res::kSeiNode, kNs, kName).status()));
  CHECK(h.reporter.Has("deleted default/rpc-0"));
}

TEST_CASE("a paused node is not planned") {
  Harness h;
  Object node = FullNode();
  node["spec"]["paused"] = true;
  h.kube.Seed(res::kSeiNode, node);
  SeiNodeReconciler r = h.Reconciler();
  ReconcileResult result = r.Reconcile(kNs, kName);
  CHECK(result.error.ok());
  CHECK_FALSE(result.requeue_after.has_value());
  v1alpha1::SeiNode live = h.Node();
  CHECK_FALSE(live.status().has_plan());
  CHECK(h.sidecars.SubmitCalls(kNs, kName) == 0);
}

}  // namespace
}  // namespace sei::controller
