// SeiNode end to end: the operator binary against the local control plane,
// driven with kubectl as a user would, observed through the store (SeiNode
// status, pods, claims, events), the operator's log and its endpoints.
// Each test case has a cluster and an operator of its own; a plan takes
// seconds, as the simulated sidecars finish tasks at once and the operator
// reacts to watch events rather than waiting out its poll interval.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "cmd/operator/e2e/catch_status.h"
#include "cmd/operator/e2e/e2e_cluster.h"
#include "cmd/operator/e2e/http_get.h"
#include "cmd/operator/e2e/operator_process.h"
#include "cmd/operator/e2e/prometheus_text.h"
#include "cmd/operator/e2e/seinode_view.h"
#include "cmd/operator/e2e/subprocess.h"
#include "cmd/operator/e2e/wait_for.h"
#include "cmd/operator/e2e/watch_recorder.h"
#include "lib/controlplane/sidecar/outcome_rules.h"
#include "lib/k8s/resource.h"

namespace sei::e2e {
namespace {

namespace res = k8s::resources;
using nlohmann::json;

constexpr char kNs[] = "default";
constexpr char kImage[] = "ghcr.io/sei-protocol/sei:v6.3.0";
constexpr char kNewImage[] = "ghcr.io/sei-protocol/sei:v6.4.0";
constexpr char kFinalizer[] = "sei.io/seinode-finalizer";
constexpr char kSidecarImage[] = "ghcr.io/sei-protocol/seictl:v0.0.55";  // SEI_SIDECAR_IMAGE
// A plan takes seconds here; a task the sidecar keeps running is polled
// every 5 s, and a loaded two-core machine is slow.
constexpr absl::Duration kSettleTimeout = absl::Seconds(90);

// (a) One node per mode, shaped like the reference's samples
// (testdata/manifests/examples) with peers the simulated sidecars can
// resolve: static addresses instead of EC2 tags.
constexpr char kFullNode[] = "e2e-full";
constexpr char kValidator[] = "e2e-validator";
constexpr char kArchive[] = "e2e-archive";
constexpr char kReplayer[] = "e2e-replayer";
// (b) A validator whose image is changed once it runs.
constexpr char kRollValidator[] = "e2e-roll";
// (c) A full node whose config-apply fails.
constexpr char kFailing[] = "e2e-fail";
constexpr char kFailingTask[] = "config-apply";
constexpr char kFailingError[] = "simulated: config-apply rejected the overrides";
// (d) Deleted once running: one with its own data PVC, one on an imported PVC.
constexpr char kDeleted[] = "e2e-delete";
constexpr char kImporter[] = "e2e-import";
constexpr char kImportedPvc[] = "e2e-imported-data";

constexpr char kStaticPeers[] = R"(
  peers:
    - static:
        addresses:
          - 5c2e8f0a91d34b7e6a1f0c9d8b7a6e5f4d3c2b1a@sentry-0.pacific-1.example.net:26656)";

std::string SeiNodeManifest(absl::string_view name, absl::string_view image,
                            absl::string_view spec_tail) {
  return absl::StrCat(R"(
apiVersion: sei.io/v1alpha1
kind: SeiNode
metadata:
  name: )",
                      name, R"(
  namespace: default
spec:
  chainId: pacific-1
  image: ")",
                      image, "\"", spec_tail, "\n---\n");
}

