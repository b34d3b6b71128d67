// SeiNodeTask end to end (nodetask.md, with the §15 fixes): the operator
// binary against the local control plane, tasks created with kubectl,
// observed through the store, the simulated sidecars and the operator's
// endpoints.
//
// Two Running SeiNodes are shared by every test case: the target, a full
// node with one static peer, and a "lonely" full node with no peers (its
// DiscoverPeers has nothing to send; it also hosts the tasks whose sidecar
// run is scripted to hang and the requirePhase wait, so nothing that
// replaces the target's pod can disturb them). The suite starts them once
// and then creates every task that does not touch the target's pod in one
// apply, so the waits of the timeout scenarios (5-20 s each) overlap; each
// test case checks its own tasks. The tasks that replace the target's pod
// (UpdateNodeImage, RestartPod, the §17.1 pair) run one after another, in
// declaration order. The whole file takes about 45 s.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cmd/operator/e2e/catch_status.h"
#include "cmd/operator/e2e/e2e_cluster.h"
#include "cmd/operator/e2e/operator_process.h"
#include "cmd/operator/e2e/prometheus_text.h"
#include "cmd/operator/e2e/seinode_view.h"
#include "cmd/operator/e2e/wait_for.h"
#include "cmd/operator/e2e/watch_recorder.h"
#include "lib/controlplane/sidecar/outcome_rules.h"
#include "lib/controlplane/sidecar/sidecar_fleet.h"
#include "lib/k8s/resource.h"
#include "lib/planner/core/task_id.h"

namespace sei::e2e {
namespace {

namespace res = k8s::resources;
namespace sim = controlplane::sidecar;
using nlohmann::json;

constexpr char kNs[] = "default";
constexpr char kChainId[] = "pacific-1";
constexpr char kImage[] = "ghcr.io/sei-protocol/sei:v6.3.0";
constexpr char kNewImage[] = "ghcr.io/sei-protocol/sei:v6.4.0";
constexpr char kPeer[] =
    "5c2e8f0a91d34b7e6a1f0c9d8b7a6e5f4d3c2b1a@sentry-0.pacific-1.example.net:26656";

// The nodes.
constexpr char kTarget[] = "nt-target";
constexpr char kLonely[] = "nt-lonely";
constexpr char kMissing[] = "nt-missing";  // never created

// Scenario 1: every kind against the Running target.
constexpr char kGovUpgrade[] = "nt-gov-upgrade";
constexpr char kGovVote[] = "nt-gov-vote";
constexpr char kAwaitCondition[] = "nt-await-condition";
constexpr char kAwaitHeight[] = "nt-await-height";
constexpr char kDiscover[] = "nt-discover";
constexpr char kUpdateImage[] = "nt-update-image";
constexpr char kRestart[] = "nt-restart";
// Scenario 2: nodetask.md §17.1, two objects in sequence.
constexpr char kPairDiscover[] = "nt-pair-refresh-peers";
constexpr char kPairRestart[] = "nt-pair-restart";
// Scenario 3: a requirePhase the lonely node never reaches.
constexpr char kPhaseNeverMet[] = "nt-phase-never-met";
constexpr char kNeverPhase[] = "Terminating";
constexpr char kRequirePhaseTimeout[] = "5s";
// Scenario 4: a sidecar run that never ends, with a small execution budget.
constexpr char kRunsForever[] = "nt-runs-forever";
constexpr char kRunsForeverType[] = "await-condition";
constexpr int kExecutionTimeoutSeconds = 5;
// Scenario 5: DiscoverPeers on the node without peers.
constexpr char kNoPeers[] = "nt-no-peers";
// Scenario 6: a target that does not exist.
constexpr char kOrphan[] = "nt-orphan";
// Scenario 7: a completed task, woken again and again.
constexpr char kVoteOnce[] = "nt-vote-once";

// Two init plans side by side on two cores: seconds here (the simulated
// sidecars finish at once), far longer when the machine is loaded.
constexpr absl::Duration kInitTimeout = absl::Minutes(4);
// A sidecar kind completes within a few reconciles.
constexpr absl::Duration kSidecarTaskTimeout = absl::Seconds(90);
// A pod replacement: the old pod terminates, the new one starts, the
// SeiNode controller marks its restarted sidecar ready again, and a
// RestartPod task sees it at its next poll (15 s requeue): about 16 s.
constexpr absl::Duration kPodTaskTimeout = absl::Seconds(90);
// The requeue of a running task (nodetask.md §11.2): an execution-timeout
// check happens at the latest this long after the previous poll.
constexpr absl::Duration kRunningRequeue = absl::Seconds(15);

// ---- Manifests ----

std::string SeiNodeManifest(const std::string& name, const std::string& spec_tail) {
  return absl::StrCat(R"(
apiVersion: sei.io/v1alpha1
kind: SeiNode
metadata:
  name: )",
                      name, R"(
  namespace: default
spec:
  chainId: )",
                      kChainId, R"(
  image: ")",
                      kImage, "\"", spec_tail, "\n---\n");
}

std::string TargetManifest() {
  return SeiNodeManifest(kTarget, absl::StrCat(R"(
  peers:
    - static:
        addresses:
          - )",
                                               kPeer, R"(
  fullNode: {})"));
}

std::string LonelyManifest() {
  return SeiNodeManifest(kLonely, R"(
  fullNode: {})");
}

// A SeiNodeTask with `payload` under `payload_field` (nodetask.md §2);
// `target_extra` adds fields to spec.target, `timeout_seconds` > 0 sets
// spec.timeoutSeconds.
json Task(const std::string& name, const std::string& kind, const std::string& target,
          const std::string& payload_field, json payload, json target_extra = json::object(),
          int timeout_seconds = 0) {
  json target_spec = {{"nodeRef", {{"name", target}}}};
  target_spec.update(target_extra);
  json spec = {{"kind", kind}, {"target", target_spec}, {payload_field, std::move(payload)}};
  if (timeout_seconds > 0) spec["timeoutSeconds"] = timeout_seconds;
  return {{"apiVersion", "sei.io/v1alpha1"},
          {"kind", "SeiNodeTask"},
          {"metadata", {{"name", name}, {"namespace", kNs}}},
          {"spec", std::move(spec)}};
}

json GovUpgradePayload() {
  return {{"chainId", kChainId},
          {"title", "Upgrade to v6.4.0"},
          {"description", "Scheduled upgrade rehearsal"},
          {"upgradeName", "v6.4.0"},
          {"upgradeHeight", 250000},
          {"initialDeposit", "10000000usei"},
          {"fees", "4000usei"},
          {"gas", 400000}};
}

