#include "lib/sidecar/observed_sidecar_client.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"

namespace sei::sidecar {
namespace {

// What the fake client answers, set by the test before each call.
struct Script {
  absl::Status submit;
  absl::StatusOr<TaskResult> get_task = TaskResult{};
  absl::StatusOr<Health> healthz = Health::kReady;
  absl::StatusOr<std::string> node_id = std::string(40, 'a');
  std::vector<std::string> received;  // "submit <id>", "get_task <id>", ...
};

class ScriptedClient : public SidecarClient {
 public:
  explicit ScriptedClient(Script* script) : script_(script) {}

  absl::Status Submit(const TaskRequest& request) override {
    script_->received.push_back(absl::StrCat("submit ", request.id));
    return script_->submit;
  }
  absl::StatusOr<TaskResult> GetTask(absl::string_view id) override {
    script_->received.push_back(absl::StrCat("get_task ", id));
    return script_->get_task;
  }
  absl::StatusOr<Health> Healthz() override {
    script_->received.push_back("healthz");
    return script_->healthz;
  }
  absl::StatusOr<std::string> NodeId() override {
    script_->received.push_back("node_id");
    return script_->node_id;
  }

 private:
  Script* const script_;
};

// Builds ScriptedClients, or fails with `error` when it is set.
class ScriptedFactory : public SidecarClientFactory {
 public:
  explicit ScriptedFactory(Script* script) : script_(script) {}

  absl::StatusOr<std::unique_ptr<SidecarClient>> ForNode(absl::string_view ns,
                                                         absl::string_view name) override {
    asked.push_back(absl::StrCat(ns, "/", name));
    if (!error.ok()) return error;
    return std::make_unique<ScriptedClient>(script_);
  }

  absl::Status error;
  std::vector<std::string> asked;

 private:
  Script* const script_;
};

// "call outcome" for each reported call.
class Recorder {
 public:
  SidecarCallObserver Observer() {
    return [this](const SidecarCall& call) {
      calls_.push_back(absl::StrCat(call.call, " ", call.outcome));
    };
  }
  // The calls reported since the last take.
  std::vector<std::string> Take() { return std::exchange(calls_, {}); }

