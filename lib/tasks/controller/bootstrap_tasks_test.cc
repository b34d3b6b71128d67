// deploy-bootstrap-service, deploy-bootstrap-job, await-bootstrap-complete
// and teardown-bootstrap (tasks.md §3.12-§3.15).
#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/test_support.h"

namespace sei::tasks {
namespace {

using testing::MustMake;
using testing::TaskFixture;
using Kind = ExecuteResult::Kind;

constexpr char kServiceParams[] = R"({"serviceName":"node-a","namespace":"default"})";
constexpr char kJobParams[] = R"({"jobName":"node-a-bootstrap","namespace":"default"})";
constexpr char kTeardownParams[] =
    R"({"jobName":"node-a-bootstrap","serviceName":"node-a","namespace":"default"})";

struct BootstrapFixture : TaskFixture {
  BootstrapFixture() {
    v1alpha1::SnapshotSource* snapshot =
        node().mutable_spec()->mutable_full_node()->mutable_snapshot();
    snapshot->mutable_s3()->set_target_height(1000);
    snapshot->set_bootstrap_image("sei:bootstrap");
  }
  ExecuteResult Run(absl::string_view type, const char* params) {
    TaskContext ctx = Context();
    return MustMake(type, params)->Execute(ctx);
  }
  StatusResult Await() {
    TaskContext ctx = Context();
    return MustMake("await-bootstrap-complete", kJobParams)->Status(ctx, nullptr);
  }
};

TEST_CASE("deploy-bootstrap-service creates once; an existing Service counts as deployed") {
  BootstrapFixture f;
  CHECK(f.Run("deploy-bootstrap-service", kServiceParams).kind == Kind::kDone);
  absl::StatusOr<k8s::Object> svc = f.kube().Get(k8s::resources::kService, "default", "node-a");
  REQUIRE(svc.ok());
  CHECK(StringAt(*svc, "metadata/labels/sei.io~1component") == std::nullopt);  // paths are keys
  CHECK(StringMapAt(*svc, "metadata/labels").at("sei.io/component") == "bootstrap");
  CHECK(HasOwnerReference(*svc, "SeiNode", f.node().metadata().uid(), true));
  f.kube().ResetCounts();
  CHECK(f.Run("deploy-bootstrap-service", kServiceParams).kind == Kind::kDone);
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("deploy-bootstrap-service: errors and a missing owner are transient") {
  BootstrapFixture f;
  f.kube().FailNext(k8s::Verb::kCreate, k8s::resources::kService,
                    k8s::ApiError(k8s::ErrorReason::kForbidden, 403, "denied"));
  ExecuteResult r = f.Run("deploy-bootstrap-service", kServiceParams);
  CHECK(r.kind == Kind::kTransientError);
  CHECK(r.message == "creating bootstrap service node-a: denied");
  f.kube().FailNext(k8s::Verb::kCreate, k8s::resources::kService,
                    k8s::ApiError(k8s::ErrorReason::kAlreadyExists, 409, "race"));
  CHECK(f.Run("deploy-bootstrap-service", kServiceParams).kind == Kind::kDone);
  TaskContext no_node = f.TaskOnlyContext();
  CHECK(MustMake("deploy-bootstrap-service", kServiceParams)->Execute(no_node).kind ==
        Kind::kTransientError);
}

TEST_CASE("deploy-bootstrap-job creates the Job once") {
  BootstrapFixture f;
  ExecuteResult r = f.Run("deploy-bootstrap-job", kJobParams);
  CHECK(r.kind == Kind::kDone);
  CHECK(f.kube().Get(k8s::resources::kJob, "default", "node-a-bootstrap").ok());
  f.kube().ResetCounts();
  CHECK(f.Run("deploy-bootstrap-job", kJobParams).kind == Kind::kDone);
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("deploy-bootstrap-job render errors are transient (reference behaviour)") {
  BootstrapFixture f;
  f.node().mutable_spec()->mutable_full_node()->mutable_snapshot()->clear_s3();
  ExecuteResult r = f.Run("deploy-bootstrap-job", kJobParams);
  CHECK(r.kind == Kind::kTransientError);
  CHECK(r.message ==
        "rendering bootstrap job: bootstrap job requires an S3 snapshot source (node "
        "default/node-a)");
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("await-bootstrap-complete follows the Job's conditions") {
  BootstrapFixture f;
  StatusResult missing = f.Await();
  CHECK(missing.kind == StatusResult::Kind::kFailed);
  CHECK(missing.message == "bootstrap job node-a-bootstrap not found");

  REQUIRE(f.Run("deploy-bootstrap-job", kJobParams).kind == Kind::kDone);
  CHECK(f.Await().kind == StatusResult::Kind::kRunning);
  TaskContext ctx = f.Context();
  CHECK(MustMake("await-bootstrap-complete", kJobParams)->Execute(ctx).kind == Kind::kWaiting);

  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kJob,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(f.Await().kind == StatusResult::Kind::kRunning);

  SECTION("complete") {
    f.kube().SeedStatus(k8s::resources::kJob, "default", "node-a-bootstrap",
                        {{"conditions", {{{"type", "Complete"}, {"status", "True"}}}}});
    CHECK(f.Await().kind == StatusResult::Kind::kComplete);
  }
  SECTION("failed with a message") {
    f.kube().SeedStatus(
        k8s::resources::kJob, "default", "node-a-bootstrap",
        {{"conditions",
          {{{"type", "Failed"}, {"status", "True"}, {"message", "BackoffLimitExceeded"}}}}});
    StatusResult r = f.Await();
    CHECK(r.kind == StatusResult::Kind::kFailed);
    CHECK(r.message == "bootstrap job failed: BackoffLimitExceeded");
  }
  SECTION("failed without a message") {
    f.kube().SeedStatus(k8s::resources::kJob, "default", "node-a-bootstrap",
                        {{"conditions", {{{"type", "Failed"}, {"status", "True"}}}}});
    CHECK(f.Await().message == "bootstrap job failed: bootstrap job failed");
  }
  SECTION("a False condition is still running") {
    f.kube().SeedStatus(k8s::resources::kJob, "default", "node-a-bootstrap",
                        {{"conditions", {{{"type", "Complete"}, {"status", "False"}}}}});
    CHECK(f.Await().kind == StatusResult::Kind::kRunning);
  }
}

TEST_CASE("teardown-bootstrap deletes the Job and the bootstrap Service, then nothing") {
  BootstrapFixture f;
  REQUIRE(f.Run("deploy-bootstrap-service", kServiceParams).kind == Kind::kDone);
  REQUIRE(f.Run("deploy-bootstrap-job", kJobParams).kind == Kind::kDone);
  f.kube().ResetCounts();
  CHECK(f.Run("teardown-bootstrap", kTeardownParams).kind == Kind::kDone);
  CHECK(f.kube().Calls(k8s::Verb::kDelete, k8s::resources::kJob) == 1);
  CHECK(f.kube().Calls(k8s::Verb::kDelete, k8s::resources::kService) == 1);
  CHECK_FALSE(f.kube().Get(k8s::resources::kService, "default", "node-a").ok());

  f.kube().ResetCounts();
  CHECK(f.Run("teardown-bootstrap", kTeardownParams).kind == Kind::kDone);
  CHECK(f.kube().Writes() == 0);
}

TEST_CASE("a re-run of teardown-bootstrap never deletes the headless Service") {
  BootstrapFixture f;
  REQUIRE(f.Run("apply-service", R"({"nodeName":"node-a","namespace":"default"})").kind ==
          Kind::kDone);
  f.kube().ResetCounts();
  CHECK(f.Run("teardown-bootstrap", kTeardownParams).kind == Kind::kDone);
  CHECK(f.kube().Writes() == 0);
  CHECK(f.kube().Get(k8s::resources::kService, "default", "node-a").ok());
}

TEST_CASE("teardown-bootstrap API errors are transient") {
  BootstrapFixture f;
  REQUIRE(f.Run("deploy-bootstrap-service", kServiceParams).kind == Kind::kDone);
  REQUIRE(f.Run("deploy-bootstrap-job", kJobParams).kind == Kind::kDone);
  f.kube().FailNext(k8s::Verb::kGet, k8s::resources::kJob,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(f.Run("teardown-bootstrap", kTeardownParams).kind == Kind::kTransientError);
  f.kube().FailNext(k8s::Verb::kDelete, k8s::resources::kJob,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  ExecuteResult job = f.Run("teardown-bootstrap", kTeardownParams);
  CHECK(job.kind == Kind::kTransientError);
  CHECK(job.message == "deleting bootstrap job node-a-bootstrap: boom");
  f.kube().FailNext(k8s::Verb::kDelete, k8s::resources::kService,
                    k8s::ApiError(k8s::ErrorReason::kInternal, 500, "boom"));
  CHECK(f.Run("teardown-bootstrap", kTeardownParams).kind == Kind::kTransientError);
  CHECK(f.Run("teardown-bootstrap", kTeardownParams).kind == Kind::kDone);
}

}  // namespace
}  // namespace sei::tasks