json GovVotePayload(int proposal_id) {
  return {{"chainId", kChainId},
          {"proposalId", proposal_id},
          {"option", "yes"},
          {"fees", "2000usei"},
          {"gas", 200000}};
}

json RestartPodTask(const std::string& name, const std::string& pod_uid, int timeout_seconds) {
  return Task(name, "RestartPod", kTarget, "restartPod", {{"podUID", pod_uid}}, json::object(),
              timeout_seconds);
}

// JSON is YAML: one document per object, for `kubectl apply -f -`.
std::string Documents(const std::vector<json>& objects) {
  std::string out;
  for (const json& object : objects) absl::StrAppend(&out, "---\n", object.dump(), "\n");
  return out;
}

// The tasks of scenarios 1 (sidecar kinds), 3, 4, 5, 6 and 7: none of them
// touches the target's pod, so they all run at once.
std::vector<json> IndependentTasks() {
  return {
      Task(kGovUpgrade, "GovSoftwareUpgrade", kTarget, "govSoftwareUpgrade", GovUpgradePayload()),
      Task(kGovVote, "GovVote", kTarget, "govVote", GovVotePayload(7)),
      Task(kAwaitCondition, "AwaitCondition", kTarget, "awaitCondition",
           {{"height", {{"targetHeight", 100}}}}),
      Task(kAwaitHeight, "AwaitNodesAtHeight", kTarget, "awaitNodesAtHeight",
           {{"targetHeight", 120}}),
      Task(kDiscover, "DiscoverPeers", kTarget, "discoverPeers", json::object()),
      Task(kPhaseNeverMet, "GovVote", kLonely, "govVote", GovVotePayload(8),
           {{"requirePhase", kNeverPhase}, {"requirePhaseTimeout", kRequirePhaseTimeout}}),
      Task(kRunsForever, "AwaitCondition", kLonely, "awaitCondition",
           {{"height", {{"targetHeight", 1000000}}}}, json::object(), kExecutionTimeoutSeconds),
      Task(kNoPeers, "DiscoverPeers", kLonely, "discoverPeers", json::object()),
      Task(kOrphan, "DiscoverPeers", kMissing, "discoverPeers", json::object()),
      Task(kVoteOnce, "GovVote", kTarget, "govVote", GovVotePayload(9)),
  };
}

// ---- Reading tasks ----

std::string Str(const json& object, const char* key) {
  return object.is_object() ? object.value(key, "") : "";
}

// status.conditions[type], or null.
json ConditionOf(const json& task, const std::string& type) {
  if (!task.contains("status")) return nullptr;
  for (const json& condition : task["status"].value("conditions", json::array())) {
    if (Str(condition, "type") == type) return condition;
  }
  return nullptr;
}

std::string TaskPhaseOf(const json& task) {
  return task.contains("status") ? Str(task["status"], "phase") : "";
}

json ExecutionOf(const json& task) {
  return task.contains("status") ? task["status"].value("task", json(nullptr)) : json(nullptr);
}

// "phase=Failed task=<id>/Failed err=timeout conditions=[TargetReady=True/PhaseMet: target x
// is Running; Failed=True/Timeout: task did not complete within 5s]": what a wait saw.
std::string DescribeTask(const json& task) {
  std::vector<std::string> conditions;
  if (task.contains("status")) {
    for (const json& c : task["status"].value("conditions", json::array())) {
      conditions.push_back(absl::StrCat(Str(c, "type"), "=", Str(c, "status"), "/",
                                        Str(c, "reason"), ": ", Str(c, "message")));
    }
  }
  const json execution = ExecutionOf(task);
  return absl::StrCat("phase=", TaskPhaseOf(task).empty() ? "<none>" : TaskPhaseOf(task), " task=",
                      execution.is_null()
                          ? "<none>"
                          : absl::StrCat(Str(execution, "id"), "/", Str(execution, "status"),
                                         " err=", Str(execution, "err")),
                      " conditions=[", absl::StrJoin(conditions, "; "), "]");
}

// A status time stamp (RFC 3339), or InfinitePast when absent or unreadable.
absl::Time TimeAt(const json& object, const char* key) {
  absl::Time t = absl::InfinitePast();
  std::string error;
  if (!object.is_object() || !object.contains(key) || !object[key].is_string() ||
      !absl::ParseTime(absl::RFC3339_full, object[key].get<std::string>(), &t, &error)) {
    return absl::InfinitePast();
  }
  return t;
}

// The task `name` as soon as it is Complete or Failed; the timeout error
// describes it as last seen, followed by `context()` when given.
absl::StatusOr<json> WaitForTerminal(E2eCluster& cluster, const std::string& name,
                                     absl::Duration timeout,
                                     const std::function<std::string()>& context = {}) {
  json last;
  absl::Status waited = WaitFor(
      absl::StrCat("SeiNodeTask ", kNs, "/", name, " to reach Complete or Failed"),
      [&](std::string* seen) {
        absl::StatusOr<json> task = cluster.Get(res::kSeiNodeTask, kNs, name);
        if (!task.ok()) {
          *seen = task.status().ToString();
          return false;
        }
        last = *std::move(task);
        *seen = DescribeTask(last);
        if (context) absl::StrAppend(seen, "; ", context());
        const std::string phase = TaskPhaseOf(last);
        return phase == "Complete" || phase == "Failed";
      },
      timeout, absl::Milliseconds(200));
  if (!waited.ok()) return waited;
  return last;
}

// The submissions the sidecar of `node` recorded for task ID `id`.
std::vector<sim::RecordedSubmission> SubmissionsOf(E2eCluster& cluster, const std::string& node,
                                                   const std::string& id) {
  std::vector<sim::RecordedSubmission> matching;
  for (sim::RecordedSubmission& s : cluster.sidecars().Submissions(kNs, node)) {
    if (s.id == id) matching.push_back(std::move(s));
  }
  return matching;
}

// "id type status", one per submission the node's sidecar recorded.
std::string DescribeSubmissions(E2eCluster& cluster, const std::string& node) {
  std::vector<std::string> lines;
  for (const sim::RecordedSubmission& s : cluster.sidecars().Submissions(kNs, node)) {
    lines.push_back(absl::StrCat(s.id, " ", s.type, " ", s.status));
  }
  return absl::StrJoin(lines, ", ");
}

