// The operator end to end when its process goes away: SIGKILLed in the
// middle of a plan (a new process resumes the persisted plan without
// repeating a sidecar submission), and two replicas with leader election
// (one acts, the other waits, and takes over when the leader is stopped).
#include <signal.h>

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
#include "cmd/operator/e2e/operator_process.h"
#include "cmd/operator/e2e/prometheus_text.h"
#include "cmd/operator/e2e/seinode_view.h"
#include "cmd/operator/e2e/wait_for.h"
#include "cmd/operator/e2e/watch_recorder.h"
#include "lib/controlplane/sidecar/outcome_rules.h"
#include "lib/controlplane/sidecar/sidecar.h"
#include "lib/k8s/resource.h"

namespace sei::e2e {
namespace {

namespace res = k8s::resources;
namespace sim = controlplane::sidecar;
using nlohmann::json;

constexpr char kNs[] = "default";
constexpr char kImage[] = "ghcr.io/sei-protocol/sei:v6.3.0";
// A plan takes seconds; a held task is polled every 5 s; the machine may
// be loaded.
constexpr absl::Duration kInitTimeout = absl::Seconds(90);
// The operator binary's default --leader-election-id, in the default
// namespace (no POD_NAMESPACE).
constexpr char kLeaseName[] = "bc1f5b0a.sei.io";
constexpr char kBecameLeader[] = "became the leader; starting controllers";

std::string FullNodeManifest(absl::string_view name) {
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
                      kImage, R"("
  fullNode: {}
)");
}

json MustGet(E2eCluster& cluster, const k8s::Resource& resource, absl::string_view ns,
             absl::string_view name) {
  absl::StatusOr<json> object = cluster.Get(resource, ns, name);
  INFO(absl::StrCat(resource.kind, " ", ns, "/", name));
  REQUIRE(object.status() == absl::OkStatus());
  return *object;
}

// Submissions of (kNs, node) counted by task ID.
std::map<std::string, int> SubmissionsById(E2eCluster& cluster, absl::string_view node) {
  std::map<std::string, int> counts;
  for (const sim::RecordedSubmission& submission : cluster.sidecars().Submissions(kNs, node)) {
    ++counts[submission.id];
  }
  return counts;
}

TEST_CASE("A SIGKILLed operator's plan is resumed by the next one without resubmissions",
          "[resilience][restart]") {
  constexpr char kNode[] = "e2e-resume";
  // Held running until released below: the plan is certainly mid-way
  // (config-validate in flight, the tasks before it done) at the kill.
  constexpr char kHeldTask[] = "config-validate";
  absl::StatusOr<std::unique_ptr<E2eCluster>> cluster = E2eCluster::Start({"resume"});
  REQUIRE(cluster.status() == absl::OkStatus());
  E2eCluster& c = **cluster;
  sim::OutcomeRule hold;
  hold.task_type = kHeldTask;
  hold.ns = kNs;
  hold.node = kNode;
  hold.outcome = sim::Outcome::RunForever();
  c.sidecars().SetOutcome(hold);

  absl::StatusOr<std::unique_ptr<OperatorProcess>> first =
      OperatorProcess::Start(c, {"operator-1"});
  REQUIRE(first.status() == absl::OkStatus());
  REQUIRE(c.Apply(FullNodeManifest(kNode)) == absl::OkStatus());

  json before_kill;
  REQUIRE(WaitFor(
              absl::StrCat(kHeldTask, " of SeiNode ", kNode,
                           " submitted to its sidecar, the tasks before it complete"),
              [&](std::string* seen) {
                absl::StatusOr<json> node = c.Get(res::kSeiNode, kNs, kNode);
                if (!node.ok()) {
                  *seen = node.status().ToString();
                  return false;
                }
                *seen = DescribeSeiNode(*node);
                const json held = PlanTask(*node, kHeldTask);
                if (held.is_null() || !held.contains("submittedAt")) return false;
                if (SubmissionsById(c, kNode).count(held.value("id", "")) == 0) return false;
                before_kill = *node;
                return true;
              },
              kInitTimeout) == absl::OkStatus());
  const std::string plan_id = PlanIdOf(before_kill);
  INFO("before the kill: " << DescribeSeiNode(before_kill));
  REQUIRE_FALSE(plan_id.empty());
  std::set<std::string> plan_task_ids;
  bool reached_held = false;
  for (const json& task : before_kill["status"]["plan"]["tasks"]) {
    plan_task_ids.insert(task.value("id", ""));
    if (task.value("type", "") == kHeldTask) reached_held = true;
    // Everything before the held task is done; it and everything after not.
    CHECK(task.value("status", "") == (reached_held ? "Pending" : "Complete"));
  }

  absl::StatusOr<ExitStatus> killed = (*first)->Kill();
  REQUIRE(killed.status() == absl::OkStatus());
  CHECK_FALSE(killed->exited);
  CHECK(killed->signal == SIGKILL);

  absl::StatusOr<std::unique_ptr<OperatorProcess>> second =
      OperatorProcess::Start(c, {"operator-2"});
  REQUIRE(second.status() == absl::OkStatus());
  // The new process finds the task in flight (a poll, not a submit) before
  // the sidecar lets it finish.
  CHECK(WaitFor(
            "operator-2 to poll a sidecar task",
            [&](std::string* seen) {
              absl::StatusOr<std::vector<MetricSample>> metrics = (*second)->Metrics();
              if (!metrics.ok()) {
                *seen = metrics.status().ToString();
                return false;
              }
              const double polls = SumOf(*metrics, "sei_controller_sidecar_calls_total",
                                         {{"call", "get_task"}, {"outcome", "ok"}});
              *seen = absl::StrCat(polls, " successful get_task calls");
              return polls > 0;
            },
            absl::Seconds(60)) == absl::OkStatus());
  sim::OutcomeRule release = hold;
  release.outcome = sim::Outcome::CompleteImmediately();
  c.sidecars().SetOutcome(release);  // later rule of the same scope wins

  // Until it is Running, any plan on the node is the one persisted before
  // the kill.
  std::set<std::string> plan_ids_seen;
  CHECK(WaitFor(
            absl::StrCat("SeiNode ", kNode, " to reach Running under operator-2"),
            [&](std::string* seen) {
              absl::StatusOr<json> node = c.Get(res::kSeiNode, kNs, kNode);
              if (!node.ok()) {
                *seen = node.status().ToString();
                return false;
              }
              *seen = DescribeSeiNode(*node);
              if (!PlanIdOf(*node).empty()) plan_ids_seen.insert(PlanIdOf(*node));
              return PhaseOf(*node) == "Running";
            },
            kInitTimeout) == absl::OkStatus());
  INFO("plan IDs seen after the restart: " << absl::StrJoin(plan_ids_seen, ", "));
  for (const std::string& id : plan_ids_seen) CHECK(id == plan_id);
  const json after = MustGet(c, res::kSeiNode, kNs, kNode);
  CHECK(after["status"].value("currentImage", "") == kImage);

  // Every sidecar submission belongs to the persisted plan, and none was
  // made twice; mark-ready, submitted only by operator-2, is among them.
  const std::map<std::string, int> submissions = SubmissionsById(c, kNode);
  std::vector<std::string> listed;
  for (const auto& [id, count] : submissions) listed.push_back(absl::StrCat(id, "x", count));
  INFO("submissions: " << absl::StrJoin(listed, ", "));
  for (const auto& [id, count] : submissions) {
    INFO(id);
    CHECK(count == 1);
    CHECK(plan_task_ids.count(id) == 1);
  }
  const json mark_ready = PlanTask(before_kill, "mark-ready");
  REQUIRE_FALSE(mark_ready.is_null());
  CHECK(submissions.count(mark_ready.value("id", "")) == 1);

  absl::StatusOr<ExitStatus> stopped = (*second)->Terminate();
  REQUIRE(stopped.status() == absl::OkStatus());
  CHECK(stopped->ToString() == "exit code 0");
}

// The identity an operator logged when it became the leader; "" if it did not.
std::string LeaderIdentity(const OperatorProcess& op) {
  std::vector<json> records = op.LogRecordsWithMessage(kBecameLeader);
  return records.empty() ? "" : records.front().value("identity", "");
}

std::string LeaseHolder(E2eCluster& cluster) {
  absl::StatusOr<json> lease = cluster.Get(res::kLease, kNs, kLeaseName);
  if (!lease.ok()) return "";
  return lease->value(json::json_pointer("/spec/holderIdentity"), "");
}

TEST_CASE("Two replicas: one leads, the standby stays idle and takes over on SIGTERM",
          "[resilience][leader-election]") {
  absl::StatusOr<std::unique_ptr<E2eCluster>> cluster = E2eCluster::Start({"leader-election"});
  REQUIRE(cluster.status() == absl::OkStatus());
  E2eCluster& c = **cluster;
  OperatorOptions options;
  options.leader_elect = true;  // lease 4s, renew 3s, retry 1s, API timeout 2s
  options.name = "operator-a";
  absl::StatusOr<std::unique_ptr<OperatorProcess>> a = OperatorProcess::Start(c, options);
  REQUIRE(a.status() == absl::OkStatus());
  options.name = "operator-b";
  absl::StatusOr<std::unique_ptr<OperatorProcess>> b = OperatorProcess::Start(c, options);
  REQUIRE(b.status() == absl::OkStatus());
  REQUIRE((*a)->WaitForLog("waiting to become the leader").status() == absl::OkStatus());
  REQUIRE((*b)->WaitForLog("waiting to become the leader").status() == absl::OkStatus());

  OperatorProcess* leader = nullptr;
  OperatorProcess* standby = nullptr;
  REQUIRE(WaitFor(
              "one of the two operators to become the leader",
              [&](std::string* seen) {
                const bool a_leads = !LeaderIdentity(**a).empty();
                const bool b_leads = !LeaderIdentity(**b).empty();
                *seen = absl::StrCat("operator-a leads: ", a_leads, ", operator-b leads: ", b_leads,
                                     ", lease holder: ", LeaseHolder(c));
                if (a_leads == b_leads) return false;
                leader = a_leads ? a->get() : b->get();
                standby = a_leads ? b->get() : a->get();
                return true;
              },
              absl::Seconds(30)) == absl::OkStatus());
  const std::string leader_identity = LeaderIdentity(*leader);
  INFO("leader " << leader->name() << " (" << leader_identity << "), standby " << standby->name());
  CHECK(absl::StartsWith(leader_identity, absl::StrCat(leader->name(), "_")));
  CHECK(LeaseHolder(c) == leader_identity);

  constexpr char kFirstNode[] = "e2e-leader-1";
  REQUIRE(c.Apply(FullNodeManifest(kFirstNode)) == absl::OkStatus());
  CHECK(c.WaitForPhase(kNs, kFirstNode, "Running", kInitTimeout) == absl::OkStatus());

  // A minute of work later the standby still never led, never started its
  // controllers, and never touched a SeiNode.
  CHECK(LeaderIdentity(*standby).empty());
  CHECK(standby->LogRecordsWithMessage("caches synced; controllers started").empty());
  CHECK(LeaseHolder(c) == leader_identity);
  absl::StatusOr<std::vector<MetricSample>> standby_metrics = standby->Metrics();
  REQUIRE(standby_metrics.status() == absl::OkStatus());
  CHECK(SumOf(*standby_metrics, "sei_controller_reconcile_total") == 0);
  CHECK(SamplesOf(*standby_metrics, "sei_controller_kube_api_requests_total",
                  {{"resource", "seinodes"}})
            .empty());
  CHECK(SumOf(*standby_metrics, "sei_controller_kube_api_requests_total",
              {{"resource", "leases"}}) > 0);
  absl::StatusOr<std::vector<MetricSample>> leader_metrics = leader->Metrics();
  REQUIRE(leader_metrics.status() == absl::OkStatus());
  CHECK(SumOf(*leader_metrics, "sei_controller_reconcile_total", {{"controller", "seinode"}}) > 0);

  // SIGTERM: the leader drains, releases the Lease and exits 0.
  absl::StatusOr<std::unique_ptr<WatchRecorder>> lease_events = c.Record(res::kLease, kNs, "");
  REQUIRE(lease_events.status() == absl::OkStatus());
  absl::StatusOr<ExitStatus> stopped = leader->Terminate();
  REQUIRE(stopped.status() == absl::OkStatus());
  INFO(leader->LogTail());
  CHECK(stopped->ToString() == "exit code 0");
  CHECK_FALSE(leader->LogRecordsWithMessage("lease released").empty());

  absl::StatusOr<json> took_over = standby->WaitForLog(kBecameLeader, absl::Seconds(30));
  REQUIRE(took_over.status() == absl::OkStatus());
  const std::string standby_identity = took_over->value("identity", "");
  CHECK(absl::StartsWith(standby_identity, absl::StrCat(standby->name(), "_")));
  CHECK(WaitFor(
            absl::StrCat("the Lease to be held by ", standby_identity),
            [&](std::string* seen) {
              *seen = absl::StrCat("holder: ", LeaseHolder(c));
              return LeaseHolder(c) == standby_identity;
            },
            absl::Seconds(10)) == absl::OkStatus());
  // In the Lease's history: the old leader's hold, released (no holder),
  // then the new leader's.
  std::vector<std::string> holders;
  for (const RecordedEvent& event : (*lease_events)->Events()) {
    if (event.object["metadata"].value("name", "") != kLeaseName) continue;
    const std::string holder = event.object.value(json::json_pointer("/spec/holderIdentity"), "");
    if (holders.empty() || holders.back() != holder) holders.push_back(holder);
  }
  INFO("lease holders in order: " << absl::StrJoin(holders, " -> "));
  CHECK(holders == std::vector<std::string>{leader_identity, "", standby_identity});

  constexpr char kSecondNode[] = "e2e-leader-2";
  REQUIRE(c.Apply(FullNodeManifest(kSecondNode)) == absl::OkStatus());
  CHECK(c.WaitForPhase(kNs, kSecondNode, "Running", kInitTimeout) == absl::OkStatus());
  absl::StatusOr<std::vector<MetricSample>> new_leader_metrics = standby->Metrics();
  REQUIRE(new_leader_metrics.status() == absl::OkStatus());
  CHECK(SumOf(*new_leader_metrics, "sei_controller_reconcile_total", {{"controller", "seinode"}}) >
        0);

  absl::StatusOr<ExitStatus> last = standby->Terminate();
  REQUIRE(last.status() == absl::OkStatus());
  CHECK(last->ToString() == "exit code 0");
}

}  // namespace
}  // namespace sei::e2e
