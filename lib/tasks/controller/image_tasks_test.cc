// observe-image and its D1 rollout check, and update-node-image (tasks.md
// §3.10, §3.11; nodetask.md §14.3).
#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/observe_image.h"
#include "lib/tasks/controller/test_support.h"

namespace sei::tasks {
namespace {

using testing::MustMake;
using testing::TaskFixture;
using Kind = ExecuteResult::Kind;

ExecuteResult Observe(TaskFixture& f) {
  TaskContext ctx = f.Context();
  return MustMake("observe-image", R"({"nodeName":"node-a","namespace":"default"})")->Execute(ctx);
}

void SeedRollout(TaskFixture& f, int replicas, int observed_generation, int updated) {
  f.kube().Seed(k8s::resources::kStatefulSet, testing::StatefulSet(replicas));
  f.kube().SeedStatus(k8s::resources::kStatefulSet, "default", "node-a",
                      {{"observedGeneration", observed_generation},
                       {"updatedReplicas", updated},
                       {"replicas", replicas}});
}

TEST_CASE("observe-image waits for the rollout, then stamps both images") {
  SECTION("StatefulSet missing") {
    TaskFixture f;
    CHECK(Observe(f).kind == Kind::kWaiting);
    CHECK(f.node().status().current_image().empty());
  }
  SECTION("generation not observed yet") {
    TaskFixture f;
    SeedRollout(f, 1, 0, 1);
    ExecuteResult r = Observe(f);
    CHECK(r.kind == Kind::kWaiting);
    CHECK(r.message == "waiting for StatefulSet \"node-a\" to observe generation 1 (observed 0)");
  }
  SECTION("replicas not updated yet") {
    TaskFixture f;
    SeedRollout(f, 1, 1, 0);
    ExecuteResult r = Observe(f);
    CHECK(r.kind == Kind::kWaiting);
    CHECK(r.message == "waiting for StatefulSet \"node-a\" rollout: 0 of 1 replicas updated");
    CHECK(f.node().status().current_image().empty());
  }
  SECTION("rolled out: platform sidecar image") {
    TaskFixture f;
    SeedRollout(f, 1, 1, 1);
    f.kube().ResetCounts();
    ExecuteResult r = Observe(f);
    CHECK(r.kind == Kind::kDone);
    CHECK(f.node().status().current_image() == "sei:v2");
    CHECK(f.node().status().current_sidecar_image() == f.platform().sidecar_image);
    CHECK(f.kube().Writes() == 0);
  }
  SECTION("rolled out: the spec's sidecar image wins") {
    TaskFixture f;
    f.node().mutable_spec()->mutable_sidecar()->set_image("seictl:custom");
    SeedRollout(f, 1, 1, 1);
    CHECK(Observe(f).kind == Kind::kDone);
    CHECK(f.node().status().current_sidecar_image() == "seictl:custom");
  }
}

TEST_CASE("observe-image: GET errors are transient, a missing owner terminal") {
  TaskFixture f;
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kStatefulSet,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  ExecuteResult r = Observe(f);
  CHECK(r.kind == Kind::kTransientError);
  CHECK(r.message == "reading StatefulSet \"node-a\": boom");
  TaskContext no_node = f.TaskOnlyContext();
  CHECK(MustMake("observe-image", "{}")->Execute(no_node).kind == Kind::kTerminalError);
}

TEST_CASE("the init plan's rollout check stamps only a finished rollout (D1)") {
  TaskFixture f;
  TaskContext ctx = f.Context();
  CHECK_FALSE(ObserveRolloutAndStamp(ctx));  // no StatefulSet
  SeedRollout(f, 1, 1, 0);
  CHECK_FALSE(ObserveRolloutAndStamp(ctx));
  CHECK(f.node().status().current_image().empty());
  f.kube().SeedStatus(k8s::resources::kStatefulSet, "default", "node-a", {{"updatedReplicas", 1}});
  CHECK(ObserveRolloutAndStamp(ctx));
  CHECK(f.node().status().current_image() == "sei:v2");
  CHECK(f.node().status().current_sidecar_image() == f.platform().sidecar_image);
  TaskContext no_node = f.TaskOnlyContext();
  CHECK_FALSE(ObserveRolloutAndStamp(no_node));
}

// --- update-node-image ------------------------------------------------------

std::unique_ptr<ControllerTask> UpdateTo(const std::string& node, const std::string& image) {
  return MustMake("update-node-image",
                  absl::StrCat(R"({"nodeName":")", node, R"(","namespace":"default","image":")",
                               image, R"("})"));
}

TEST_CASE("update-node-image applies only spec.image and completes on currentImage") {
  TaskFixture f;
  auto task = UpdateTo("node-a", "sei:v3");
  TaskContext ctx = f.TaskOnlyContext();
  f.kube().ResetCounts();
  ExecuteResult applied = task->Execute(ctx);
  CHECK(applied.kind == Kind::kWaiting);
  CHECK(f.kube().Calls(k8s::Verb::kPatch, k8s::resources::kSeiNode) == 1);
  absl::StatusOr<k8s::Object> live = f.kube().Get(k8s::resources::kSeiNode, "default", "node-a");
  REQUIRE(live.ok());
  CHECK(StringAt(*live, "spec/image") == std::optional<std::string>("sei:v3"));
  CHECK(StringAt(*live, "spec/chainId") == std::optional<std::string>("pacific-1"));
  CHECK(task->Status(ctx, &applied).kind == StatusResult::Kind::kRunning);

  f.kube().ResetCounts();
  CHECK(task->Execute(ctx).kind == Kind::kWaiting);  // already set: no write
  CHECK(f.kube().Writes() == 0);

  f.kube().SeedStatus(k8s::resources::kSeiNode, "default", "node-a", {{"currentImage", "sei:v3"}});
  StatusResult done = task->Status(ctx, nullptr);
  CHECK(done.kind == StatusResult::Kind::kComplete);
  CHECK(done.message == "sei:v3");
}

TEST_CASE("update-node-image: a missing target is terminal, other errors transient") {
  TaskFixture f;
  TaskContext ctx = f.TaskOnlyContext();
  ExecuteResult missing = UpdateTo("ghost", "sei:v3")->Execute(ctx);
  CHECK(missing.kind == Kind::kTerminalError);
  CHECK(missing.message == "target SeiNode \"ghost\" not found");

  auto task = UpdateTo("node-a", "sei:v3");
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kSeiNode,
                    k8s::ApiError(k8s::ErrorReason::kTooManyRequests, 429, "throttled"));
  CHECK(task->Execute(ctx).kind == Kind::kTransientError);
  f.kube().FailNext(k8s::Verb::kPatch, k8s::resources::kSeiNode,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(task->Execute(ctx).kind == Kind::kTransientError);
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kSeiNode,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(task->Status(ctx, nullptr).kind == StatusResult::Kind::kRunning);
}

}  // namespace
}  // namespace sei::tasks