// The events recorded for SeiNodeTask `name`, as
// "type/reason: message (reportingComponent) x<count>".
std::vector<std::string> TaskEvents(E2eCluster& cluster, const std::string& name) {
  std::vector<std::string> found;
  absl::StatusOr<std::vector<json>> events = cluster.List(res::kEvent, kNs);
  if (!events.ok()) return {events.status().ToString()};
  for (const json& event : *events) {
    const json& involved = event["involvedObject"];
    if (Str(involved, "kind") != "SeiNodeTask" || Str(involved, "name") != name) continue;
    found.push_back(absl::StrCat(Str(event, "type"), "/", Str(event, "reason"), ": ",
                                 Str(event, "message"), " (", Str(event, "reportingComponent"),
                                 ") x", event.value("count", 0)));
  }
  return found;
}

// Waits for the Warning event `reason` of the failed task `name` (§10.3),
// recorded once: a task is marked Failed once.
absl::Status WaitForWarning(E2eCluster& cluster, const std::string& name, const std::string& reason,
                            const std::string& message) {
  const std::string want =
      absl::StrCat("Warning/", reason, ": ", message, " (seinodetask-controller) x1");
  return WaitFor(
      absl::StrCat("event ", want, " for SeiNodeTask ", name),
      [&](std::string* seen) {
        const std::vector<std::string> events = TaskEvents(cluster, name);
        *seen = absl::StrCat("events: [", absl::StrJoin(events, "; "), "]");
        return std::find(events.begin(), events.end(), want) != events.end();
      },
      absl::Seconds(20));
}

// The pod of `node` ("<node>-0"), or an error.
absl::StatusOr<json> NodePod(E2eCluster& cluster, const std::string& node) {
  return cluster.Get(res::kPod, kNs, absl::StrCat(node, "-0"));
}

bool PodReady(const json& pod) {
  if (pod.value("metadata", json::object()).contains("deletionTimestamp")) return false;
  if (!pod.contains("status")) return false;
  for (const json& c : pod["status"].value("conditions", json::array())) {
    if (Str(c, "type") == "Ready") return Str(c, "status") == "True";
  }
  return false;
}

std::string UidOf(const json& object) { return Str(object["metadata"], "uid"); }

// The pod UID as the spec tells a caller to read it (§4.7):
//   kubectl get pod <node>-0 -o jsonpath='{.metadata.uid}'
absl::StatusOr<std::string> KubectlPodUid(E2eCluster& cluster, const std::string& node) {
  const std::vector<std::string> args = {"get", "pod", absl::StrCat(node, "-0"),  "-n",
                                         kNs,   "-o",  "jsonpath={.metadata.uid}"};
  absl::StatusOr<CommandResult> result = cluster.Kubectl(args);
  if (!result.ok()) return result.status();
  if (!result->status.exited || result->status.code != 0 || result->out.empty()) {
    return absl::InternalError(absl::StrCat("kubectl ", absl::StrJoin(args, " "), ": ",
                                            result->status.ToString(), "; stdout: ", result->out,
                                            "; stderr: ", result->err));
  }
  return result->out;
}

// "<node description> SidecarReady=<status>/<reason>; pod: uid=<uid>
// ready=<0|1>; sidecar ready=<0|1>": where a pod replacement stands.
std::string DescribeTarget(E2eCluster& cluster, const std::string& node) {
  absl::StatusOr<json> seinode = cluster.Get(res::kSeiNode, kNs, node);
  absl::StatusOr<json> pod = NodePod(cluster, node);
  std::string sidecar_ready = "<none>";
  if (seinode.ok()) {
    const json condition = ConditionOf(*seinode, "SidecarReady");
    if (!condition.is_null()) {
      sidecar_ready = absl::StrCat(Str(condition, "status"), "/", Str(condition, "reason"));
    }
  }
  return absl::StrCat(seinode.ok() ? DescribeSeiNode(*seinode) : seinode.status().ToString(),
                      " SidecarReady=", sidecar_ready, "; pod: ",
                      pod.ok() ? absl::StrCat("uid=", UidOf(*pod), " ready=", PodReady(*pod))
                               : pod.status().ToString(),
                      "; sidecar ready=", cluster.sidecars().Ready(kNs, node));
}

// Waits until the node is Running with no plan and its pod is Ready: a
// settled node, so the next pod-touching task starts from a known pod.
absl::Status WaitForSettled(E2eCluster& cluster, const std::string& node) {
  return WaitFor(
      absl::StrCat("SeiNode ", node, " Running with no plan and its pod Ready"),
      [&](std::string* seen) {
        absl::StatusOr<json> seinode = cluster.Get(res::kSeiNode, kNs, node);
        if (!seinode.ok()) {
          *seen = seinode.status().ToString();
          return false;
        }
        absl::StatusOr<json> pod = NodePod(cluster, node);
        *seen = DescribeTarget(cluster, node);
        return PhaseOf(*seinode) == "Running" && !(*seinode)["status"].contains("plan") &&
               pod.ok() && PodReady(*pod);
      },
      kPodTaskTimeout);
}

// Checks that `condition` holds on every look for `duration` (an absence can
// only be asserted over time). FailedPrecondition with what it saw on the
// first look where it did not hold.
absl::Status HoldsFor(absl::string_view description, const WaitCondition& condition,
                      absl::Duration duration) {
  const absl::Time end = absl::Now() + duration;
  while (true) {
    std::string seen;
    if (!condition(&seen)) {
      return absl::FailedPreconditionError(
          absl::StrCat("stopped holding: ", description, "; seen: ", seen));
    }
    if (absl::Now() >= end) return absl::OkStatus();
    absl::SleepFor(std::min(absl::Milliseconds(200), end - absl::Now()));
  }
}

// ---- The suite ----

struct Suite {
  std::unique_ptr<E2eCluster> cluster;
  std::unique_ptr<OperatorProcess> op;
  // Every event of every SeiNodeTask, from before the first one.
  std::unique_ptr<WatchRecorder> tasks;
  // Every event of the target's pods.
  std::unique_ptr<WatchRecorder> target_pods;
};

// "ADDED uid=<uid> ready=<0|1>; ..." for every recorded event of the
// target's pods.
std::string TargetPodHistory(const Suite& suite) {
  std::vector<std::string> history;
  for (const RecordedEvent& event : suite.target_pods->Events()) {
    history.push_back(
        absl::StrCat(event.type, " uid=", UidOf(event.object), " ready=", PodReady(event.object)));
  }
  return absl::StrJoin(history, "; ");
}

// What a wait for a pod-replacing task adds to its timeout message.
std::function<std::string()> PodReplacementContext(Suite& suite) {
  return [&suite] {
    return absl::StrCat("target: ", DescribeTarget(*suite.cluster, kTarget),
                        "; target pod events: ", TargetPodHistory(suite));
  };
}

