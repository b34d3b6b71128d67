// The registry and the params contract (MakeControllerTask), the default
// Status mapping, and the storage quantities of the import check.
#include <catch2/catch.hpp>

#include "lib/tasks/controller/storage_quantity.h"
#include "lib/tasks/controller/test_support.h"

namespace sei::tasks {
namespace {

using testing::Params;

TEST_CASE("every controller-side node and SeiNodeTask type is registered") {
  for (const char* type :
       {"ensure-data-pvc", "validate-signing-key", "validate-node-key", "validate-operator-keyring",
        "apply-rbac-proxy-config", "apply-statefulset", "apply-service", "replace-pod",
        "observe-image", "deploy-bootstrap-service", "deploy-bootstrap-job",
        "await-bootstrap-complete", "teardown-bootstrap"}) {
    INFO(type);
    CHECK(MakeControllerTask(type, Params(R"({"nodeName":"n","namespace":"default","jobName":"j",)"
                                          R"("serviceName":"s","secretName":"x"})"))
              .ok());
  }
  CHECK(MakeControllerTask("restart-pod",
                           Params(R"({"nodeName":"n","namespace":"d","restartedPodUID":""})"))
            .ok());
  CHECK(MakeControllerTask("update-node-image",
                           Params(R"({"nodeName":"n","namespace":"d","image":"i"})"))
            .ok());
}

TEST_CASE("unknown types and bad params are InvalidArgument with the task's message") {
  auto message = [](absl::string_view type, const std::string& json) {
    absl::StatusOr<std::unique_ptr<ControllerTask>> task = MakeControllerTask(type, Params(json));
    REQUIRE_FALSE(task.ok());
    CHECK(task.status().code() == absl::StatusCode::kInvalidArgument);
    return std::string(task.status().message());
  };
  CHECK(message("config-apply", "{}") == "unknown task type \"config-apply\"");
  CHECK(message("collect-and-set-peers", "{}") == "unknown task type \"collect-and-set-peers\"");
  CHECK(message("update-node-image", R"({"nodeName":"n","namespace":"d"})") ==
        "update-node-image: nodeName, namespace, and image are required");
  CHECK(message("restart-pod", R"({"restartedPodUID":"u"})") ==
        "restart-pod: nodeName and namespace are required");
  CHECK(message("deploy-bootstrap-job", "{}") == "deploy-bootstrap-job: jobName is required");
  CHECK(message("deploy-bootstrap-service", "{}") ==
        "deploy-bootstrap-service: serviceName is required");
  CHECK(message("await-bootstrap-complete", "{}") ==
        "await-bootstrap-complete: jobName is required");
  CHECK(message("teardown-bootstrap", R"({"jobName":"j"})") ==
        "teardown-bootstrap: jobName and serviceName are required");
  CHECK(message("validate-signing-key", R"({"secretName":7})") ==
        "validate-signing-key: param \"secretName\" must be a string");
  CHECK(message("apply-service", R"([1])") == "apply-service: params must be a JSON object");
}

TEST_CASE("params keys are read case-insensitively, as Go's encoding/json does") {
  CHECK(MakeControllerTask("update-node-image",
                           Params(R"({"NodeName":"n","NAMESPACE":"d","Image":"i"})"))
            .ok());
}

class DoneTask : public ControllerTask {
 public:
  ExecuteResult Execute(TaskContext&) override { return ExecuteResult::Done("ok"); }
};

TEST_CASE("the default Status follows what Execute returned") {
  DoneTask task;
  TaskContext ctx;
  ExecuteResult done = ExecuteResult::Done("d");
  ExecuteResult waiting = ExecuteResult::Waiting("w");
  CHECK(task.Status(ctx, &done).kind == StatusResult::Kind::kComplete);
  StatusResult running = task.Status(ctx, &waiting);
  CHECK(running.kind == StatusResult::Kind::kRunning);
  CHECK(running.message == "w");
  CHECK(task.Status(ctx, nullptr).kind == StatusResult::Kind::kRunning);
}

StorageQuantity Q(absl::string_view text) {
  absl::StatusOr<StorageQuantity> q = StorageQuantity::Parse(text);
  REQUIRE(q.ok());
  return *q;
}

TEST_CASE("storage quantities compare exactly across suffixes") {
  CHECK(Q("1Ti") == Q("1024Gi"));
  CHECK(Q("2000Gi") < Q("40Ti"));
  CHECK(Q("1999Gi") < Q("2000Gi"));
  CHECK(Q("1T") == Q("1000G"));
  CHECK(Q("1T") < Q("1Ti"));
  CHECK(Q("1.5Gi") == Q("1536Mi"));
  CHECK(Q("5e3") == Q("5k"));
  CHECK(Q("100m") < Q("1"));
  CHECK(Q("0") == Q("0Gi"));
  CHECK(Q("8Ei") != Q("8E"));
}

TEST_CASE("invalid or absurd quantities are rejected") {
  for (const char* text : {"", "Gi", "1GB", "1.2.3", "abc", "1e400", "99999999999Ei"}) {
    INFO(text);
    absl::StatusOr<StorageQuantity> q = StorageQuantity::Parse(text);
    REQUIRE_FALSE(q.ok());
    CHECK(q.status().message() == absl::StrCat("\"", text, "\" is not a valid quantity"));
  }
}

}  // namespace
}  // namespace sei::tasks