 private:
  std::vector<std::string> calls_;
};

using Calls = std::vector<std::string>;

TEST_CASE("every call is forwarded and reported once as ok") {
  Script script;
  ScriptedFactory inner(&script);
  Recorder recorder;
  ObservedSidecarClientFactory factory(&inner, recorder.Observer());
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = factory.ForNode("default", "n");
  REQUIRE(client.ok());
  CHECK(inner.asked == Calls{"default/n"});
  CHECK(recorder.Take().empty());  // building a client is no call

  TaskResult done;
  done.id = "t1";
  done.type = "snapshot";
  done.state = TaskState::kCompleted;
  done.run = 3;
  script.get_task = done;
  script.node_id = std::string("0123456789abcdef0123456789abcdef01234567");

  CHECK((*client)->Submit({"t1", "snapshot", nullptr}).ok());
  absl::StatusOr<TaskResult> result = (*client)->GetTask("t1");
  REQUIRE(result.ok());
  CHECK(result->id == "t1");
  CHECK(result->state == TaskState::kCompleted);
  CHECK(result->run == 3);
  absl::StatusOr<Health> health = (*client)->Healthz();
  REQUIRE(health.ok());
  CHECK(*health == Health::kReady);
  absl::StatusOr<std::string> node_id = (*client)->NodeId();
  REQUIRE(node_id.ok());
  CHECK(*node_id == "0123456789abcdef0123456789abcdef01234567");

  CHECK(script.received == Calls{"submit t1", "get_task t1", "healthz", "node_id"});
  CHECK(recorder.Take() == Calls{"submit ok", "get_task ok", "healthz ok", "node_id ok"});
}

TEST_CASE("a Healthz answering not ready is an ok call") {
  Script script;
  ScriptedFactory inner(&script);
  Recorder recorder;
  ObservedSidecarClientFactory factory(&inner, recorder.Observer());
  std::unique_ptr<SidecarClient> client = *factory.ForNode("default", "n");
  script.healthz = Health::kNotReady;
  absl::StatusOr<Health> health = client->Healthz();
  REQUIRE(health.ok());
  CHECK(*health == Health::kNotReady);
  CHECK(recorder.Take() == Calls{"healthz ok"});
}

TEST_CASE("errors are reported by their code in snake case and returned unchanged") {
  Script script;
  ScriptedFactory inner(&script);
  Recorder recorder;
  ObservedSidecarClientFactory factory(&inner, recorder.Observer());
  std::unique_ptr<SidecarClient> client = *factory.ForNode("default", "n");

  const absl::Status rejected = absl::InvalidArgumentError("sidecar rejected the task");
  script.submit = rejected;
  CHECK(client->Submit({"t1", "snapshot", nullptr}) == rejected);
  script.submit = absl::UnavailableError("connection refused");
  CHECK(absl::IsUnavailable(client->Submit({"t2", "snapshot", nullptr})));
  script.submit = absl::UnauthenticatedError("401");
  CHECK(absl::IsUnauthenticated(client->Submit({"t3", "snapshot", nullptr})));
  CHECK(recorder.Take() ==
        Calls{"submit invalid_argument", "submit unavailable", "submit unauthenticated"});

  const absl::Status missing = absl::NotFoundError("no such task");
  script.get_task = missing;
  CHECK(client->GetTask("t1").status() == missing);
  script.get_task = absl::DataLossError("not a TaskResult");
  CHECK(absl::IsDataLoss(client->GetTask("t1").status()));
  CHECK(recorder.Take() == Calls{"get_task not_found", "get_task data_loss"});

  const absl::Status slow = absl::DeadlineExceededError("healthz took 2s");
  script.healthz = slow;
  CHECK(client->Healthz().status() == slow);
  script.node_id = absl::PermissionDeniedError("403 from the proxy");
  CHECK(absl::IsPermissionDenied(client->NodeId().status()));
  CHECK(recorder.Take() == Calls{"healthz deadline_exceeded", "node_id permission_denied"});
}

TEST_CASE("every absl code has its snake-case outcome") {
  Script script;
  ScriptedFactory inner(&script);
  Recorder recorder;
  ObservedSidecarClientFactory factory(&inner, recorder.Observer());
  std::unique_ptr<SidecarClient> client = *factory.ForNode("default", "n");
  const std::vector<std::pair<absl::StatusCode, std::string>> codes = {
      {absl::StatusCode::kCancelled, "cancelled"},
      {absl::StatusCode::kUnknown, "unknown"},
      {absl::StatusCode::kInvalidArgument, "invalid_argument"},
      {absl::StatusCode::kDeadlineExceeded, "deadline_exceeded"},
      {absl::StatusCode::kNotFound, "not_found"},
      {absl::StatusCode::kAlreadyExists, "already_exists"},
      {absl::StatusCode::kPermissionDenied, "permission_denied"},
      {absl::StatusCode::kResourceExhausted, "resource_exhausted"},
      {absl::StatusCode::kFailedPrecondition, "failed_precondition"},
      {absl::StatusCode::kAborted, "aborted"},
      {absl::StatusCode::kOutOfRange, "out_of_range"},
      {absl::StatusCode::kUnimplemented, "unimplemented"},
      {absl::StatusCode::kInternal, "internal"},
      {absl::StatusCode::kUnavailable, "unavailable"},
      {absl::StatusCode::kDataLoss, "data_loss"},
      {absl::StatusCode::kUnauthenticated, "unauthenticated"},
  };
  for (const auto& [code, outcome] : codes) {
    script.submit = absl::Status(code, "scripted");
    CHECK(client->Submit({"t", "snapshot", nullptr}).code() == code);
    CHECK(recorder.Take() == Calls{"submit " + outcome});
  }
}

TEST_CASE("a ForNode error is returned unchanged and no call is reported") {
  Script script;
  ScriptedFactory inner(&script);
  Recorder recorder;
  ObservedSidecarClientFactory factory(&inner, recorder.Observer());
  inner.error = absl::InvalidArgumentError("empty node name");
  absl::StatusOr<std::unique_ptr<SidecarClient>> client = factory.ForNode("default", "");
  CHECK(client.status() == inner.error);
  CHECK(inner.asked == Calls{"default/"});
  CHECK(recorder.Take().empty());
}

TEST_CASE("clients keep reporting after their factory is gone") {
  Script script;
  ScriptedFactory inner(&script);
  Recorder recorder;
  std::unique_ptr<SidecarClient> client;
  {
    ObservedSidecarClientFactory factory(&inner, recorder.Observer());
    client = *factory.ForNode("default", "n");
  }
  script.node_id = absl::UnavailableError("connection reset");
  CHECK(absl::IsUnavailable(client->NodeId().status()));
  CHECK(recorder.Take() == Calls{"node_id unavailable"});
}

}  // namespace
}  // namespace sei::sidecar
