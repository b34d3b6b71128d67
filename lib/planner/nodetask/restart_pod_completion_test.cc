#include "lib/planner/nodetask/restart_pod_completion.h"

#include <catch2/catch.hpp>

namespace sei::planner::nodetask {
namespace {

using Decision = RestartPodExecuteDecision;
using Sts = RestartPodView::StatefulSet;

constexpr char kOld[] = "old-uid";

PodSummary Pod(const std::string& uid, bool ready = true, bool terminating = false) {
  PodSummary pod;
  pod.uid = uid;
  pod.ready = ready;
  pod.terminating = terminating;
  pod.owners.push_back({"StatefulSet", "sts-uid"});
  return pod;
}

RestartPodView View(std::optional<PodSummary> pod) {
  RestartPodView view;
  view.statefulset = Sts::kFound;
  view.statefulset_name = "val-0";
  view.has_selector = true;
  view.replicas = 1;
  view.pod = std::move(pod);
  return view;
}

TEST_CASE("Owned-pod lookup: first pod owned by this StatefulSet UID", "[restart_pod]") {
  PodSummary stranger = Pod("a");
  stranger.owners = {{"StatefulSet", "other-sts"}};
  PodSummary replica_set = Pod("b");
  replica_set.owners = {{"ReplicaSet", "sts-uid"}};
  PodSummary orphan = Pod("c");
  orphan.owners.clear();
  const std::vector<PodSummary> pods = {stranger, replica_set, orphan, Pod("d"), Pod("e")};
  const PodSummary* owned = FirstOwnedPod(pods, "sts-uid");
  REQUIRE(owned != nullptr);
  CHECK(owned->uid == "d");
  CHECK(FirstOwnedPod({stranger, orphan}, "sts-uid") == nullptr);
}

TEST_CASE("§14.2 Execute decision table, in order", "[restart_pod]") {
  RestartPodView missing;
  missing.statefulset = Sts::kNotFound;
  CHECK(DecideRestartPodExecute(missing, kOld).kind == Decision::Kind::kNothing);

  RestartPodView unreadable;
  unreadable.statefulset = Sts::kError;
  CHECK(DecideRestartPodExecute(unreadable, kOld).kind == Decision::Kind::kTransientError);

  RestartPodView no_selector = View(Pod(kOld));
  no_selector.has_selector = false;
  Decision d = DecideRestartPodExecute(no_selector, kOld);
  CHECK(d.kind == Decision::Kind::kTerminalError);
  CHECK(d.message == "statefulset \"val-0\" has no selector; cannot identify owned pods");

  RestartPodView multi = View(Pod(kOld));
  multi.replicas = 3;
  d = DecideRestartPodExecute(multi, kOld);
  CHECK(d.kind == Decision::Kind::kTerminalError);
  CHECK(d.message ==
        "restart-pod does not support multi-replica StatefulSets (got replicas=3); add "
        "ordinal-aware deletion before scaling up");
  // Guards come before the empty-UID no-op.
  CHECK(DecideRestartPodExecute(multi, "").kind == Decision::Kind::kTerminalError);

  RestartPodView unset_replicas = View(Pod(kOld));
  unset_replicas.replicas.reset();
  CHECK(DecideRestartPodExecute(unset_replicas, kOld).kind == Decision::Kind::kDeletePod);
  RestartPodView paused = View(std::nullopt);
  paused.replicas = 0;
  CHECK(DecideRestartPodExecute(paused, kOld).kind == Decision::Kind::kNothing);

  CHECK(DecideRestartPodExecute(View(Pod(kOld)), "").kind == Decision::Kind::kNothing);

  RestartPodView list_error = View(std::nullopt);
  list_error.pod_list_error = true;
  CHECK(DecideRestartPodExecute(list_error, kOld).kind == Decision::Kind::kTransientError);

  CHECK(DecideRestartPodExecute(View(std::nullopt), kOld).kind == Decision::Kind::kNothing);
  CHECK(DecideRestartPodExecute(View(Pod("new-uid")), kOld).kind == Decision::Kind::kNothing);
  CHECK(DecideRestartPodExecute(View(Pod(kOld, true, /*terminating=*/true)), kOld).kind ==
        Decision::Kind::kNothing);

  d = DecideRestartPodExecute(View(Pod(kOld, /*ready=*/false)), kOld);
  CHECK(d.kind == Decision::Kind::kDeletePod);
  CHECK(d.pod_uid == kOld);
}

TEST_CASE("§14.2 completion predicate table", "[restart_pod]") {
  struct Row {
    const char* name;
    RestartPodView view;
    const char* uid;
    bool complete;
  };
  RestartPodView missing = View(Pod("new"));
  missing.statefulset = Sts::kNotFound;
  RestartPodView unreadable = View(Pod("new"));
  unreadable.statefulset = Sts::kError;
  RestartPodView list_error = View(Pod("new"));
  list_error.pod_list_error = true;
  const std::vector<Row> rows = {
      {"empty restartedPodUID", View(Pod("new")), "", false},
      {"StatefulSet missing", missing, kOld, false},
      {"StatefulSet unreadable", unreadable, kOld, false},
      {"pod list error", list_error, kOld, false},
      {"no owned pod (scheduling lag)", View(std::nullopt), kOld, false},
      {"original pod still there", View(Pod(kOld)), kOld, false},
      {"replacement terminating", View(Pod("new", true, true)), kOld, false},
      {"original terminating", View(Pod(kOld, true, true)), kOld, false},
      {"replacement not Ready", View(Pod("new", false)), kOld, false},
      {"replacement Ready", View(Pod("new")), kOld, true},
      {"stale UID, live pod Ready (no-op success)", View(Pod("live")), "stale", true},
  };
  for (const Row& row : rows) {
    INFO(row.name);
    CHECK(RestartPodCompleted(row.view, row.uid) == row.complete);
  }
}

}  // namespace
}  // namespace sei::planner::nodetask
