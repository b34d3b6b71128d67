// ensure-data-pvc (tasks.md §3.1): the create path's branches and every
// import check in order, with the ImportPVCReady condition.
#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"
#include "lib/planner/core/conditions.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/test_support.h"

namespace sei::tasks {
namespace {

using testing::MustMake;
using testing::TaskFixture;
using Kind = ExecuteResult::Kind;

constexpr char kParams[] = R"({"nodeName":"node-a","namespace":"default"})";

ExecuteResult Run(TaskFixture& f) {
  TaskContext ctx = f.Context();
  return MustMake("ensure-data-pvc", kParams)->Execute(ctx);
}

TEST_CASE("create path: creates an owned data PVC, then re-runs without writes") {
  TaskFixture f;
  ExecuteResult first = Run(f);
  CHECK(first.kind == Kind::kDone);
  absl::StatusOr<k8s::Object> pvc =
      f.kube().Get(k8s::resources::kPersistentVolumeClaim, "default", "data-node-a");
  REQUIRE(pvc.ok());
  CHECK(HasOwnerReference(*pvc, "SeiNode", f.node().metadata().uid(), true));
  CHECK(StringAt(*pvc, "spec/resources/requests/storage") == std::optional<std::string>("2000Gi"));

  f.kube().ResetCounts();
  ExecuteResult again = Run(f);  // e.g. after a lost status write
  CHECK(again.kind == Kind::kDone);
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("create path: a PVC of the same name owned by someone else is terminal") {
  TaskFixture f;
  f.kube().Seed(k8s::resources::kPersistentVolumeClaim,
                {{"apiVersion", "v1"},
                 {"kind", "PersistentVolumeClaim"},
                 {"metadata", {{"name", "data-node-a"}, {"namespace", "default"}}},
                 {"spec",
                  {{"accessModes", {"ReadWriteOnce"}},
                   {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}});
  ExecuteResult r = Run(f);
  CHECK(r.kind == Kind::kTerminalError);
  CHECK(r.message ==
        "data PVC \"data-node-a\" already exists and is not owned by SeiNode \"node-a\"; set "
        "spec.dataVolume.import.pvcName to adopt, or delete the PVC");
}

TEST_CASE("create path: API errors are transient") {
  TaskFixture f;
  SECTION("GET fails") {
    f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kPersistentVolumeClaim,
                      k8s::ApiError(k8s::ErrorReason::kTimeout, 504, "slow"));
    ExecuteResult r = Run(f);
    CHECK(r.kind == Kind::kTransientError);
    CHECK(r.message == "checking for existing data PVC: slow");
  }
  SECTION("CREATE races with another writer") {
    f.kube().FailNext(k8s::Verb::kCreate, k8s::resources::kPersistentVolumeClaim,
                      k8s::ApiError(k8s::ErrorReason::kAlreadyExists, 409, "exists"));
    ExecuteResult r = Run(f);
    CHECK(r.kind == Kind::kTransientError);
    CHECK(r.message == "data PVC created concurrently: exists");
  }
  SECTION("CREATE fails otherwise") {
    f.kube().FailNext(k8s::Verb::kCreate, k8s::resources::kPersistentVolumeClaim,
                      k8s::ApiError(k8s::ErrorReason::kForbidden, 403, "quota"));
    ExecuteResult r = Run(f);
    CHECK(r.kind == Kind::kTransientError);
    CHECK(r.message == "creating data PVC \"data-node-a\": quota");
  }
}

TEST_CASE("without an owning SeiNode ensure-data-pvc is terminal") {
  TaskFixture f;
  TaskContext ctx = f.TaskOnlyContext();
  ExecuteResult r = MustMake("ensure-data-pvc", kParams)->Execute(ctx);
  CHECK(r.kind == Kind::kTerminalError);
  CHECK(r.message == "ensure-data-pvc: the owning object is not a SeiNode");
}

// An importable PVC "imported" bound to PV "pv-1", both 2000Gi.
struct ImportFixture : TaskFixture {
  ImportFixture() {
    node().mutable_spec()->mutable_data_volume()->mutable_import_volume()->set_pvc_name("imported");
    pvc = {{"apiVersion", "v1"},
           {"kind", "PersistentVolumeClaim"},
           {"metadata", {{"name", "imported"}, {"namespace", "default"}}},
           {"spec",
            {{"accessModes", {"ReadWriteOnce"}},
             {"volumeName", "pv-1"},
             {"resources", {{"requests", {{"storage", "2000Gi"}}}}}}}};
    pvc_status = {{"phase", "Bound"}, {"capacity", {{"storage", "2000Gi"}}}};
    pv = {{"apiVersion", "v1"},
          {"kind", "PersistentVolume"},
          {"metadata", {{"name", "pv-1"}}},
          {"spec",
           {{"capacity", {{"storage", "2000Gi"}}},
            {"accessModes", {"ReadWriteOnce"}},
            {"hostPath", {{"path", "/x"}}}}}};
    pv_status = {{"phase", "Bound"}};
  }
  // Seeds what is set (a null member is left out) and runs the task.
  ExecuteResult SeedAndRun() {
    if (!pvc.is_null()) {
      kube().Seed(k8s::resources::kPersistentVolumeClaim, pvc);
      kube().SeedStatus(k8s::resources::kPersistentVolumeClaim, "default", "imported", pvc_status);
    }
    if (!pv.is_null()) {
      kube().Seed(k8s::resources::kPersistentVolume, pv);
      kube().SeedStatus(k8s::resources::kPersistentVolume, "", "pv-1", pv_status);
    }
    kube().ResetCounts();
    return Run(*this);
  }
  const v1alpha1::Condition& Condition() {
    const v1alpha1::Condition* c =
        planner::FindCondition(node().status().conditions(), "ImportPVCReady");
    REQUIRE(c != nullptr);
    return *c;
  }
  k8s::Object pvc, pvc_status, pv, pv_status;
};

TEST_CASE("import path: a PVC passing every check is adopted without being touched") {
  ImportFixture f;
  ExecuteResult r = f.SeedAndRun();
  CHECK(r.kind == Kind::kDone);
  CHECK(f.Condition().status() == "True");
  CHECK(f.Condition().reason() == "PVCValidated");
  CHECK(f.Condition().message() == "PVC \"imported\" passes all import requirements");
  CHECK(f.kube().Writes() == 0);
  CHECK(f.kube().Calls(k8s::Verb::kGet, k8s::resources::kPersistentVolumeClaim) == 1);
  CHECK(f.kube().Calls(k8s::Verb::kGet, k8s::resources::kPersistentVolume) == 1);
}

TEST_CASE("import path: ReadWriteOncePod and a larger equal-valued capacity also pass") {
  ImportFixture f;
  f.pvc["spec"]["accessModes"] = {"ReadWriteOncePod"};
  f.pvc_status["capacity"]["storage"] = "2Ti";
  f.pv["spec"]["capacity"]["storage"] = "2048Gi";
  CHECK(f.SeedAndRun().kind == Kind::kDone);
}

TEST_CASE("import path: each check in order, with its class and reason") {
  struct Case {
    const char* name;
    std::function<void(ImportFixture&)> mutate;
    Kind kind;
    const char* message;
  };
  const Case cases[] = {
      {"PVC missing", [](ImportFixture& f) { f.pvc = nullptr; }, Kind::kWaiting,
       "PVC \"imported\" not found in namespace \"default\""},
      {"PVC unreadable",
       [](ImportFixture& f) {
         f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kPersistentVolumeClaim,
                           k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
       },
       Kind::kWaiting, "reading PVC \"imported\": boom"},
      {"phase Lost", [](ImportFixture& f) { f.pvc_status["phase"] = "Lost"; }, Kind::kTerminalError,
       "PVC \"imported\" phase is Lost; underlying PV is gone"},
      {"phase Pending", [](ImportFixture& f) { f.pvc_status["phase"] = "Pending"; }, Kind::kWaiting,
       "PVC \"imported\" phase is Pending; waiting for Bound"},
      {"ReadWriteMany only",
       [](ImportFixture& f) { f.pvc["spec"]["accessModes"] = {"ReadWriteMany"}; },
       Kind::kTerminalError,
       "PVC \"imported\" access modes [ReadWriteMany] include neither ReadWriteOnce nor "
       "ReadWriteOncePod"},
      {"mode minimum unparsable",
       [](ImportFixture& f) { f.platform().storage_size_default = "lots"; }, Kind::kTerminalError,
       "required size for mode fullNode: \"lots\" is not a valid quantity"},
      {"capacity not reported", [](ImportFixture& f) { f.pvc_status.erase("capacity"); },
       Kind::kWaiting, "PVC \"imported\" has no status.capacity.storage yet"},
      {"capacity too small", [](ImportFixture& f) { f.pvc_status["capacity"]["storage"] = "1Ti"; },
       Kind::kTerminalError, "PVC \"imported\" capacity 1Ti is less than required 2000Gi"},
      {"no volumeName", [](ImportFixture& f) { f.pvc["spec"].erase("volumeName"); }, Kind::kWaiting,
       "PVC \"imported\" has no spec.volumeName yet"},
      {"PV missing", [](ImportFixture& f) { f.pv = nullptr; }, Kind::kWaiting,
       "PV \"pv-1\" bound to PVC \"imported\" not found"},
      {"PV unreadable",
       [](ImportFixture& f) {
         f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kPersistentVolume,
                           k8s::ApiError(k8s::ErrorReason::kForbidden, 403, "denied"));
       },
       Kind::kWaiting, "reading PV \"pv-1\": denied"},
      {"PV Failed", [](ImportFixture& f) { f.pv_status["phase"] = "Failed"; }, Kind::kTerminalError,
       "PV \"pv-1\" phase is Failed"},
      {"PV capacity differs", [](ImportFixture& f) { f.pv["spec"]["capacity"]["storage"] = "3Ti"; },
       Kind::kTerminalError,
       "PV \"pv-1\" capacity 3Ti does not match PVC \"imported\" capacity 2000Gi"},
  };
  for (const Case& c : cases) {
    SECTION(c.name) {
      ImportFixture f;
      c.mutate(f);
      // FailNext is consumed by the first matching call; seeding bypasses it.
      ExecuteResult r = f.SeedAndRun();
      CHECK(r.kind == c.kind);
      CHECK(r.message == c.message);
      CHECK(f.Condition().status() == "False");
      CHECK(f.Condition().reason() == (c.kind == Kind::kWaiting ? "PVCNotReady" : "PVCInvalid"));
      CHECK(f.Condition().message() == c.message);
      CHECK(f.kube().Writes() == 0);
    }
  }
}

TEST_CASE("import path: a PVC being deleted is not ready") {
  ImportFixture f;
  f.pvc["metadata"]["finalizers"] = {"kubernetes.io/pvc-protection"};
  f.kube().Seed(k8s::resources::kPersistentVolumeClaim, f.pvc);
  f.kube().SeedStatus(k8s::resources::kPersistentVolumeClaim, "default", "imported", f.pvc_status);
  REQUIRE(f.kube()
              .Delete(k8s::resources::kPersistentVolumeClaim, "default", "imported",
                      k8s::DeleteOptions())
              .ok());
  ExecuteResult r = Run(f);
  CHECK(r.kind == Kind::kWaiting);
  CHECK(r.message == "PVC \"imported\" is being deleted");
  CHECK(f.Condition().reason() == "PVCNotReady");
}

TEST_CASE("import path: an archive node needs the archive minimum") {
  ImportFixture f;
  f.node().mutable_spec()->clear_full_node();
  f.node().mutable_spec()->mutable_archive();
  ExecuteResult r = f.SeedAndRun();
  CHECK(r.kind == Kind::kTerminalError);
  CHECK(r.message == "PVC \"imported\" capacity 2000Gi is less than required 40Ti");
}

}  // namespace
}  // namespace sei::tasks