absl::StatusOr<std::unique_ptr<Suite>> StartSuite() {
  auto suite = std::make_unique<Suite>();
  absl::StatusOr<std::unique_ptr<E2eCluster>> cluster = E2eCluster::Start({"nodetask-e2e"});
  if (!cluster.ok()) return cluster.status();
  suite->cluster = *std::move(cluster);
  E2eCluster& c = *suite->cluster;

  // Scripting before anything runs: the lonely node's height waits never
  // end (its init plan runs no await-condition).
  sim::OutcomeRule forever;
  forever.task_type = kRunsForeverType;
  forever.ns = kNs;
  forever.node = kLonely;
  forever.outcome = sim::Outcome::RunForever();
  c.sidecars().SetOutcome(forever);

  absl::StatusOr<std::unique_ptr<WatchRecorder>> tasks = c.Record(res::kSeiNodeTask, kNs);
  if (!tasks.ok()) return tasks.status();
  suite->tasks = *std::move(tasks);
  absl::StatusOr<std::unique_ptr<WatchRecorder>> pods =
      c.Record(res::kPod, kNs, absl::StrCat("sei.io/node=", kTarget));
  if (!pods.ok()) return pods.status();
  suite->target_pods = *std::move(pods);

  absl::StatusOr<std::unique_ptr<OperatorProcess>> op = OperatorProcess::Start(c, {"operator"});
  if (!op.ok()) return op.status();
  suite->op = *std::move(op);

  if (absl::Status s = c.Apply(absl::StrCat(TargetManifest(), LonelyManifest())); !s.ok()) {
    return s;
  }
  // Settled, not just Running: a node that has just turned Running may
  // still roll its pod once to stamp its images.
  for (const char* node : {kTarget, kLonely}) {
    absl::Status s = c.WaitForPhase(kNs, node, "Running", kInitTimeout);
    if (s.ok()) s = WaitForSettled(c, node);
    if (!s.ok()) {
      return absl::Status(
          s.code(), absl::StrCat(s.message(), "\noperator log tail:\n", suite->op->LogTail()));
    }
  }
  if (absl::Status s = c.Apply(Documents(IndependentTasks())); !s.ok()) return s;
  return suite;
}

// Started by the first test case that needs it, torn down (operator killed,
// control plane stopped) when the binary exits. A failed start fails every
// test case with the same error.
absl::StatusOr<std::unique_ptr<Suite>>* started_suite = nullptr;

absl::StatusOr<Suite*> SharedSuite() {
  if (started_suite == nullptr) {
    started_suite = new absl::StatusOr<std::unique_ptr<Suite>>(StartSuite());
  }
  if (!started_suite->ok()) return started_suite->status();
  return started_suite->value().get();
}

struct SuiteTeardown {
  ~SuiteTeardown() { delete started_suite; }
} suite_teardown;

// ---- Shared checks ----

void CheckCondition(const json& task, const std::string& type, const std::string& status,
                    const std::string& reason, const std::string& message) {
  const json condition = ConditionOf(task, type);
  INFO("condition " << type << " of " << DescribeTask(task));
  REQUIRE_FALSE(condition.is_null());
  CHECK(Str(condition, "status") == status);
  CHECK(Str(condition, "reason") == reason);
  CHECK(Str(condition, "message") == message);
  CHECK(condition.value("observedGeneration", 0) == task["metadata"].value("generation", -1));
}

// status.task.id is UUIDv5 of "<metadata.uid>/<spec.kind>/0" (§12).
std::string ExpectedTaskId(const json& task) {
  return planner::TaskId(UidOf(task), Str(task["spec"], "kind"), 0);
}

// The terminal success every kind ends with (§8, §10.1, §17.3).
void CheckComplete(const json& task, const std::string& target) {
  INFO(DescribeTask(task));
  REQUIRE(TaskPhaseOf(task) == "Complete");
  const json execution = ExecutionOf(task);
  REQUIRE(execution.is_object());
  CHECK(Str(execution, "id") == ExpectedTaskId(task));
  CHECK(Str(execution, "status") == "Complete");
  CHECK(Str(execution, "err").empty());
  CHECK(TimeAt(execution, "submittedAt") != absl::InfinitePast());
  CHECK(TimeAt(execution, "executionStartedAt") != absl::InfinitePast());
  CheckCondition(task, "Ready", "True", "TaskComplete", "");
  CheckCondition(task, "TargetReady", "True", "PhaseMet",
                 absl::StrCat("target ", target, " is Running"));
  CHECK(ConditionOf(task, "Failed").is_null());
  CHECK(task["status"].value("observedGeneration", 0) == task["metadata"].value("generation", -1));
  CHECK(TimeAt(task["status"], "startedAt") != absl::InfinitePast());
  CHECK(TimeAt(task["status"], "phaseTransitionTime") != absl::InfinitePast());
  CHECK_FALSE(task["status"].contains("targetFirstObservedAt"));
}

// The terminal failure of a task (§10.1, §10.2).
void CheckFailed(const json& task, const std::string& reason, const std::string& message) {
  INFO(DescribeTask(task));
  REQUIRE(TaskPhaseOf(task) == "Failed");
  CheckCondition(task, "Failed", "True", reason, message);
  CHECK(ConditionOf(task, "Ready").is_null());
  CHECK(task["status"].value("observedGeneration", 0) == task["metadata"].value("generation", -1));
  CHECK(TimeAt(task["status"], "startedAt") != absl::InfinitePast());
  CHECK(TimeAt(task["status"], "phaseTransitionTime") != absl::InfinitePast());
}

// The one submission the target's sidecar got for a completed sidecar task
// (D4: submitted at most once), of `type`; its params.
json CheckSingleSubmission(E2eCluster& cluster, const std::string& node, const json& task,
                           const std::string& type) {
  const std::string id = Str(ExecutionOf(task), "id");
  const std::vector<sim::RecordedSubmission> submissions = SubmissionsOf(cluster, node, id);
  INFO("submissions to " << node << ": " << DescribeSubmissions(cluster, node));
  REQUIRE(submissions.size() == 1);
  CHECK(submissions[0].type == type);
  CHECK((submissions[0].status == 201 || submissions[0].status == 202));
  std::optional<sim::TaskRecord> record = cluster.sidecars().Task(kNs, node, id);
  REQUIRE(record.has_value());
  CHECK(record->status == sim::TaskStatus::kCompleted);
  CHECK(record->run == 1);
  return json::parse(submissions[0].params.dump());
}

