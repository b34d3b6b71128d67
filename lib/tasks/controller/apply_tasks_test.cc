// apply-rbac-proxy-config, apply-service, apply-statefulset and the
// StatefulSet sync (tasks.md §3.5-§3.7, plans.md §17 D6): steady state costs
// no writes, changes are applied, impostors are replaced.
#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/statefulset_sync.h"
#include "lib/tasks/controller/test_support.h"
#include "lib/tasks/render/spec_hash.h"

namespace sei::tasks {
namespace {

using testing::MustMake;
using testing::TaskFixture;
using Kind = ExecuteResult::Kind;

constexpr char kParams[] = R"({"nodeName":"node-a","namespace":"default"})";

ExecuteResult Run(TaskFixture& f, absl::string_view type) {
  TaskContext ctx = f.Context();
  return MustMake(type, kParams)->Execute(ctx);
}

struct Applied {
  const char* type;
  const k8s::Resource* resource;
  const char* name;
};
const Applied kAppliedObjects[] = {
    {"apply-rbac-proxy-config", &k8s::resources::kConfigMap, "node-a-rbac-proxy-config"},
    {"apply-service", &k8s::resources::kService, "node-a"},
    {"apply-statefulset", &k8s::resources::kStatefulSet, "node-a"},
};

TEST_CASE("apply-* create the object, then cost nothing until the rendering changes") {
  for (const Applied& a : kAppliedObjects) {
    SECTION(a.type) {
      TaskFixture f;
      ExecuteResult first = Run(f, a.type);
      CHECK(first.kind == Kind::kDone);
      absl::StatusOr<k8s::Object> live = f.kube().Get(*a.resource, "default", a.name);
      REQUIRE(live.ok());
      CHECK_FALSE(render::SpecHashAnnotationOf(*live).empty());
      CHECK(HasOwnerReference(*live, "SeiNode", f.node().metadata().uid(), true));

      f.kube().ResetCounts();
      ExecuteResult second = Run(f, a.type);
      CHECK(second.kind == Kind::kDone);
      CHECK(f.kube().Writes() == 0);
      CHECK(f.kube().Calls(k8s::Verb::kGet, *a.resource) == 1);

      // A user label changes every rendered object's labels → one apply.
      (*f.node().mutable_spec()->mutable_pod_labels())["team"] = "infra";
      f.kube().ResetCounts();
      CHECK(Run(f, a.type).kind == Kind::kDone);
      CHECK(f.kube().Calls(k8s::Verb::kPatch, *a.resource) == 1);
      absl::StatusOr<k8s::Object> updated = f.kube().Get(*a.resource, "default", a.name);
      REQUIRE(updated.ok());
      CHECK(StringAt(*updated, "metadata/labels/team") == std::optional<std::string>("infra"));
    }
  }
}

TEST_CASE("apply-* API errors and a missing owner are transient") {
  for (const Applied& a : kAppliedObjects) {
    SECTION(a.type) {
      TaskFixture f;
      f.kube().FailNext(k8s::Verb::kGet, *a.resource,
                        k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
      ExecuteResult get_failed = Run(f, a.type);
      CHECK(get_failed.kind == Kind::kTransientError);
      CHECK_THAT(get_failed.message, Catch::Contains("boom"));

      f.kube().FailNext(k8s::Verb::kPatch, *a.resource,
                        k8s::ApiError(k8s::ErrorReason::kConflict, 409, "field conflict"));
      ExecuteResult apply_failed = Run(f, a.type);
      CHECK(apply_failed.kind == Kind::kTransientError);
      CHECK_THAT(apply_failed.message, Catch::Contains("field conflict"));

      TaskContext no_node = f.TaskOnlyContext();
      ExecuteResult orphan = MustMake(a.type, kParams)->Execute(no_node);
      CHECK(orphan.kind == Kind::kTransientError);
      CHECK(orphan.message == std::string(a.type) + ": the owning object is not a SeiNode");
    }
  }
}

TEST_CASE("apply-statefulset records status.statefulSet and honours spec.paused") {
  TaskFixture f;
  REQUIRE(Run(f, "apply-statefulset").kind == Kind::kDone);
  absl::StatusOr<k8s::Object> live =
      f.kube().Get(k8s::resources::kStatefulSet, "default", "node-a");
  REQUIRE(live.ok());
  CHECK(f.node().status().stateful_set().name() == "node-a");
  CHECK(f.node().status().stateful_set().uid() == UidOf(*live));
  CHECK(IntAt(*live, "spec/replicas") == std::optional<int64_t>(1));

  f.node().mutable_spec()->set_paused(true);
  f.kube().ResetCounts();
  REQUIRE(Run(f, "apply-statefulset").kind == Kind::kDone);
  CHECK(f.kube().Calls(k8s::Verb::kPatch, k8s::resources::kStatefulSet) == 1);
  live = f.kube().Get(k8s::resources::kStatefulSet, "default", "node-a");
  CHECK(IntAt(*live, "spec/replicas") == std::optional<int64_t>(0));
  CHECK(f.node().status().stateful_set().uid() == UidOf(*live));  // same object
}

TEST_CASE("apply-statefulset render errors are transient") {
  TaskFixture f;
  f.platform().kube_rbac_proxy_image = "";
  ExecuteResult r = Run(f, "apply-statefulset");
  CHECK(r.kind == Kind::kTransientError);
  CHECK(r.message ==
        "syncing the StatefulSet: SEI_KUBE_RBAC_PROXY_IMAGE is not configured on the controller");
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("apply-statefulset deletes an impostor, waits, then recreates and tracks") {
  TaskFixture f;
  k8s::Object impostor = f.kube().Seed(k8s::resources::kStatefulSet, testing::StatefulSet(1));
  f.node().mutable_status()->mutable_stateful_set()->set_name("node-a");
  f.node().mutable_status()->mutable_stateful_set()->set_uid("uid-we-created");

  ExecuteResult swap = Run(f, "apply-statefulset");
  CHECK(swap.kind == Kind::kWaiting);
  CHECK_THAT(swap.message, Catch::StartsWith("deleted impostor StatefulSet \"node-a\""));
  CHECK_FALSE(f.node().status().has_stateful_set());
  CHECK(f.kube().Calls(k8s::Verb::kPatch, k8s::resources::kStatefulSet) == 0);

  ExecuteResult next = Run(f, "apply-statefulset");
  CHECK(next.kind == Kind::kDone);
  absl::StatusOr<k8s::Object> live =
      f.kube().Get(k8s::resources::kStatefulSet, "default", "node-a");
  REQUIRE(live.ok());
  CHECK(UidOf(*live) != UidOf(impostor));
  CHECK(f.node().status().stateful_set().uid() == UidOf(*live));
}

TEST_CASE("apply-statefulset waits while the StatefulSet is still being deleted") {
  TaskFixture f;
  k8s::Object held = testing::StatefulSet(1);
  held["metadata"]["finalizers"] = {"test/hold"};
  f.kube().Seed(k8s::resources::kStatefulSet, held);
  REQUIRE(f.kube()
              .Delete(k8s::resources::kStatefulSet, "default", "node-a", k8s::DeleteOptions())
              .ok());
  f.kube().ResetCounts();
  ExecuteResult r = Run(f, "apply-statefulset");
  CHECK(r.kind == Kind::kWaiting);
  CHECK(r.message == "StatefulSet \"node-a\" is being deleted");
  CHECK(f.kube().Writes() == 0);
}

// --- The reconciler-level sync (D6) -----------------------------------------

absl::Status Sync(TaskFixture& f) {
  TaskContext ctx = f.Context();
  return SyncTrackedStatefulSet(ctx);
}

TEST_CASE("reconciler sync does nothing at all while status.statefulSet is unset") {
  TaskFixture f;
  REQUIRE(Sync(f).ok());
  CHECK(f.kube().Calls(k8s::Verb::kGet) == 0);
  CHECK(f.kube().Writes() == 0);
  CHECK_FALSE(f.kube().Get(k8s::resources::kStatefulSet, "default", "node-a").ok());
}

TEST_CASE("reconciler sync: in sync → no writes; changed → one apply; missing → recreated") {
  TaskFixture f;
  REQUIRE(Run(f, "apply-statefulset").kind == Kind::kDone);
  const std::string first_uid = f.node().status().stateful_set().uid();

  f.kube().ResetCounts();
  REQUIRE(Sync(f).ok());
  CHECK(f.kube().Writes() == 0);

  f.node().mutable_spec()->set_image("sei:v3");
  f.kube().ResetCounts();
  REQUIRE(Sync(f).ok());
  CHECK(f.kube().Writes() == 1);
  CHECK(f.node().status().stateful_set().uid() == first_uid);

  REQUIRE(f.kube()
              .Delete(k8s::resources::kStatefulSet, "default", "node-a", k8s::DeleteOptions())
              .ok());
  REQUIRE(Sync(f).ok());
  absl::StatusOr<k8s::Object> live =
      f.kube().Get(k8s::resources::kStatefulSet, "default", "node-a");
  REQUIRE(live.ok());
  CHECK(UidOf(*live) != first_uid);
  CHECK(f.node().status().stateful_set().uid() == UidOf(*live));
}

TEST_CASE("reconciler sync replaces an impostor in one call") {
  TaskFixture f;
  k8s::Object impostor = f.kube().Seed(k8s::resources::kStatefulSet, testing::StatefulSet(3));
  f.node().mutable_status()->mutable_stateful_set()->set_name("node-a");
  f.node().mutable_status()->mutable_stateful_set()->set_uid("uid-we-created");
  REQUIRE(Sync(f).ok());
  absl::StatusOr<k8s::Object> live =
      f.kube().Get(k8s::resources::kStatefulSet, "default", "node-a");
  REQUIRE(live.ok());
  CHECK(UidOf(*live) != UidOf(impostor));
  CHECK(IntAt(*live, "spec/replicas") == std::optional<int64_t>(1));
  CHECK(f.node().status().stateful_set().uid() == UidOf(*live));
}

TEST_CASE("reconciler sync keeps tracking while an impostor is still terminating") {
  TaskFixture f;
  k8s::Object held = testing::StatefulSet(1);
  held["metadata"]["finalizers"] = {"test/hold"};
  f.kube().Seed(k8s::resources::kStatefulSet, held);
  f.node().mutable_status()->mutable_stateful_set()->set_name("node-a");
  f.node().mutable_status()->mutable_stateful_set()->set_uid("uid-we-created");
  absl::Status s = Sync(f);
  CHECK(absl::IsUnavailable(s));
  CHECK_THAT(std::string(s.message()), Catch::Contains("is being deleted"));
  CHECK(f.node().status().stateful_set().uid() == "uid-we-created");
}

TEST_CASE("reconciler sync returns API errors") {
  TaskFixture f;
  f.node().mutable_status()->mutable_stateful_set()->set_name("node-a");
  f.node().mutable_status()->mutable_stateful_set()->set_uid("u");
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kStatefulSet,
                    k8s::ApiError(k8s::ErrorReason::kTransport, 0, "connection refused"));
  absl::Status s = Sync(f);
  CHECK_FALSE(s.ok());
  CHECK(s.message() == "connection refused");
}

}  // namespace
}  // namespace sei::tasks
