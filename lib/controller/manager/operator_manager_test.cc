// The manager against the in-memory apiserver: informers sync before any
// reconcile, a created SeiNode is reconciled without anyone queueing it by
// hand (finalizer, persisted plan, sidecar submissions), a cache that cannot
// sync is a clear error naming the resource, Stop() during the wait cancels
// the start, and the queue depth is exported.
#include "lib/controller/manager/operator_manager.h"

#include <catch2/catch.hpp>

#include <string>

#include "absl/strings/match.h"
#include "lib/controller/testing/recording_reporter.h"
#include "lib/controller/testing/scripted_sidecar.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/platform/test_platform_config.h"

namespace sei::controller {
namespace {

using k8s::Object;
namespace res = k8s::resources;

struct Harness {
  k8s::FakeKubeClient kube;
  testing::ScriptedSidecars sidecars;
  testing::RecordingNodeReporter node_reporter;
  testing::RecordingTaskReporter task_reporter;
  tasks::PlatformConfig platform = sei::tasks::testing::TestPlatformConfig();
  runtime::metrics::Registry registry;
  ManagerMetrics metrics = *ManagerMetrics::Register(&registry);

  std::unique_ptr<OperatorManager> Manager() {
    OperatorManagerDeps deps;
    deps.kube = &kube;
    deps.sidecars = &sidecars;
    deps.platform = &platform;
    deps.node_reporter = &node_reporter;
    deps.task_reporter = &task_reporter;
    deps.metrics = &metrics;
    deps.registry = &registry;
    deps.clock = runtime::RealClock();
    OperatorManagerOptions options;
    options.namespaces = {"default"};
    options.workers = 2;
    absl::StatusOr<std::unique_ptr<OperatorManager>> manager =
        OperatorManager::Create(deps, options);
    REQUIRE(manager.ok());
    return *std::move(manager);
  }

  // Polls the live node (real time, bounded) until `holds` is true.
  bool NodeEventually(const std::function<bool(const Object&)>& holds) {
    const absl::Time deadline = absl::Now() + absl::Seconds(20);
    while (absl::Now() < deadline) {
      absl::StatusOr<Object> node = kube.Get(res::kSeiNode, "default", "rpc-0");
      if (node.ok() && holds(*node)) return true;
      absl::SleepFor(absl::Milliseconds(20));
    }
    return false;
  }
};

Object FullNode() {
  return Object::parse(R"({
    "apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
    "metadata": {"name": "rpc-0", "namespace": "default"},
    "spec": {
      "chainId": "pacific-1",
      "image": "ghcr.io/sei-protocol/sei:v6.3.0",
      "peers": [{"static": {"addresses": ["aa@seed-0.example.net:26656"]}}],
      "fullNode": {}
    }})");
}

TEST_CASE("a SeiNode created after start is reconciled from its watch event") {
  Harness h;
  std::unique_ptr<OperatorManager> manager = h.Manager();
  REQUIRE(manager->Start(absl::Seconds(10)).ok());
  CHECK(manager->Synced());
  REQUIRE(h.kube.Create(res::kSeiNode, "default", FullNode()).ok());

  CHECK(h.NodeEventually([](const Object& node) {
    const Object& finalizers = node["metadata"].value("finalizers", Object::array());
    return finalizers.size() == 1 && finalizers[0] == "sei.io/seinode-finalizer";
  }));
  // The plan is persisted and executed: its first sidecar task reaches the
  // node's sidecar without any test code queueing a key.
  CHECK(h.NodeEventually([](const Object& node) {
    return node.contains("status") && node["status"].contains("plan") &&
           !node["status"]["plan"].value("id", "").empty();
  }));
  const absl::Time deadline = absl::Now() + absl::Seconds(20);
  while (h.sidecars.SubmitCalls("default", "rpc-0") == 0 && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(20));
  }
  CHECK(h.sidecars.SubmitCalls("default", "rpc-0") > 0);
  manager->Stop();
  CHECK_FALSE(manager->Synced());
  absl::StatusOr<double> reconciled = h.metrics.reconciles->Value({"seinode", "requeue"});
  CHECK((reconciled.ok() && *reconciled >= 1));
  CHECK(absl::StrContains(h.registry.TextExposition(),
                          "sei_controller_workqueue_depth{controller=\"seinode\",state=\"ready\"}"));
}

TEST_CASE("a cache that cannot sync is an error naming the resource") {
  Harness h;
  for (int i = 0; i < 50; ++i) {
    h.kube.FailNext(k8s::Verb::kList, res::kSeiNode,
                    k8s::ApiError(k8s::ErrorReason::kNotFound, 404,
                                  "the server could not find the requested resource"));
  }
  std::unique_ptr<OperatorManager> manager = h.Manager();
  absl::Status started = manager->Start(absl::Milliseconds(300));
  REQUIRE(absl::IsDeadlineExceeded(started));
  CHECK(absl::StrContains(started.message(), "seinodes.sei.io in default"));
  CHECK(absl::StrContains(started.message(), "could not find the requested resource"));
  CHECK_FALSE(manager->Synced());
}

TEST_CASE("Stop() while waiting for caches cancels the start; Start() is once only") {
  Harness h;
  for (int i = 0; i < 50; ++i) {
    h.kube.FailNext(k8s::Verb::kList, res::kSeiNode, k8s::ApiError(k8s::ErrorReason::kTransport,
                                                                   0, "connection refused"));
  }
  std::unique_ptr<OperatorManager> manager = h.Manager();
  absl::Status started;
  std::thread starter([&] { started = manager->Start(absl::Seconds(30)); });
  absl::SleepFor(absl::Milliseconds(100));
  manager->Stop();
  starter.join();
  CHECK(absl::IsCancelled(started));
  CHECK(absl::IsFailedPrecondition(manager->Start(absl::Seconds(1))));
}

TEST_CASE("Create rejects missing dependencies and bad options") {
  Harness h;
  OperatorManagerDeps deps;
  CHECK(absl::IsInvalidArgument(OperatorManager::Create(deps, {}).status()));
}

}  // namespace
}  // namespace sei::controller