// The pod of the target replaced by a RestartPod task that restarted
// `old_uid` (§14.2): the new pod is Ready under another UID, and the old
// one was deleted (seen by the pod watch).
void CheckPodReplaced(Suite& suite, const json& task, const std::string& old_uid) {
  E2eCluster& cluster = *suite.cluster;
  INFO(DescribeTask(task));
  CHECK(Str(ExecutionOf(task), "restartedPodUID") == old_uid);
  absl::StatusOr<json> pod = NodePod(cluster, kTarget);
  REQUIRE(pod.status() == absl::OkStatus());
  INFO("live pod uid " << UidOf(*pod) << ", restarted " << old_uid);
  CHECK(UidOf(*pod) != old_uid);
  CHECK(PodReady(*pod));
  bool old_deleted = false;
  for (const RecordedEvent& event : suite.target_pods->Events()) {
    old_deleted = old_deleted || (event.type == "DELETED" && UidOf(event.object) == old_uid);
  }
  INFO("target pod events: " << TargetPodHistory(suite));
  CHECK(old_deleted);
  // A controller kind: nothing went to the sidecar under the task's ID.
  CHECK(SubmissionsOf(cluster, kTarget, Str(ExecutionOf(task), "id")).empty());
  CHECK_FALSE(task["status"].contains("outputs"));
}

// ---- Scenario 1: every kind completes against a Running node ----

TEST_CASE("Every sidecar kind completes against a Running node, submitted once",
          "[nodetask][kinds]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;

  struct Expected {
    const char* name;
    const char* type;
  };
  const Expected expected[] = {{kGovUpgrade, "gov-software-upgrade"},
                               {kGovVote, "gov-vote"},
                               {kAwaitCondition, "await-condition"},
                               {kAwaitHeight, "await-condition"},
                               {kDiscover, "discover-peers"}};
  std::map<std::string, json> params;
  for (const Expected& e : expected) {
    INFO(e.name);
    absl::StatusOr<json> task = WaitForTerminal(cluster, e.name, kSidecarTaskTimeout);
    REQUIRE(task.status() == absl::OkStatus());
    CheckComplete(*task, kTarget);
    // Sidecar kinds write no outputs (§3).
    CHECK_FALSE((*task)["status"].contains("outputs"));
    params[e.name] = CheckSingleSubmission(cluster, kTarget, *task, e.type);
  }

  // The wire params of §13.2; gov keyName derived for a non-validator (§13.3).
  json upgrade = GovUpgradePayload();
  upgrade["keyName"] = "validator";
  CHECK(params[kGovUpgrade] == upgrade);
  json vote = GovVotePayload(7);
  vote["keyName"] = "validator";
  CHECK(params[kGovVote] == vote);
  CHECK(params[kAwaitCondition] == json({{"condition", "height"}, {"targetHeight", 100}}));
  CHECK(params[kAwaitHeight] == json({{"condition", "height"}, {"targetHeight", 120}}));
  CHECK(params[kDiscover] ==
        json({{"sources", json::array({{{"type", "static"}, {"addresses", {kPeer}}}})}}));
  // DiscoverPeers wrote the target's persistent peers (§14.1).
  CHECK(cluster.sidecars().PersistentPeers(kNs, kTarget).value_or("<unset>") == kPeer);
}

TEST_CASE("UpdateNodeImage sets the target's image and reports the applied image",
          "[nodetask][kinds]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;
  REQUIRE(WaitForSettled(cluster, kTarget) == absl::OkStatus());

  REQUIRE(cluster.Apply(Documents({Task(kUpdateImage, "UpdateNodeImage", kTarget, "updateNodeImage",
                                        {{"image", kNewImage}})})) == absl::OkStatus());
  absl::StatusOr<json> task =
      WaitForTerminal(cluster, kUpdateImage, kPodTaskTimeout, PodReplacementContext(**suite));
  REQUIRE(task.status() == absl::OkStatus());
  CheckComplete(*task, kTarget);
  INFO(DescribeTask(*task));
  CHECK((*task)["status"].value("outputs", json::object()) ==
        json({{"updateNodeImage", {{"appliedImage", kNewImage}}}}));
  // A controller kind: nothing went to the sidecar under the task's ID.
  CHECK(SubmissionsOf(cluster, kTarget, Str(ExecutionOf(*task), "id")).empty());

  absl::StatusOr<json> node = cluster.Get(res::kSeiNode, kNs, kTarget);
  REQUIRE(node.status() == absl::OkStatus());
  INFO(DescribeSeiNode(*node));
  CHECK(Str((*node)["spec"], "image") == kNewImage);
  // Completion means the SeiNode controller observed the rollout (§14.3).
  CHECK(Str((*node)["status"], "currentImage") == kNewImage);
  // The image went in by server-side apply under the task's field manager.
  std::vector<std::string> managers;
  for (const json& entry : (*node)["metadata"].value("managedFields", json::array())) {
    managers.push_back(absl::StrCat(Str(entry, "manager"), "/", Str(entry, "operation")));
  }
  INFO("managedFields: " << absl::StrJoin(managers, ", "));
  CHECK(std::find(managers.begin(), managers.end(), "seinode-task-controller/Apply") !=
        managers.end());

  // The node finishes its roll on the new image.
  REQUIRE(WaitForSettled(cluster, kTarget) == absl::OkStatus());
  absl::StatusOr<json> pod = NodePod(cluster, kTarget);
  REQUIRE(pod.status() == absl::OkStatus());
  bool runs_new_image = false;
  for (const json& container : (*pod)["spec"]["containers"]) {
    runs_new_image = runs_new_image || Str(container, "image") == kNewImage;
  }
  CHECK(runs_new_image);
}

TEST_CASE("RestartPod replaces the live pod it names and completes once a new one is Ready",
          "[nodetask][kinds]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;
  REQUIRE(WaitForSettled(cluster, kTarget) == absl::OkStatus());

  absl::StatusOr<std::string> uid = KubectlPodUid(cluster, kTarget);
  REQUIRE(uid.status() == absl::OkStatus());
  REQUIRE(cluster.Apply(Documents({RestartPodTask(kRestart, *uid, 0)})) == absl::OkStatus());
  absl::StatusOr<json> task =
      WaitForTerminal(cluster, kRestart, kPodTaskTimeout, PodReplacementContext(**suite));
  REQUIRE(task.status() == absl::OkStatus());
  CheckComplete(*task, kTarget);
  CheckPodReplaced(**suite, *task, *uid);
}

// ---- Scenario 2: nodetask.md §17.1 ----

