// The simulated Job controller: pods, run duration, success, failure,
// back-off limit and TTL.
#include "lib/controlplane/controllers/job_controller.h"

#include <string>
#include <vector>

#include "lib/controlplane/controllers/controllers_test_util.h"
#include "lib/controlplane/controllers/simulated_cluster.h"

namespace sei::controlplane {
namespace {

using testing::ConditionOf;
using testing::ConditionStatus;
using testing::Fixture;
using testing::MustOk;
using testing::Phase;

Json Job(const std::string& name, Json annotations = Json::object()) {
  Json job = {{"apiVersion", "batch/v1"},
              {"kind", "Job"},
              {"metadata", {{"name", name}}},
              {"spec",
               {{"backoffLimit", 0},
                {"template",
                 {{"metadata", {{"labels", {{"sei.io/node", "node-a"}}}}},
                  {"spec",
                   {{"restartPolicy", "Never"},
                    {"containers", {{{"name", "seid"}, {"image", "img:1"}}}}}}}}}}};
  if (!annotations.empty()) job["metadata"]["annotations"] = annotations;
  return job;
}

std::vector<Json> JobPods(Fixture& f, const std::string& job) {
  return f.List(f.Pods(), "job-name=" + job);
}

TEST_CASE("a Job's pod runs for the configured time, then the Job completes", "[job]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  const Json job = f.Create(f.Jobs(), Job("boot"));
  MustOk(cluster.Step());  // pod created and started
  std::vector<Json> pods = JobPods(f, "boot");
  REQUIRE(pods.size() == 1);
  const Json& pod = pods[0];
  CHECK(pod["metadata"]["name"].get<std::string>().rfind("boot-", 0) == 0);
  CHECK(pod["metadata"]["labels"]["batch.kubernetes.io/job-name"] == "boot");
  CHECK(pod["metadata"]["labels"]["controller-uid"] == job["metadata"]["uid"]);
  CHECK(pod["metadata"]["labels"]["batch.kubernetes.io/controller-uid"] == job["metadata"]["uid"]);
  CHECK(pod["metadata"]["labels"]["sei.io/node"] == "node-a");
  CHECK(pod["metadata"]["ownerReferences"][0]["kind"] == "Job");
  CHECK(pod["metadata"]["ownerReferences"][0]["uid"] == job["metadata"]["uid"]);
  CHECK(Phase(pod) == "Running");
  Json status = f.Get(f.Jobs(), "boot")["status"];
  CHECK(status["active"] == 1);
  CHECK(status.contains("startTime"));

  MustOk(cluster.Step());  // the Job controller sees it running: the clock starts
  CHECK(f.Get(f.Jobs(), "boot")["status"]["ready"] == 1);
  f.Advance(absl::Milliseconds(999));
  MustOk(cluster.Step());
  CHECK(ConditionStatus(f.Get(f.Jobs(), "boot"), "Complete") == "");
  f.Advance(absl::Milliseconds(1));
  MustOk(cluster.Step());

  const Json done = f.Get(f.Jobs(), "boot");
  CHECK(ConditionStatus(done, "Complete") == "True");
  CHECK(ConditionStatus(done, "SuccessCriteriaMet") == "True");
  CHECK(ConditionOf(done, "Complete")["reason"] == "CompletionsReached");
  CHECK(done["status"]["succeeded"] == 1);
  CHECK_FALSE(done["status"].contains("active"));
  CHECK(done["status"].contains("completionTime"));
  const Json finished = JobPods(f, "boot")[0];
  CHECK(Phase(finished) == "Succeeded");
  CHECK(finished["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"] == 0);
  CHECK(ConditionStatus(finished, "Ready") == "False");
}

TEST_CASE("the duration annotation overrides the default", "[job]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  f.Create(f.Jobs(), Job("slow", {{kSimDurationAnnotation, "5s"}}));
  MustOk(cluster.Step());
  MustOk(cluster.Step());
  f.Advance(absl::Seconds(4));
  MustOk(cluster.Step());
  CHECK(Phase(JobPods(f, "slow")[0]) == "Running");
  f.Advance(absl::Seconds(1));
  MustOk(cluster.Step());
  CHECK(ConditionStatus(f.Get(f.Jobs(), "slow"), "Complete") == "True");
}

TEST_CASE("a Job told to fail fails with BackoffLimitExceeded", "[job]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  f.Create(f.Jobs(), Job("bad", {{kSimFailAnnotation, "true"}}));
  MustOk(cluster.Step());
  MustOk(cluster.Step());
  f.Advance(absl::Seconds(1));
  MustOk(cluster.Step());
  const Json job = f.Get(f.Jobs(), "bad");
  CHECK(ConditionStatus(job, "Failed") == "True");
  CHECK(ConditionStatus(job, "FailureTarget") == "True");
  CHECK(ConditionStatus(job, "Complete") == "");
  CHECK(ConditionOf(job, "Failed")["reason"] == "BackoffLimitExceeded");
  CHECK(ConditionOf(job, "Failed")["message"] == "Job has reached the specified backoff limit");
  CHECK(job["status"]["failed"] == 1);
  CHECK_FALSE(job["status"].contains("completionTime"));
  const std::vector<Json> pods = JobPods(f, "bad");
  REQUIRE(pods.size() == 1);
  CHECK(Phase(pods[0]) == "Failed");
  CHECK(pods[0]["status"]["containerStatuses"][0]["state"]["terminated"]["exitCode"] == 1);
}

TEST_CASE("failed pods are replaced up to the back-off limit", "[job]") {
  Fixture f;
  SimulatedClusterOptions options = testing::InstantOptions(&f.clock);
  options.job_fails = [](const Json& job) { return NameOf(job) == "flaky"; };
  SimulatedCluster cluster(f.store.get(), f.registry.get(), options);
  Json job = Job("flaky");
  job["spec"]["backoffLimit"] = 1;
  f.Create(f.Jobs(), job);
  for (int i = 0; i < 3; ++i) {
    MustOk(cluster.Step());
    MustOk(cluster.Step());
    f.Advance(absl::Seconds(1));
  }
  MustOk(cluster.Step());
  const Json failed = f.Get(f.Jobs(), "flaky");
  CHECK(ConditionStatus(failed, "Failed") == "True");
  CHECK(failed["status"]["failed"] == 2);
  CHECK(JobPods(f, "flaky").size() == 2);
}

TEST_CASE("a finished Job is deleted ttlSecondsAfterFinished later, pods too", "[job]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  Json job = Job("boot");
  job["spec"]["ttlSecondsAfterFinished"] = 60;
  f.Create(f.Jobs(), job);
  MustOk(cluster.Step());
  MustOk(cluster.Step());
  f.Advance(absl::Seconds(1));
  MustOk(cluster.Step());
  REQUIRE(ConditionStatus(f.Get(f.Jobs(), "boot"), "Complete") == "True");
  f.Advance(absl::Seconds(59));
  MustOk(cluster.Step());
  CHECK(f.Find(f.Jobs(), "boot").has_value());
  f.Advance(absl::Seconds(1));
  MustOk(cluster.Step());
  CHECK_FALSE(f.Find(f.Jobs(), "boot").has_value());
  CHECK(JobPods(f, "boot").empty());
}

TEST_CASE("run durations parse like Go durations", "[job]") {
  Fixture f;
  JobControllerOptions options;
  options.default_run_duration = absl::Seconds(2);
  JobController controller(f.store.get(), f.registry.get(), options);
  auto annotated = [](const std::string& value) {
    return Json{{"metadata", {{"annotations", {{kSimDurationAnnotation, value}}}}}};
  };
  CHECK(controller.RunDuration(annotated("1m30s")) == absl::Seconds(90));
  CHECK(controller.RunDuration(annotated("250ms")) == absl::Milliseconds(250));
  CHECK(controller.RunDuration(annotated("soon")) == absl::Seconds(2));
  CHECK(controller.RunDuration(annotated("-1s")) == absl::Seconds(2));
  CHECK(controller.RunDuration(Json::object()) == absl::Seconds(2));
  CHECK(controller.Fails(Json{{"metadata", {{"annotations", {{kSimFailAnnotation, "True"}}}}}}));
  CHECK_FALSE(controller.Fails(Json::object()));
}

}  // namespace
}  // namespace sei::controlplane