std::string FullNodeManifest() {
  return SeiNodeManifest(kFullNode, kImage, absl::StrCat(kStaticPeers, R"(
  fullNode:
    snapshot:
      s3:
        targetHeight: 198740000
      trustPeriod: "9999h0m0s")"));
}

std::string ValidatorManifest(absl::string_view name, absl::string_view image) {
  return SeiNodeManifest(name, image, absl::StrCat(kStaticPeers, R"(
  validator:
    snapshot:
      stateSync: {}
      trustPeriod: "168h0m0s")"));
}

std::string ArchiveManifest() {
  return SeiNodeManifest(kArchive, kImage, absl::StrCat(kStaticPeers, R"(
  archive:
    snapshotGeneration:
      tendermint:
        keepRecent: 5
        publish: {})"));
}

std::string ReplayerManifest() {
  return SeiNodeManifest(kReplayer, kImage, absl::StrCat(kStaticPeers, R"(
  overrides:
    giga_executor.enabled: "true"
    mempool.size: "0"
  replayer:
    snapshot:
      s3:
        targetHeight: 200940000
      bootstrapImage: "ghcr.io/sei-protocol/sei:v6.3.0"
      trustPeriod: "9999h0m0s"
    resultExport:
      shadowResult:
        canonicalRpc: "http://rpc.pacific-1.example.net:26657")"));
}

std::string PlainFullNodeManifest(absl::string_view name, absl::string_view extra_spec = "") {
  return SeiNodeManifest(name, kImage, absl::StrCat(extra_spec, R"(
  fullNode: {})"));
}

std::string ImportedPvcManifest() {
  // Bound, ReadWriteOnce and at least the full mode's default size
  // (SEI_STORAGE_SIZE_DEFAULT in config/local-platform.env).
  return absl::StrCat(R"(
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: )",
                      kImportedPvc, R"(
  namespace: default
spec:
  accessModes: ["ReadWriteOnce"]
  storageClassName: gp3
  resources:
    requests:
      storage: 2000Gi
---
)");
}

// A cluster of its own and an operator watching it, for one test case.
struct Env {
  std::unique_ptr<E2eCluster> cluster;
  std::unique_ptr<OperatorProcess> op;
};

absl::StatusOr<Env> StartEnv(absl::string_view name) {
  Env env;
  absl::StatusOr<std::unique_ptr<E2eCluster>> cluster = E2eCluster::Start({std::string(name)});
  if (!cluster.ok()) return cluster.status();
  env.cluster = *std::move(cluster);
  absl::StatusOr<std::unique_ptr<OperatorProcess>> op = OperatorProcess::Start(*env.cluster);
  if (!op.ok()) return op.status();
  env.op = *std::move(op);
  return env;
}

json MustGet(E2eCluster& cluster, const k8s::Resource& resource, absl::string_view name) {
  absl::StatusOr<json> object = cluster.Get(resource, kNs, name);
  INFO(absl::StrCat(resource.kind, " ", kNs, "/", name));
  REQUIRE(object.status() == absl::OkStatus());
  return *object;
}

// Waits until the node is Running on `image` (status.currentImage) with no
// plan left: initialised, or rolled, and settled.
absl::Status WaitForSettled(E2eCluster& cluster, absl::string_view name, absl::string_view image) {
  return WaitFor(
      absl::StrCat("SeiNode ", name, " Running on ", image, " with no plan"),
      [&](std::string* seen) {
        absl::StatusOr<json> node = cluster.Get(res::kSeiNode, kNs, name);
        if (!node.ok()) {
          *seen = node.status().ToString();
          return false;
        }
        *seen = DescribeSeiNode(*node);
        return PhaseOf(*node) == "Running" &&
               (*node)["status"].value("currentImage", "") == image &&
               !(*node)["status"].contains("plan");
      },
      kSettleTimeout);
}

// From a SeiNode's recorded history (a watch opened before it existed): its
// init plan stamped status.currentImage = `image` itself (plans.md §17 D1),
// and no second plan was ever built for it. The simulated sidecar answers
// only once the node's pod runs, so the init plan cannot finish before the
// StatefulSet has rolled out.
void CheckInitStampedImage(const std::vector<RecordedEvent>& node_events, absl::string_view name,
                           absl::string_view image) {
  std::vector<std::string> plan_ids;
  bool stamped = false;
  std::string stamping_plan;  // status.plan.id when currentImage first appeared
  std::vector<std::string> history;
  for (const RecordedEvent& event : node_events) {
    if (event.object["metadata"].value("name", "") != name) continue;
    const std::string plan_id = PlanIdOf(event.object);
    history.push_back(absl::StrCat(event.type, " ", DescribeSeiNode(event.object)));
    if (!plan_id.empty() &&
        std::find(plan_ids.begin(), plan_ids.end(), plan_id) == plan_ids.end()) {
      plan_ids.push_back(plan_id);
    }
    const json& status = event.object.value("status", json::object());
    if (!stamped && status.value("currentImage", "") == image) {
      stamped = true;
      stamping_plan = plan_id;
    }
  }
  INFO("SeiNode " << name << " history: " << absl::StrJoin(history, "; "));
  CHECK(stamped);
  CHECK(plan_ids.size() == 1);
  if (!plan_ids.empty()) CHECK(stamping_plan == plan_ids.front());
}

// The UIDs pod `pod_name` had in a recorded pod history, in order, and
// whether any of them was deleted or marked for deletion.
struct PodIncarnations {
  std::vector<std::string> uids;
  bool deleted = false;
};
PodIncarnations IncarnationsOf(const std::vector<RecordedEvent>& pod_events,
                               absl::string_view pod_name) {
  PodIncarnations incarnations;
  for (const RecordedEvent& event : pod_events) {
    const json& metadata = event.object["metadata"];
    if (metadata.value("name", "") != pod_name) continue;
    const std::string uid = metadata.value("uid", "");
    if (std::find(incarnations.uids.begin(), incarnations.uids.end(), uid) ==
        incarnations.uids.end()) {
      incarnations.uids.push_back(uid);
    }
    incarnations.deleted =
        incarnations.deleted || event.type == "DELETED" || metadata.contains("deletionTimestamp");
  }
  return incarnations;
}

// The types of the plans the operator logged as finished for `node`.
std::vector<std::string> FinishedPlanTypes(const OperatorProcess& op, absl::string_view node) {
  std::vector<std::string> types;
  for (const json& record : op.LogRecordsWithMessage("plan finished")) {
    if (record.value("node", "") == node) types.push_back(record.value("plan_type", ""));
  }
  return types;
}

TEST_CASE("A SeiNode of every mode reaches Running with its image stamped", "[seinode][modes]") {
  absl::StatusOr<Env> env = StartEnv("modes");
  REQUIRE(env.status() == absl::OkStatus());
  E2eCluster& cluster = *env->cluster;
  absl::StatusOr<std::unique_ptr<WatchRecorder>> jobs = cluster.Record(res::kJob, kNs);
  REQUIRE(jobs.status() == absl::OkStatus());
  absl::StatusOr<std::unique_ptr<WatchRecorder>> nodes = cluster.Record(res::kSeiNode, kNs);
  REQUIRE(nodes.status() == absl::OkStatus());
  absl::StatusOr<std::unique_ptr<WatchRecorder>> pods =
      cluster.Record(res::kPod, kNs, "sei.io/node");
  REQUIRE(pods.status() == absl::OkStatus());

  REQUIRE(cluster.Apply(absl::StrCat(FullNodeManifest(), ValidatorManifest(kValidator, kImage),
                                     ArchiveManifest(), ReplayerManifest())) == absl::OkStatus());
  for (const char* name : {kFullNode, kValidator, kArchive, kReplayer}) {
    INFO(name);
    CHECK(WaitForSettled(cluster, name, kImage) == absl::OkStatus());
  }
  const std::vector<RecordedEvent> node_events = (*nodes)->Events();
  const std::vector<RecordedEvent> pod_events = (*pods)->Events();
  for (const char* name : {kFullNode, kValidator, kArchive, kReplayer}) {
    INFO(name);
    const json node = MustGet(cluster, res::kSeiNode, name);
    INFO(DescribeSeiNode(node));
    CHECK(node["status"].value("currentSidecarImage", "") == kSidecarImage);
    // Init alone brought the node to its image: no update plan replaced the
    // pod init had created.
    CheckInitStampedImage(node_events, name, kImage);
    const PodIncarnations pod = IncarnationsOf(pod_events, absl::StrCat(name, "-0"));
    INFO("pod " << name << "-0 UIDs: " << absl::StrJoin(pod.uids, ", "));
    CHECK(pod.uids.size() == 1);
    CHECK_FALSE(pod.deleted);
    // Its StatefulSet runs the stamped image.
    const json sts = MustGet(cluster, res::kStatefulSet, name);
    bool runs_image = false;
    for (const json& container : sts["spec"]["template"]["spec"]["containers"]) {
      runs_image = runs_image || container.value("image", "") == kImage;
    }
    CHECK(runs_image);
  }
  // The replayer went through its bootstrap Job, which was torn down.
  const std::string bootstrap_job = absl::StrCat(kReplayer, "-bootstrap");
  std::vector<std::string> job_history;
  for (const RecordedEvent& event : (*jobs)->Events()) {
    if (event.object["metadata"].value("name", "") == bootstrap_job) {
      job_history.push_back(event.type);
    }
  }
  INFO(bootstrap_job << " events: " << absl::StrJoin(job_history, ", "));
  CHECK(std::count(job_history.begin(), job_history.end(), "ADDED") == 1);
  CHECK(std::count(job_history.begin(), job_history.end(), "DELETED") == 1);
}

TEST_CASE("An image change rolls a running validator one pod at a time", "[seinode][update]") {
  absl::StatusOr<Env> env = StartEnv("image-roll");
  REQUIRE(env.status() == absl::OkStatus());
  E2eCluster& cluster = *env->cluster;
  // Every event of the node's pods, from before the first one.
  absl::StatusOr<std::unique_ptr<WatchRecorder>> pod_events =
      cluster.Record(res::kPod, kNs, absl::StrCat("sei.io/node=", kRollValidator));
  REQUIRE(pod_events.status() == absl::OkStatus());
  absl::StatusOr<std::unique_ptr<WatchRecorder>> node_events = cluster.Record(res::kSeiNode, kNs);
  REQUIRE(node_events.status() == absl::OkStatus());

  REQUIRE(cluster.Apply(ValidatorManifest(kRollValidator, kImage)) == absl::OkStatus());
  REQUIRE(WaitForSettled(cluster, kRollValidator, kImage) == absl::OkStatus());
  // Init stamped the image on the pod it created; only the change below
  // replaces a pod.
  CheckInitStampedImage((*node_events)->Events(), kRollValidator, kImage);
  absl::StatusOr<std::vector<json>> pods =
      cluster.List(res::kPod, kNs, absl::StrCat("sei.io/node=", kRollValidator));
  REQUIRE(pods.status() == absl::OkStatus());
  REQUIRE(pods->size() == 1);
  const std::string old_uid = (*pods)[0]["metadata"].value("uid", "");
  const PodIncarnations before_roll =
      IncarnationsOf((*pod_events)->Events(), absl::StrCat(kRollValidator, "-0"));
  INFO("pod UIDs before the image change: " << absl::StrJoin(before_roll.uids, ", "));
  CHECK(before_roll.uids == std::vector<std::string>{old_uid});
  CHECK_FALSE(before_roll.deleted);

  REQUIRE(cluster.Apply(ValidatorManifest(kRollValidator, kNewImage)) == absl::OkStatus());
  CHECK(WaitForSettled(cluster, kRollValidator, kNewImage) == absl::OkStatus());
  const std::vector<std::string> plans = FinishedPlanTypes(*env->op, kRollValidator);
  INFO("finished plans: " << absl::StrJoin(plans, ", "));
  CHECK(plans == std::vector<std::string>{"init", "node-update"});

  // The pods' whole history: never two pods of this node at once (a
  // terminating pod still counts: its seid may still sign).
  std::set<std::string> alive;
  size_t most_alive = 0;
  bool old_pod_deleted = false;
  std::vector<std::string> history;
  for (const RecordedEvent& event : (*pod_events)->Events()) {
    const json& metadata = event.object["metadata"];
    const std::string uid = metadata.value("uid", "");
    history.push_back(absl::StrCat(event.type, " ", metadata.value("name", ""), " uid=", uid,
                                   metadata.contains("deletionTimestamp") ? " terminating" : ""));
    if (event.type == "DELETED") {
      alive.erase(uid);
      old_pod_deleted = old_pod_deleted || uid == old_uid;
    } else {
      alive.insert(uid);
    }
    most_alive = std::max(most_alive, alive.size());
  }
  INFO("pod events: " << absl::StrJoin(history, "; "));
  CHECK(most_alive == 1);
  // The roll really replaced the pod: the old one is gone, a new one runs
  // the new image.
  CHECK(old_pod_deleted);
  pods = cluster.List(res::kPod, kNs, absl::StrCat("sei.io/node=", kRollValidator));
  REQUIRE(pods.status() == absl::OkStatus());
  REQUIRE(pods->size() == 1);
  CHECK((*pods)[0]["metadata"].value("uid", "") != old_uid);
  bool runs_new_image = false;
  for (const json& container : (*pods)[0]["spec"]["containers"]) {
    runs_new_image = runs_new_image || container.value("image", "") == kNewImage;
  }
  CHECK(runs_new_image);
}

TEST_CASE("A failing sidecar task fails the node with the task named", "[seinode][failure]") {
  absl::StatusOr<Env> env = StartEnv("failing-task");
  REQUIRE(env.status() == absl::OkStatus());
  E2eCluster& cluster = *env->cluster;
  controlplane::sidecar::OutcomeRule fail;
  fail.task_type = kFailingTask;
  fail.ns = kNs;
  fail.node = kFailing;
  fail.outcome = controlplane::sidecar::Outcome::Fail(kFailingError);
  cluster.sidecars().SetOutcome(fail);

  REQUIRE(cluster.Apply(PlainFullNodeManifest(kFailing)) == absl::OkStatus());
  REQUIRE(cluster.WaitForPhase(kNs, kFailing, "Failed", kSettleTimeout) == absl::OkStatus());
  const json node = MustGet(cluster, res::kSeiNode, kFailing);
  INFO(DescribeSeiNode(node));
  REQUIRE(node["status"].contains("plan"));
  const json& plan = node["status"]["plan"];
  CHECK(plan.value("phase", "") == "Failed");
  REQUIRE(plan.contains("failedTaskDetail"));
  CHECK(plan["failedTaskDetail"].value("type", "") == kFailingTask);
  CHECK(absl::StrContains(plan["failedTaskDetail"].value("error", ""), kFailingError));
  const json failed_task = PlanTask(node, kFailingTask);
  REQUIRE(failed_task.is_object());
  CHECK(plan["failedTaskDetail"].value("id", "") == failed_task.value("id", "?"));
  CHECK(failed_task.value("status", "") == "Failed");

  // Every reconcile of a Failed node reports it with a Warning event
  // (plans.md §13.2 step 7), though not the one that failed it, and the
  // operator's own status writes wake no reconcile (§13.1). The pod ran
  // before the first sidecar task could, so nothing the node watches changes
  // after the failure: wake it as any change to an object it owns would.
  absl::StatusOr<CommandResult> annotated = cluster.Kubectl(
      {"annotate", "statefulset", kFailing, "-n", kNs, "e2e.sei.io/wake=after-failure"});
  REQUIRE(annotated.status() == absl::OkStatus());
  INFO("kubectl annotate: " << annotated->status.ToString() << " " << annotated->err);
  REQUIRE(annotated->status.exited);
  REQUIRE(annotated->status.code == 0);
  CHECK(WaitFor(
            absl::StrCat("a Warning NodeFailed event for SeiNode ", kFailing),
            [&](std::string* seen) {
              absl::StatusOr<std::vector<json>> events = cluster.List(res::kEvent, kNs);
              if (!events.ok()) {
                *seen = events.status().ToString();
                return false;
              }
              std::vector<std::string> reasons;
              for (const json& event : *events) {
                if (event["involvedObject"].value("name", "") != kFailing) continue;
                reasons.push_back(
                    absl::StrCat(event.value("type", ""), "/", event.value("reason", "")));
                if (event.value("reason", "") == "NodeFailed" &&
                    event.value("type", "") == "Warning" &&
                    event["involvedObject"].value("kind", "") == "SeiNode") {
                  return true;
                }
              }
              *seen = absl::StrCat("events of the node: ", absl::StrJoin(reasons, ", "));
              return false;
            },
            absl::Seconds(30)) == absl::OkStatus());
}

TEST_CASE("Deleting a SeiNode deletes its data PVC but never an imported one",
          "[seinode][deletion]") {
  absl::StatusOr<Env> env = StartEnv("deletion");
  REQUIRE(env.status() == absl::OkStatus());
  E2eCluster& cluster = *env->cluster;
  const std::string own_pvc = absl::StrCat("data-", kDeleted);

  // The imported volume first, so it is Bound before its node checks it.
  REQUIRE(cluster.Apply(ImportedPvcManifest()) == absl::OkStatus());
  REQUIRE(cluster.Apply(absl::StrCat(
              PlainFullNodeManifest(kDeleted),
              PlainFullNodeManifest(kImporter, absl::StrCat(R"(
  dataVolume:
    import:
      pvcName: )",
                                                            kImportedPvc)))) == absl::OkStatus());
  for (const char* name : {kDeleted, kImporter}) {
    INFO(name);
    REQUIRE(WaitForSettled(cluster, name, kImage) == absl::OkStatus());
    const json node = MustGet(cluster, res::kSeiNode, name);
    const json finalizers = node["metadata"].value("finalizers", json::array());
    INFO("finalizers: " << finalizers.dump());
    CHECK(std::find(finalizers.begin(), finalizers.end(), kFinalizer) != finalizers.end());
  }
  MustGet(cluster, res::kPersistentVolumeClaim, own_pvc);
  // The importing node runs on the imported claim, with no claim of its own.
  CHECK(cluster.Get(res::kPersistentVolumeClaim, kNs, absl::StrCat("data-", kImporter))
            .status()
            .code() == absl::StatusCode::kNotFound);

  REQUIRE(cluster.Delete("seinode", kNs, kDeleted) == absl::OkStatus());
  REQUIRE(cluster.Delete("seinode", kNs, kImporter) == absl::OkStatus());
  CHECK(cluster.WaitForGone(res::kSeiNode, kNs, kDeleted, absl::Seconds(60)) == absl::OkStatus());
  CHECK(cluster.WaitForGone(res::kSeiNode, kNs, kImporter, absl::Seconds(60)) == absl::OkStatus());
  CHECK(cluster.WaitForGone(res::kPersistentVolumeClaim, kNs, own_pvc, absl::Seconds(30)) ==
        absl::OkStatus());
  // Owned objects go with the node (garbage collection).
  CHECK(cluster.WaitForGone(res::kStatefulSet, kNs, kDeleted, absl::Seconds(30)) ==
        absl::OkStatus());
  CHECK(cluster.WaitForGone(res::kStatefulSet, kNs, kImporter, absl::Seconds(30)) ==
        absl::OkStatus());

  const json imported = MustGet(cluster, res::kPersistentVolumeClaim, kImportedPvc);
  CHECK_FALSE(imported["metadata"].contains("deletionTimestamp"));
  CHECK(imported["status"].value("phase", "") == "Bound");
}

TEST_CASE("The operator serves its metrics and is ready once synced", "[seinode][endpoints]") {
  absl::StatusOr<Env> env = StartEnv("endpoints");
  REQUIRE(env.status() == absl::OkStatus());
  E2eCluster& cluster = *env->cluster;
  OperatorProcess& op = *env->op;

  REQUIRE(op.WaitForLog("caches synced; controllers started").status() == absl::OkStatus());
  absl::StatusOr<uint16_t> health_port = op.HealthProbePort();
  REQUIRE(health_port.status() == absl::OkStatus());
  CHECK(WaitFor(
            "GET /readyz to answer 200",
            [&](std::string* seen) {
              absl::StatusOr<HttpReply> reply = HttpGet(*health_port, "/readyz");
              if (!reply.ok()) {
                *seen = reply.status().ToString();
                return false;
              }
              *seen = absl::StrCat(reply->code, " ", reply->body);
              return reply->code == 200;
            },
            absl::Seconds(10)) == absl::OkStatus());
  absl::StatusOr<HttpReply> healthz = HttpGet(*health_port, "/healthz");
  REQUIRE(healthz.status() == absl::OkStatus());
  CHECK(healthz->code == 200);

  REQUIRE(cluster.Apply(PlainFullNodeManifest(kFullNode)) == absl::OkStatus());
  REQUIRE(WaitForSettled(cluster, kFullNode, kImage) == absl::OkStatus());
  absl::StatusOr<std::vector<MetricSample>> metrics = op.Metrics();
  REQUIRE(metrics.status() == absl::OkStatus());
  CHECK(SumOf(*metrics, "sei_controller_reconcile_total", {{"controller", "seinode"}}) > 0);
  CHECK(SumOf(*metrics, "sei_controller_kube_api_requests_total",
              {{"resource", "seinodes"}, {"verb", "patch"}}) > 0);
  CHECK(SumOf(*metrics, "sei_controller_kube_api_requests_total", {{"resource", "statefulsets"}}) >
        0);
  CHECK(SumOf(*metrics, "sei_controller_sidecar_calls_total", {{"call", "submit"}}) > 0);
}

}  // namespace
}  // namespace sei::e2e