TEST_CASE("DiscoverPeers then RestartPod, in sequence, refresh a live node's peers",
          "[nodetask][pair]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;
  REQUIRE(WaitForSettled(cluster, kTarget) == absl::OkStatus());

  REQUIRE(cluster.Apply(Documents({Task(kPairDiscover, "DiscoverPeers", kTarget, "discoverPeers",
                                        json::object())})) == absl::OkStatus());
  absl::StatusOr<json> refresh = WaitForTerminal(cluster, kPairDiscover, kSidecarTaskTimeout);
  REQUIRE(refresh.status() == absl::OkStatus());
  CheckComplete(*refresh, kTarget);
  const json sent = CheckSingleSubmission(cluster, kTarget, *refresh, "discover-peers");
  CHECK(sent == json({{"sources", json::array({{{"type", "static"}, {"addresses", {kPeer}}}})}}));
  CHECK(cluster.sidecars().PersistentPeers(kNs, kTarget).value_or("<unset>") == kPeer);

  // Created only after the first reports Ready; the UID read just before.
  CheckCondition(*refresh, "Ready", "True", "TaskComplete", "");
  absl::StatusOr<std::string> uid = KubectlPodUid(cluster, kTarget);
  REQUIRE(uid.status() == absl::OkStatus());
  REQUIRE(cluster.Apply(Documents({RestartPodTask(kPairRestart, *uid, 900)})) == absl::OkStatus());
  absl::StatusOr<json> restart =
      WaitForTerminal(cluster, kPairRestart, kPodTaskTimeout, PodReplacementContext(**suite));
  REQUIRE(restart.status() == absl::OkStatus());
  CheckComplete(*restart, kTarget);
  CheckPodReplaced(**suite, *restart, *uid);
  // The restarted sidecar keeps its volume: the refreshed peers are what the
  // new seid reads.
  CHECK(cluster.sidecars().PersistentPeers(kNs, kTarget).value_or("<unset>") == kPeer);
}

// ---- Scenario 3: requirePhase never met ----

TEST_CASE("A requirePhase the target never reaches fails after requirePhaseTimeout",
          "[nodetask][failure]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;

  absl::StatusOr<json> task = WaitForTerminal(cluster, kPhaseNeverMet, absl::Seconds(60));
  REQUIRE(task.status() == absl::OkStatus());
  const std::string message =
      absl::StrCat("target \"", kLonely, "\" did not reach phase \"", kNeverPhase, "\" within ",
                   kRequirePhaseTimeout, " (current: \"Running\")");
  CheckFailed(*task, "TargetResolveFailed", message);
  // D2: TargetReady says why, with the same text.
  CheckCondition(*task, "TargetReady", "False", "ResolveTimeout", message);
  INFO(DescribeTask(*task));
  // Never dispatched: no task, nothing sent.
  CHECK(ExecutionOf(*task).is_null());
  // The wait is measured from targetFirstObservedAt and ends after the
  // timeout, not before; the 5 s re-check makes it end within ~10 s.
  const absl::Time first_seen = TimeAt((*task)["status"], "targetFirstObservedAt");
  const absl::Time failed_at = TimeAt((*task)["status"], "phaseTransitionTime");
  REQUIRE(first_seen != absl::InfinitePast());
  INFO("waited " << absl::FormatDuration(failed_at - first_seen));
  CHECK(failed_at - first_seen > absl::Seconds(5));
  CHECK(failed_at - first_seen < absl::Seconds(30));

  // D1/D2: while waiting it was Pending with TargetReady=False/PhaseNotMet.
  const std::string waiting = absl::StrCat("waiting for target ", kLonely, " to reach ",
                                           kNeverPhase, " (current: Running)");
  bool seen_waiting = false;
  std::vector<std::string> history;
  for (const RecordedEvent& event : (*suite)->tasks->Events()) {
    if (Str(event.object["metadata"], "name") != kPhaseNeverMet) continue;
    history.push_back(absl::StrCat(event.type, " ", DescribeTask(event.object)));
    const json ready = ConditionOf(event.object, "TargetReady");
    seen_waiting = seen_waiting ||
                   (TaskPhaseOf(event.object) == "Pending" && Str(ready, "status") == "False" &&
                    Str(ready, "reason") == "PhaseNotMet" && Str(ready, "message") == waiting);
  }
  INFO("history: " << absl::StrJoin(history, " | "));
  CHECK(seen_waiting);
  CHECK(WaitForWarning(cluster, kPhaseNeverMet, "TargetResolveFailed", message) ==
        absl::OkStatus());
}

// ---- Scenario 4: execution timeout ----

TEST_CASE("A sidecar task that never finishes fails with Timeout after timeoutSeconds",
          "[nodetask][failure]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;

  // The check runs after a poll: at most one running requeue past the budget.
  absl::StatusOr<json> task = WaitForTerminal(
      cluster, kRunsForever,
      absl::Seconds(kExecutionTimeoutSeconds) + kRunningRequeue + absl::Seconds(40));
  REQUIRE(task.status() == absl::OkStatus());
  const std::string message =
      absl::StrCat("task did not complete within ", kExecutionTimeoutSeconds, "s");
  CheckFailed(*task, "Timeout", message);
  CheckCondition(*task, "TargetReady", "True", "PhaseMet",
                 absl::StrCat("target ", kLonely, " is Running"));
  INFO(DescribeTask(*task));
  const json execution = ExecutionOf(*task);
  REQUIRE(execution.is_object());
  CHECK(Str(execution, "id") == ExpectedTaskId(*task));
  CHECK(Str(execution, "status") == "Failed");
  CHECK(Str(execution, "err") == "timeout");
  CHECK(TimeAt(execution, "submittedAt") != absl::InfinitePast());
  // Strictly later than executionStartedAt + budget (§6).
  const absl::Duration ran =
      TimeAt((*task)["status"], "phaseTransitionTime") - TimeAt(execution, "executionStartedAt");
  INFO("ran " << absl::FormatDuration(ran));
  CHECK(ran > absl::Seconds(kExecutionTimeoutSeconds));
  CHECK(ran < absl::Seconds(kExecutionTimeoutSeconds) + kRunningRequeue + absl::Seconds(15));

  // Submitted once; the sidecar's run is still going (nothing cancels it).
  const std::string id = Str(execution, "id");
  INFO("submissions to " << kLonely << ": " << DescribeSubmissions(cluster, kLonely));
  const std::vector<sim::RecordedSubmission> submissions = SubmissionsOf(cluster, kLonely, id);
  REQUIRE(submissions.size() == 1);
  CHECK(submissions[0].type == kRunsForeverType);
  std::optional<sim::TaskRecord> record = cluster.sidecars().Task(kNs, kLonely, id);
  REQUIRE(record.has_value());
  CHECK(record->status == sim::TaskStatus::kRunning);
  CHECK(WaitForWarning(cluster, kRunsForever, "Timeout", message) == absl::OkStatus());
}

