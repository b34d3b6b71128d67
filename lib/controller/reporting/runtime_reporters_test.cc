#include "lib/controller/reporting/runtime_reporters.h"

#include <catch2/catch.hpp>

#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"
#include "lib/runtime/clock/fake_clock.h"
#include "lib/runtime/logging/memory_sink.h"
#include "lib/runtime/metrics/registry.h"

namespace sei::controller {
namespace {

struct Fixture {
  k8s::FakeKubeClient kube;
  runtime::FakeClock clock;
  runtime::MemorySink sink;
  runtime::metrics::Registry registry;
  OperatorMetrics metrics;
  std::unique_ptr<runtime::EventRecorder> events;
  std::unique_ptr<RuntimeNodeReporter> reporter;

  Fixture() {
    runtime::LoggerOptions options;
    options.sink = &sink;
    options.clock = &clock;
    runtime::Logger logger(options);
    absl::StatusOr<OperatorMetrics> registered = OperatorMetrics::Register(&registry);
    REQUIRE(registered.ok());
    metrics = *registered;
    runtime::EventRecorderOptions event_options;
    event_options.component = "seinode-controller";
    events = std::make_unique<runtime::EventRecorder>(&kube, event_options, &clock, logger);
    reporter = std::make_unique<RuntimeNodeReporter>(events.get(), metrics, logger);
  }

  v1alpha1::SeiNode Node(const std::string& name) {
    v1alpha1::SeiNode node;
    node.mutable_metadata()->set_name(name);
    node.mutable_metadata()->set_namespace_("default");
    node.mutable_metadata()->set_uid("uid-" + name);
    node.mutable_spec()->set_chain_id("pacific-1");
    node.mutable_status()->set_phase(v1alpha1::NODE_PHASE_RUNNING);
    return node;
  }
};

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST_CASE("a phase change is an event, a counter, a histogram sample and a log line") {
  Fixture f;
  v1alpha1::SeiNode node = f.Node("rpc-0");
  f.reporter->PhaseChanged(node, v1alpha1::NODE_PHASE_INITIALIZING, v1alpha1::NODE_PHASE_RUNNING,
                           absl::Seconds(42));
  k8s::ObjectList events = *f.kube.List(k8s::resources::kEvent, "default", k8s::ListOptions());
  REQUIRE(events.items.size() == 1);
  CHECK(events.items[0]["reason"] == "PhaseTransition");
  CHECK(events.items[0]["message"] == "Phase changed from Initializing to Running");
  CHECK(events.items[0]["involvedObject"]["uid"] == "uid-rpc-0");
  std::string text = f.registry.TextExposition();
  CHECK(Contains(text,
                 "sei_controller_seinode_phase_transitions_total{controller=\"seinode\","
                 "namespace=\"default\",from_phase=\"Initializing\",to_phase=\"Running\"} 1"));
  CHECK(Contains(text,
                 "sei_controller_seinode_phase{namespace=\"default\",name=\"rpc-0\","
                 "phase=\"Running\"} 1"));
  CHECK(Contains(text,
                 "sei_controller_seinode_phase_duration_seconds_sum{namespace=\"default\","
                 "chain_id=\"pacific-1\",phase=\"Initializing\"} 42"));
  REQUIRE_FALSE(f.sink.lines().empty());
  CHECK(Contains(f.sink.lines().back(), "\"node\":\"rpc-0\""));
}

TEST_CASE("active plans are a gauge of the truth, not a drifting counter (D4)") {
  Fixture f;
  v1alpha1::SeiNode a = f.Node("a");
  v1alpha1::SeiNode b = f.Node("b");
  for (int i = 0; i < 5; ++i) f.reporter->PlanActivity(a, true);  // every executor pass
  f.reporter->PlanActivity(b, true);
  CHECK(Contains(f.registry.TextExposition(),
                 "sei_controller_plan_active{controller=\"seinode\",namespace=\"default\"} 2"));
  f.reporter->PlanActivity(a, false);
  CHECK(Contains(f.registry.TextExposition(),
                 "sei_controller_plan_active{controller=\"seinode\",namespace=\"default\"} 1"));
}

TEST_CASE("a deleted node's series are dropped (D13)") {
  Fixture f;
  v1alpha1::SeiNode node = f.Node("gone");
  f.reporter->PhaseObserved(node);
  f.reporter->SidecarProbed(node, "ready");
  CHECK(Contains(f.registry.TextExposition(), "name=\"gone\""));
  f.reporter->NodeDeleted("default", "gone");
  CHECK_FALSE(Contains(f.registry.TextExposition(), "name=\"gone\""));
}

TEST_CASE("reconcile errors are counted per controller and namespace") {
  Fixture f;
  f.reporter->ReconcileError("default", "n", absl::UnavailableError("apiserver down"));
  CHECK(Contains(f.registry.TextExposition(),
                 "sei_controller_reconcile_errors_total{controller=\"seinode\","
                 "namespace=\"default\"} 1"));
}

}  // namespace
}  // namespace sei::controller
