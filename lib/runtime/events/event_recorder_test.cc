#include "lib/runtime/events/event_recorder.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/time/time.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"
#include "lib/runtime/clock/fake_clock.h"
#include "lib/runtime/events/object_reference.h"
#include "lib/runtime/logging/logger.h"
#include "lib/runtime/logging/memory_sink.h"

namespace sei::runtime {
namespace {

using k8s::resources::kEvent;

struct Fixture {
  k8s::FakeKubeClient kube;
  FakeClock clock{absl::FromUnixSeconds(1767225600)};  // 2026-01-01T00:00:00Z
  MemorySink sink;
  EventRecorderOptions options = [] {
    EventRecorderOptions o;
    o.component = "seinode-controller";
    o.instance = "operator-0";
    return o;
  }();
  EventRecorder recorder{&kube, options, &clock,
                         Logger(LoggerOptions{LogLevel::kInfo, LogFormat::kText, &sink, &clock})};
  ObjectReference node{"sei.io/v1alpha1", "SeiNode", "node-a", "default", "uid-a"};

  std::vector<k8s::Object> Events(const std::string& ns = "default") {
    absl::StatusOr<k8s::ObjectList> list = kube.List(kEvent, ns, {});
    REQUIRE(list.ok());
    return list->items;
  }
  bool Logged(absl::string_view text) {
    for (const std::string& line : sink.lines()) {
      if (absl::StrContains(line, text)) return true;
    }
    return false;
  }
};

TEST_CASE("An event is created with the involved object, source and timestamps") {
  Fixture f;
  f.recorder.Record(f.node, EventType::kNormal, "PhaseTransition",
                    "Phase changed from Initializing to Running");
  const std::vector<k8s::Object> events = f.Events();
  REQUIRE(events.size() == 1);
  const k8s::Object& e = events[0];
  CHECK(absl::StartsWith(e["metadata"]["name"].get<std::string>(), "node-a."));
  CHECK(e["involvedObject"] == k8s::Object{{"apiVersion", "sei.io/v1alpha1"},
                                           {"kind", "SeiNode"},
                                           {"name", "node-a"},
                                           {"namespace", "default"},
                                           {"uid", "uid-a"}});
  CHECK(e["type"] == "Normal");
  CHECK(e["reason"] == "PhaseTransition");
  CHECK(e["message"] == "Phase changed from Initializing to Running");
  CHECK(e["source"] == k8s::Object{{"component", "seinode-controller"}, {"host", "operator-0"}});
  CHECK(e["reportingComponent"] == "seinode-controller");
  CHECK(e["reportingInstance"] == "operator-0");
  CHECK(e["firstTimestamp"] == "2026-01-01T00:00:00Z");
  CHECK(e["lastTimestamp"] == "2026-01-01T00:00:00Z");
  CHECK(e["count"] == 1);
}

TEST_CASE("Repeats within the window bump count and lastTimestamp") {
  Fixture f;
  const char* message = "SeiNode is in Failed state. Delete and recreate the resource to retry.";
  f.recorder.Record(f.node, EventType::kWarning, "NodeFailed", message);
  f.clock.Advance(absl::Seconds(30));
  f.recorder.Record(f.node, EventType::kWarning, "NodeFailed", message);
  f.clock.Advance(absl::Seconds(30));
  f.recorder.Record(f.node, EventType::kWarning, "NodeFailed", message);
  const std::vector<k8s::Object> events = f.Events();
  REQUIRE(events.size() == 1);
  CHECK(events[0]["count"] == 3);
  CHECK(events[0]["firstTimestamp"] == "2026-01-01T00:00:00Z");
  CHECK(events[0]["lastTimestamp"] == "2026-01-01T00:01:00Z");
  CHECK(f.kube.Calls(k8s::Verb::kCreate, kEvent) == 1);
  CHECK(f.kube.Calls(k8s::Verb::kPatch, kEvent) == 2);
}

TEST_CASE("A different type, reason, message or object is a separate event") {
  Fixture f;
  ObjectReference other = f.node;
  other.name = "node-b";
  other.uid = "uid-b";
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  f.recorder.Record(f.node, EventType::kNormal, "R", "m");
  f.recorder.Record(f.node, EventType::kWarning, "R2", "m");
  f.recorder.Record(f.node, EventType::kWarning, "R", "m2");
  f.recorder.Record(other, EventType::kWarning, "R", "m");
  CHECK(f.Events().size() == 5);
}

TEST_CASE("A repeat after the window starts a new event") {
  Fixture f;
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  f.clock.Advance(absl::Minutes(10) + absl::Seconds(1));
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  const std::vector<k8s::Object> events = f.Events();
  REQUIRE(events.size() == 2);
  CHECK(events[0]["count"] == 1);
  CHECK(events[1]["count"] == 1);
}

TEST_CASE("Events recorded in the same instant get distinct names") {
  Fixture f;
  f.recorder.Record(f.node, EventType::kWarning, "A", "m");
  f.recorder.Record(f.node, EventType::kWarning, "B", "m");
  const std::vector<k8s::Object> events = f.Events();
  REQUIRE(events.size() == 2);
  CHECK(events[0]["metadata"]["name"] != events[1]["metadata"]["name"]);
}

TEST_CASE("A failed create is logged, not propagated, and retried next time") {
  Fixture f;
  f.kube.FailNext(k8s::Verb::kCreate, kEvent,
                  k8s::ApiError(k8s::ErrorReason::kForbidden, 403, "events is forbidden"));
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  CHECK(f.Events().empty());
  CHECK(f.Logged("recording event failed"));
  CHECK(f.Logged("events is forbidden"));
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  const std::vector<k8s::Object> events = f.Events();
  REQUIRE(events.size() == 1);
  CHECK(events[0]["count"] == 1);
}

TEST_CASE("An aggregated event that vanished is created again") {
  Fixture f;
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  const std::string first = f.Events().at(0)["metadata"]["name"];
  REQUIRE(f.kube.Delete(kEvent, "default", first, {}).ok());  // the API server's TTL
  f.clock.Advance(absl::Seconds(1));
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  const std::vector<k8s::Object> events = f.Events();
  REQUIRE(events.size() == 1);
  CHECK(events[0]["metadata"]["name"] != first);
  CHECK(events[0]["count"] == 1);
}

TEST_CASE("A failed patch is logged and creates no duplicate") {
  Fixture f;
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  f.kube.FailNext(k8s::Verb::kPatch, kEvent,
                  k8s::ApiError(k8s::ErrorReason::kInternal, 500, "etcd unavailable"));
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  CHECK(f.Logged("updating event failed"));
  f.recorder.Record(f.node, EventType::kWarning, "R", "m");
  const std::vector<k8s::Object> events = f.Events();
  REQUIRE(events.size() == 1);
  CHECK(events[0]["count"] == 2);  // the failed bump was not counted
}

TEST_CASE("Events of a cluster-scoped object go to the default namespace") {
  Fixture f;
  ObjectReference pv{"v1", "PersistentVolume", "pv-1", "", "uid-pv"};
  f.recorder.Record(pv, EventType::kNormal, "R", "m");
  const std::vector<k8s::Object> events = f.Events("default");
  REQUIRE(events.size() == 1);
  CHECK_FALSE(events[0]["involvedObject"].contains("namespace"));
}

TEST_CASE("Only the most recent events are remembered for aggregation") {
  Fixture f;
  EventRecorderOptions small = f.options;
  small.max_remembered = 2;
  EventRecorder recorder(&f.kube, small, &f.clock, Logger(LoggerOptions{}));
  recorder.Record(f.node, EventType::kWarning, "A", "m");
  f.clock.Advance(absl::Seconds(1));
  recorder.Record(f.node, EventType::kWarning, "B", "m");
  f.clock.Advance(absl::Seconds(1));
  recorder.Record(f.node, EventType::kWarning, "C", "m");  // forgets A
  recorder.Record(f.node, EventType::kWarning, "C", "m");  // aggregated
  recorder.Record(f.node, EventType::kWarning, "A", "m");  // A is new again
  CHECK(f.Events().size() == 4);
}

TEST_CASE("ObjectReference reads an object's identity") {
  const ObjectReference ref = ObjectReference::FromObject(
      {{"apiVersion", "sei.io/v1alpha1"},
       {"kind", "SeiNodeTask"},
       {"metadata", {{"name", "t"}, {"namespace", "ns"}, {"uid", "u"}}}});
  CHECK(ref.api_version == "sei.io/v1alpha1");
  CHECK(ref.kind == "SeiNodeTask");
  CHECK(ref.name == "t");
  CHECK(ref.namespace_name == "ns");
  CHECK(ref.uid == "u");
  CHECK(ObjectReference::FromObject("not an object").name.empty());
  CHECK(ObjectReference::FromObject({{"metadata", {{"name", 5}}}}).name.empty());
}

}  // namespace
}  // namespace sei::runtime