// ---- Scenario 5: DiscoverPeers with no usable peer sources ----

TEST_CASE("DiscoverPeers on a node without usable peer sources fails fast", "[nodetask][failure]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;

  // The default budget is 2 min; failing fast means well within it.
  absl::StatusOr<json> task = WaitForTerminal(cluster, kNoPeers, absl::Seconds(60));
  REQUIRE(task.status() == absl::OkStatus());
  const std::string message = absl::StrCat(
      "target SeiNode \"", kLonely,
      "\" has no usable peer sources to discover (empty spec.peers, or only label sources with "
      "unresolved status.resolvedPeers)");
  CheckFailed(*task, "ParamsBuildFailed", message);
  CheckCondition(*task, "TargetReady", "True", "PhaseMet",
                 absl::StrCat("target ", kLonely, " is Running"));
  INFO(DescribeTask(*task));
  // §17.4 with D8: the synthesized task carries the failure.
  const json execution = ExecutionOf(*task);
  REQUIRE(execution.is_object());
  CHECK(Str(execution, "id") == ExpectedTaskId(*task));
  CHECK(Str(execution, "status") == "Failed");
  CHECK(Str(execution, "err") == message);
  CHECK_FALSE(execution.contains("submittedAt"));
  const absl::Time started = TimeAt(execution, "executionStartedAt");
  REQUIRE(started != absl::InfinitePast());
  const absl::Duration took = TimeAt((*task)["status"], "phaseTransitionTime") - started;
  INFO("failed " << absl::FormatDuration(took) << " after synthesis");
  CHECK(took <= absl::Seconds(5));
  // No sidecar call under the task's ID.
  INFO("submissions to " << kLonely << ": " << DescribeSubmissions(cluster, kLonely));
  CHECK(SubmissionsOf(cluster, kLonely, Str(execution, "id")).empty());
  CHECK(WaitForWarning(cluster, kNoPeers, "ParamsBuildFailed", message) == absl::OkStatus());
}

// ---- Scenario 6: the target does not exist ----

TEST_CASE("A task whose target does not exist fails with TargetResolveFailed",
          "[nodetask][failure]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;

  // D3: a NotFound confirmed by an uncached read fails at once, without
  // waiting for requirePhaseTimeout (5 min by default).
  absl::StatusOr<json> task = WaitForTerminal(cluster, kOrphan, absl::Seconds(60));
  REQUIRE(task.status() == absl::OkStatus());
  const std::string message =
      absl::StrCat("target SeiNode \"", kMissing, "\" not found in namespace \"", kNs, "\"");
  CheckFailed(*task, "TargetResolveFailed", message);
  // D2: the new TargetNotFound reason.
  CheckCondition(*task, "TargetReady", "False", "TargetNotFound", message);
  INFO(DescribeTask(*task));
  CHECK(ExecutionOf(*task).is_null());
  const absl::Duration took = TimeAt((*task)["status"], "phaseTransitionTime") -
                              TimeAt((*task)["metadata"], "creationTimestamp");
  INFO("failed " << absl::FormatDuration(took) << " after creation");
  CHECK(took < absl::Seconds(30));
  CHECK(WaitForWarning(cluster, kOrphan, "TargetResolveFailed", message) == absl::OkStatus());
}

// ---- Scenario 7: terminal tasks are never run again ----

TEST_CASE("A completed task is never submitted or written again, however often it is woken",
          "[nodetask][terminal]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());
  E2eCluster& cluster = *(*suite)->cluster;
  OperatorProcess& op = *(*suite)->op;

  absl::StatusOr<json> task = WaitForTerminal(cluster, kVoteOnce, kSidecarTaskTimeout);
  REQUIRE(task.status() == absl::OkStatus());
  CheckComplete(*task, kTarget);
  CheckSingleSubmission(cluster, kTarget, *task, "gov-vote");
  const std::string id = Str(ExecutionOf(*task), "id");
  const std::string version = Str((*task)["metadata"], "resourceVersion");
  REQUIRE_FALSE(version.empty());

  // The task is unchanged and submitted once, as the sidecar and the store see it.
  const WaitCondition untouched = [&](std::string* seen) {
    absl::StatusOr<json> now = cluster.Get(res::kSeiNodeTask, kNs, kVoteOnce);
    if (!now.ok()) {
      *seen = now.status().ToString();
      return false;
    }
    const size_t submitted = SubmissionsOf(cluster, kTarget, id).size();
    std::optional<sim::TaskRecord> record = cluster.sidecars().Task(kNs, kTarget, id);
    *seen = absl::StrCat("resourceVersion ", Str((*now)["metadata"], "resourceVersion"), " (was ",
                         version, "), ", submitted, " submission(s), sidecar run ",
                         record.has_value() ? record->run : 0, "; ", DescribeTask(*now));
    return Str((*now)["metadata"], "resourceVersion") == version && submitted == 1 &&
           record.has_value() && record->run == 1 && record->status == sim::TaskStatus::kCompleted;
  };

  // Each SeiNode update wakes every task that targets the node (§16.1), so
  // the task controller's reconcile counter grows by at least their number.
  absl::StatusOr<std::vector<json>> all_tasks = cluster.List(res::kSeiNodeTask, kNs);
  REQUIRE(all_tasks.status() == absl::OkStatus());
  const double woken = std::count_if(all_tasks->begin(), all_tasks->end(), [](const json& t) {
    return Str(t["spec"]["target"]["nodeRef"], "name") == kTarget;
  });
  REQUIRE(woken >= 1);
  const auto task_reconciles = [&]() -> absl::StatusOr<double> {
    absl::StatusOr<std::vector<MetricSample>> samples = op.Metrics();
    if (!samples.ok()) return samples.status();
    return SumOf(*samples, "sei_controller_reconcile_total", {{"controller", "seinodetask"}});
  };
  constexpr int kWakeUps = 3;
  for (int i = 1; i <= kWakeUps; ++i) {
    INFO("wake-up " << i);
    absl::StatusOr<double> before = task_reconciles();
    REQUIRE(before.status() == absl::OkStatus());
    const std::vector<std::string> annotate = {"annotate",
                                               "seinode",
                                               kTarget,
                                               "-n",
                                               kNs,
                                               "--overwrite",
                                               absl::StrCat("e2e.sei.io/wake-up=", i)};
    absl::StatusOr<CommandResult> annotated = cluster.Kubectl(annotate);
    REQUIRE(annotated.status() == absl::OkStatus());
    INFO("kubectl " << absl::StrJoin(annotate, " ") << ": " << annotated->status.ToString() << " "
                    << annotated->err);
    REQUIRE(annotated->status.exited);
    REQUIRE(annotated->status.code == 0);
    CHECK(WaitFor(
              absl::StrCat("the task controller to reconcile the ", woken,
                           " tasks of the SeiNode after its update"),
              [&](std::string* seen) {
                absl::StatusOr<double> after = task_reconciles();
                if (!after.ok()) {
                  *seen = after.status().ToString();
                  return false;
                }
                *seen = absl::StrCat("seinodetask reconciles ", *after, " (before: ", *before, ")");
                return *after >= *before + woken;
              },
              absl::Seconds(20)) == absl::OkStatus());
    std::string seen;
    const bool unchanged = untouched(&seen);
    INFO(seen);
    CHECK(unchanged);
  }
  // And nothing happens afterwards either.
  CHECK(HoldsFor("the completed task untouched", untouched, absl::Seconds(5)) == absl::OkStatus());
}

