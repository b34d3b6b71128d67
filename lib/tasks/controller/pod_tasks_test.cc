// replace-pod and restart-pod (tasks.md §3.8, §3.9; nodetask.md §14.2):
// revision gating, UID addressing, readiness, terminating pods, the guards
// and the API error classes. Neither task ever deletes a pod it was not
// asked to.
#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/pod_cycle.h"
#include "lib/tasks/controller/test_support.h"

namespace sei::tasks {
namespace {

using testing::MustMake;
using testing::Pod;
using testing::ReadyStatus;
using testing::TaskFixture;
using Kind = ExecuteResult::Kind;

struct PodFixture : TaskFixture {
  // Seeds StatefulSet `node-a` with `replicas` and the given status.
  std::string SeedStatefulSet(int replicas, const k8s::Object& status) {
    k8s::Object sts = kube().Seed(k8s::resources::kStatefulSet, testing::StatefulSet(replicas));
    if (!status.is_null())
      kube().SeedStatus(k8s::resources::kStatefulSet, "default", "node-a", status);
    sts_uid = UidOf(sts);
    return sts_uid;
  }
  std::string SeedPod(const std::string& name, const std::string& revision, bool ready,
                      const std::string& owner_uid = "") {
    k8s::Object pod = kube().Seed(k8s::resources::kPod,
                                  Pod(name, owner_uid.empty() ? sts_uid : owner_uid, revision));
    kube().SeedStatus(k8s::resources::kPod, "default", name, ReadyStatus(ready));
    return UidOf(pod);
  }
  // A pod that stays, terminating, after its delete (a finalizer holds it).
  std::string SeedTerminatingPod(const std::string& name, const std::string& revision) {
    k8s::Object pod = Pod(name, sts_uid, revision);
    pod["metadata"]["finalizers"] = {"test/hold"};
    const std::string uid = UidOf(kube().Seed(k8s::resources::kPod, pod));
    REQUIRE(kube().Delete(k8s::resources::kPod, "default", name, k8s::DeleteOptions()).ok());
    return uid;
  }
  // A live StatefulSet other than the node's (a dangling owner would make
  // the fake's garbage collector delete the pod at once).
  std::string OtherOwnerUid() {
    k8s::Object other = testing::StatefulSet(1);
    other["metadata"]["name"] = "other";
    return UidOf(kube().Seed(k8s::resources::kStatefulSet, other));
  }
  bool PodExists(const std::string& name) {
    return kube().Get(k8s::resources::kPod, "default", name).ok();
  }
  std::string sts_uid;
};

const k8s::Object kRolling = {
    {"observedGeneration", 1}, {"currentRevision", "rev-1"}, {"updateRevision", "rev-2"}};

ExecuteResult Replace(PodFixture& f) {
  TaskContext ctx = f.Context();
  return MustMake("replace-pod", R"({"nodeName":"node-a","namespace":"default"})")->Execute(ctx);
}

TEST_CASE("replace-pod waits until the StatefulSet exists and reports its revisions") {
  SECTION("missing") {
    PodFixture f;
    ExecuteResult r = Replace(f);
    CHECK(r.kind == Kind::kWaiting);
    CHECK(r.message == "StatefulSet \"node-a\" not found");
  }
  SECTION("generation not observed") {
    PodFixture f;
    f.SeedStatefulSet(1, {{"observedGeneration", 0}, {"updateRevision", "rev-2"}});
    ExecuteResult r = Replace(f);
    CHECK(r.kind == Kind::kWaiting);
    CHECK(r.message == "waiting for StatefulSet \"node-a\" to observe generation 1 (observed 0)");
  }
  SECTION("no update revision") {
    PodFixture f;
    f.SeedStatefulSet(1, {{"observedGeneration", 1}});
    CHECK(Replace(f).kind == Kind::kWaiting);
  }
}

TEST_CASE("replace-pod completes without deleting when the revisions agree") {
  PodFixture f;
  f.SeedStatefulSet(
      1, {{"observedGeneration", 1}, {"currentRevision", "rev-2"}, {"updateRevision", "rev-2"}});
  f.SeedPod("node-a-0", "rev-2", true);
  f.kube().ResetCounts();
  ExecuteResult r = Replace(f);
  CHECK(r.kind == Kind::kDone);
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("replace-pod deletes only owned old-revision pods that are not terminating") {
  PodFixture f;
  f.SeedStatefulSet(1, kRolling);
  f.SeedPod("node-a-0", "rev-1", true);                           // old revision: deleted
  f.SeedPod("node-a-new", "rev-2", false);                        // already new: kept
  f.SeedPod("node-a-nolabel", "", true);                          // no revision label: kept
  f.SeedPod("node-a-foreign", "rev-1", true, f.OtherOwnerUid());  // not owned: kept
  f.SeedTerminatingPod("node-a-going", "rev-1");                  // terminating: not deleted again
  f.kube().ResetCounts();

  ExecuteResult r = Replace(f);
  CHECK(r.kind == Kind::kDone);
  CHECK(f.kube().Calls(k8s::Verb::kDelete, k8s::resources::kPod) == 1);
  CHECK_FALSE(f.PodExists("node-a-0"));
  CHECK(f.PodExists("node-a-new"));
  CHECK(f.PodExists("node-a-nolabel"));
  CHECK(f.PodExists("node-a-foreign"));
  CHECK(f.PodExists("node-a-going"));

  f.kube().ResetCounts();
  CHECK(Replace(f).kind == Kind::kDone);  // re-run after a crash: nothing left to delete
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("replace-pod refuses a multi-replica StatefulSet") {
  PodFixture f;
  f.SeedStatefulSet(3, kRolling);
  f.SeedPod("node-a-0", "rev-1", true);
  f.kube().ResetCounts();
  ExecuteResult r = Replace(f);
  CHECK(r.kind == Kind::kTerminalError);
  CHECK(r.message ==
        "replace-pod does not support multi-replica StatefulSets (got replicas=3); add "
        "ordinal-aware deletion before scaling up");
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("the pod-cycle guard refuses a StatefulSet without a selector") {
  k8s::Object sts = testing::StatefulSet(1);
  sts["spec"]["selector"]["matchLabels"] = k8s::Object::object();
  CHECK(GuardCyclableStatefulSet(sts, "replace-pod") ==
        std::optional<std::string>(
            "statefulset \"node-a\" has no selector; cannot identify owned pods"));
  sts["spec"].erase("selector");
  CHECK(GuardCyclableStatefulSet(sts, "replace-pod").has_value());
  CHECK_FALSE(GuardCyclableStatefulSet(testing::StatefulSet(1), "replace-pod").has_value());
}

TEST_CASE("replace-pod API errors are transient and a missing owner terminal") {
  PodFixture f;
  f.SeedStatefulSet(1, kRolling);
  f.SeedPod("node-a-0", "rev-1", true);
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kStatefulSet,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(Replace(f).kind == Kind::kTransientError);
  f.kube().FailNext(k8s::Verb::kList, k8s::resources::kPod,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(Replace(f).kind == Kind::kTransientError);
  f.kube().FailNext(k8s::Verb::kDelete, k8s::resources::kPod,
                    k8s::ApiError(k8s::ErrorReason::kForbidden, 403, "denied"));
  ExecuteResult denied = Replace(f);
  CHECK(denied.kind == Kind::kTransientError);
  CHECK(denied.message == "deleting pod \"node-a-0\": denied");
  CHECK(f.PodExists("node-a-0"));

  TaskContext no_node = f.TaskOnlyContext();
  ExecuteResult orphan = MustMake("replace-pod", "{}")->Execute(no_node);
  CHECK(orphan.kind == Kind::kTerminalError);
  CHECK(orphan.message == "replace-pod: the owning object is not a SeiNode");
}

// --- restart-pod ------------------------------------------------------------

std::unique_ptr<ControllerTask> RestartTask(const std::string& uid) {
  return MustMake("restart-pod", absl::StrCat(R"({"nodeName":"node-a","namespace":"default",)",
                                              R"("restartedPodUID":")", uid, R"("})"));
}

TEST_CASE("restart-pod deletes the named pod and completes when another is Ready") {
  PodFixture f;
  f.SeedStatefulSet(1, nullptr);
  const std::string original = f.SeedPod("node-a-0", "rev-1", true);
  auto task = RestartTask(original);
  TaskContext ctx = f.TaskOnlyContext();

  ExecuteResult deleted = task->Execute(ctx);
  CHECK(deleted.kind == Kind::kWaiting);
  CHECK_FALSE(f.PodExists("node-a-0"));
  CHECK(task->Status(ctx, &deleted).kind == StatusResult::Kind::kRunning);  // no pod yet

  f.SeedPod("node-a-0", "rev-1", false);  // the StatefulSet controller's replacement
  f.kube().ResetCounts();
  ExecuteResult again = task->Execute(ctx);  // other UID: nothing to delete
  CHECK(again.kind == Kind::kWaiting);
  CHECK(f.kube().Writes() == 0);
  CHECK(task->Status(ctx, &again).kind == StatusResult::Kind::kRunning);  // not Ready

  f.kube().SeedStatus(k8s::resources::kPod, "default", "node-a-0", ReadyStatus(true));
  CHECK(task->Status(ctx, nullptr).kind == StatusResult::Kind::kComplete);
}

TEST_CASE("restart-pod with a stale UID deletes nothing and completes once Ready") {
  PodFixture f;
  f.SeedStatefulSet(1, nullptr);
  f.SeedPod("node-a-0", "rev-1", true);
  auto task = RestartTask("an-older-pod-uid");
  TaskContext ctx = f.TaskOnlyContext();
  f.kube().ResetCounts();
  ExecuteResult r = task->Execute(ctx);
  CHECK(r.kind == Kind::kWaiting);
  CHECK(f.kube().Writes() == 0);
  CHECK(task->Status(ctx, &r).kind == StatusResult::Kind::kComplete);
}

TEST_CASE("restart-pod with an empty UID never restarts and never completes") {
  PodFixture f;
  f.SeedStatefulSet(1, nullptr);
  f.SeedPod("node-a-0", "rev-1", true);
  auto task = RestartTask("");
  TaskContext ctx = f.TaskOnlyContext();
  f.kube().ResetCounts();
  ExecuteResult r = task->Execute(ctx);
  CHECK(r.kind == Kind::kWaiting);
  CHECK(r.message == "no restartedPodUID: nothing to restart");
  CHECK(f.kube().Writes() == 0);
  StatusResult s = task->Status(ctx, &r);
  CHECK(s.kind == StatusResult::Kind::kRunning);
  CHECK(s.message == "no restartedPodUID: nothing to restart");
}

TEST_CASE("restart-pod leaves a terminating pod alone and waits") {
  PodFixture f;
  f.SeedStatefulSet(1, nullptr);
  const std::string uid = f.SeedTerminatingPod("node-a-0", "rev-1");
  auto task = RestartTask(uid);
  TaskContext ctx = f.TaskOnlyContext();
  f.kube().ResetCounts();
  ExecuteResult r = task->Execute(ctx);
  CHECK(r.kind == Kind::kWaiting);
  CHECK(f.kube().Writes() == 0);
  CHECK(task->Status(ctx, &r).kind == StatusResult::Kind::kRunning);
}

TEST_CASE("restart-pod never deletes a pod the StatefulSet does not own") {
  PodFixture f;
  f.SeedStatefulSet(1, nullptr);
  const std::string foreign = f.SeedPod("impostor-0", "rev-1", true, f.OtherOwnerUid());
  auto task = RestartTask(foreign);
  TaskContext ctx = f.TaskOnlyContext();
  f.kube().ResetCounts();
  CHECK(task->Execute(ctx).kind == Kind::kWaiting);
  CHECK(f.kube().Writes() == 0);
  CHECK(f.PodExists("impostor-0"));
  CHECK(task->Status(ctx, nullptr).kind == StatusResult::Kind::kRunning);  // no owned pod
}

TEST_CASE("restart-pod refuses multi-replica StatefulSets in Execute and Status") {
  PodFixture f;
  f.SeedStatefulSet(2, nullptr);
  const std::string uid = f.SeedPod("node-a-0", "rev-1", true);
  auto task = RestartTask(uid);
  TaskContext ctx = f.TaskOnlyContext();
  f.kube().ResetCounts();
  ExecuteResult r = task->Execute(ctx);
  CHECK(r.kind == Kind::kTerminalError);
  CHECK(r.message ==
        "restart-pod does not support multi-replica StatefulSets (got replicas=2); add "
        "ordinal-aware deletion before scaling up");
  CHECK(f.kube().Writes() == 0);
  StatusResult s = task->Status(ctx, nullptr);
  CHECK(s.kind == StatusResult::Kind::kFailed);
  CHECK(s.message == r.message);
}

TEST_CASE("restart-pod: missing StatefulSet waits, read errors are transient") {
  PodFixture f;
  auto task = RestartTask("u");
  TaskContext ctx = f.TaskOnlyContext();
  CHECK(task->Execute(ctx).kind == Kind::kWaiting);
  CHECK(task->Status(ctx, nullptr).kind == StatusResult::Kind::kRunning);

  f.SeedStatefulSet(1, nullptr);
  const std::string uid = f.SeedPod("node-a-0", "rev-1", true);
  auto named = RestartTask(uid);
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kStatefulSet,
                    k8s::ApiError(k8s::ErrorReason::kTimeout, 504, "slow"));
  ExecuteResult get_failed = named->Execute(ctx);
  CHECK(get_failed.kind == Kind::kTransientError);
  CHECK(get_failed.message == "reading StatefulSet \"node-a\": slow");
  f.kube().FailNext(k8s::Verb::kList, k8s::resources::kPod,
                    k8s::ApiError(k8s::ErrorReason::kTimeout, 504, "slow"));
  CHECK(named->Execute(ctx).kind == Kind::kTransientError);
  f.kube().FailNext(k8s::Verb::kDelete, k8s::resources::kPod,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(named->Execute(ctx).kind == Kind::kTransientError);
  CHECK(f.PodExists("node-a-0"));
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kStatefulSet,
                    k8s::ApiError(k8s::ErrorReason::kTimeout, 504, "slow"));
  CHECK(named->Status(ctx, nullptr).kind == StatusResult::Kind::kRunning);
}

}  // namespace
}  // namespace sei::tasks