// ---- Every task: the recorded history ----

// Where a phase stands in the machine "" → Pending → Running → Complete |
// Failed (§9, D1); -1 for anything else.
int PhaseRank(const std::string& phase) {
  if (phase.empty()) return 0;
  if (phase == "Pending") return 1;
  if (phase == "Running") return 2;
  if (phase == "Complete" || phase == "Failed") return 3;
  return -1;
}

// Runs last: by now every task of the file has ended.
TEST_CASE("Every task's recorded history moves forward and ends at its terminal write",
          "[nodetask][history]") {
  absl::StatusOr<Suite*> suite = SharedSuite();
  REQUIRE(suite.status() == absl::OkStatus());

  std::map<std::string, std::vector<RecordedEvent>> by_task;
  for (RecordedEvent& event : (*suite)->tasks->Events()) {
    by_task[Str(event.object["metadata"], "name")].push_back(std::move(event));
  }
  // The suite created these; the pod-touching test cases create the rest.
  for (const json& task : IndependentTasks()) {
    const std::string name = Str(task["metadata"], "name");
    INFO(name);
    CHECK(by_task.count(name) == 1);
  }
  for (const auto& [name, events] : by_task) {
    std::vector<std::string> history;
    for (const RecordedEvent& event : events) {
      history.push_back(absl::StrCat(event.type,
                                     " rv=", Str(event.object["metadata"], "resourceVersion"), " ",
                                     DescribeTask(event.object)));
    }
    INFO("SeiNodeTask " << name << ": " << absl::StrJoin(history, " | "));
    int rank = 0;
    int writes_after_terminal = 0;
    bool terminal = false;
    bool synthesis_seen = false;
    const json* previous = nullptr;
    for (const RecordedEvent& event : events) {
      if (event.type == "DELETED") continue;
      if (terminal) {
        ++writes_after_terminal;  // §9: never written again
        continue;
      }
      const json status = event.object.value("status", json::object());
      const std::string phase = TaskPhaseOf(event.object);
      if (previous != nullptr) {
        const json before = previous->value("status", json::object());
        // phaseTransitionTime moves only with the phase (§9).
        if (TaskPhaseOf(*previous) == phase) {
          CHECK(before.value("phaseTransitionTime", json()) ==
                status.value("phaseTransitionTime", json()));
        }
        // Set once, never changed (§8, §8.1).
        if (before.contains("startedAt"))
          CHECK(before["startedAt"] == status.value("startedAt", json()));
        const json was = before.value("task", json::object());
        const json now = status.value("task", json::object());
        for (const char* key : {"id", "executionStartedAt", "submittedAt", "restartedPodUID"}) {
          INFO("status.task." << key);
          if (was.contains(key)) CHECK(was[key] == now.value(key, json()));
        }
      }
      previous = &event.object;
      // §11.1 step 6, §16.2: synthesis is persisted on its own, before any
      // side effect, so the first state with a task has not been submitted.
      if (!synthesis_seen && status.contains("task")) {
        synthesis_seen = true;
        CHECK_FALSE(status["task"].contains("submittedAt"));
        CHECK(Str(status["task"], "status") == "Pending");
      }
      const int next = PhaseRank(phase);
      CHECK(next >= rank);
      rank = std::max(rank, next);
      const bool has_task = ExecutionOf(event.object).is_object();
      // D1: without status.task a reconciled object is Pending; with one, Running.
      if (phase == "Pending") CHECK_FALSE(has_task);
      if (phase == "Running") CHECK(has_task);
      // D2: TargetReady is present once the object has been reconciled.
      if (!phase.empty()) CHECK_FALSE(ConditionOf(event.object, "TargetReady").is_null());
      terminal = next == 3;
      // Ready and Failed are latches, present only on the terminal state.
      if (!terminal) {
        CHECK(ConditionOf(event.object, "Ready").is_null());
        CHECK(ConditionOf(event.object, "Failed").is_null());
      }
    }
    CHECK(terminal);
    CHECK(writes_after_terminal == 0);
  }

  // The operator's view (§16.4): each task's phase gauge is 1 for its
  // terminal phase only, and the transitions into Complete and Failed count
  // each task once.
  absl::StatusOr<std::vector<MetricSample>> samples = (*suite)->op->Metrics();
  REQUIRE(samples.status() == absl::OkStatus());
  std::map<std::string, int> terminal_phases;
  for (const auto& entry : by_task) {
    const std::string& name = entry.first;
    absl::StatusOr<json> task = (*suite)->cluster->Get(res::kSeiNodeTask, kNs, name);
    REQUIRE(task.status() == absl::OkStatus());
    const std::string phase = TaskPhaseOf(*task);
    if (PhaseRank(phase) != 3) continue;  // reported above
    ++terminal_phases[phase];
    INFO(name << " " << DescribeTask(*task));
    CHECK(SumOf(*samples, "sei_controller_seinodetask_phase",
                {{"namespace", kNs}, {"name", name}, {"phase", phase}}) == 1);
    CHECK(SumOf(*samples, "sei_controller_seinodetask_phase",
                {{"namespace", kNs}, {"name", name}}) == 1);
  }
  for (const char* phase : {"Complete", "Failed"}) {
    INFO(phase);
    CHECK(SumOf(*samples, "sei_controller_seinodetask_phase_transitions_total",
                {{"controller", "seinodetask"}, {"namespace", kNs}, {"to_phase", phase}}) ==
          terminal_phases[phase]);
  }
  // Scenarios 3-6 fail; every other task completes.
  CHECK(terminal_phases["Failed"] == 4);
}

}  // namespace
}  // namespace sei::e2e
