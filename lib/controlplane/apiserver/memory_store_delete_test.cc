// Deletion semantics: preconditions, finalizers, pod grace periods,
// propagation policies, garbage collection and namespace deletion.
#include <algorithm>

#include "lib/controlplane/apiserver/store_test_util.h"

namespace sei::controlplane {
namespace {

using testing::ErrorOf;
using testing::EventLog;
using testing::Must;
using testing::Rv;
using testing::StoreFixture;
using testing::Summaries;

Json OwnerRef(const Json& owner, bool block = true) {
  return {{"apiVersion", owner["apiVersion"]},
          {"kind", owner["kind"]},
          {"name", owner["metadata"]["name"]},
          {"uid", owner["metadata"]["uid"]},
          {"controller", true},
          {"blockOwnerDeletion", block}};
}

Json StatefulSetWithPods(StoreFixture& f, const std::string& name, int pods) {
  const Json sts = Must(f.store->Create(
      f.StatefulSets(),
      {{"metadata", {{"name", name}}}, {"spec", {{"replicas", pods}, {"serviceName", name}}}},
      {}));
  for (int i = 0; i < pods; ++i) {
    Json pod = {{"metadata",
                 {{"name", name + "-" + std::to_string(i)},
                  {"labels", {{"app", name}}},
                  {"ownerReferences", {OwnerRef(sts)}}}},
                {"spec", {{"containers", {{{"name", "c"}, {"image", "i"}}}}}}};
    Must(f.store->Create(f.Pods(), pod, {}));
  }
  return sts;
}

size_t PodCount(StoreFixture& f) { return Must(f.store->List(f.Pods(), {}))["items"].size(); }

TEST_CASE("delete preconditions", "[store][delete]") {
  StoreFixture f;
  const Json cm = f.CreateConfigMap("c");
  DeleteOptions wrong_uid;
  wrong_uid.precondition_uid = "nope";
  auto result = f.store->Delete(f.ConfigMaps(), "c", wrong_uid);
  CHECK(ErrorOf(result) == std::make_pair(409, std::string("Conflict")));
  CHECK(result.status().message() ==
        "Operation cannot be fulfilled on configmaps \"c\": Precondition failed: UID in "
        "precondition: nope, UID in object meta: " +
            cm["metadata"]["uid"].get<std::string>());

  DeleteOptions wrong_rv;
  wrong_rv.precondition_resource_version = "1";
  CHECK(ErrorOf(f.store->Delete(f.ConfigMaps(), "c", wrong_rv)).first == 409);

  DeleteOptions right;
  right.precondition_uid = cm["metadata"]["uid"].get<std::string>();
  right.precondition_resource_version = Rv(cm);
  bool removed = false;
  right.removed = &removed;
  const Json deleted = Must(f.store->Delete(f.ConfigMaps(), "c", right));
  CHECK(removed);
  CHECK(deleted["metadata"]["name"] == "c");
  CHECK(std::stoull(Rv(deleted)) > std::stoull(Rv(cm)));  // deletion has its own RV
  CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "c")).first == 404);
  CHECK(ErrorOf(f.store->Delete(f.ConfigMaps(), "c", {})).first == 404);
}

TEST_CASE("finalizers keep a deleted object until the last one is removed", "[store][delete]") {
  StoreFixture f;
  Json cm = {{"metadata", {{"name", "c"}, {"finalizers", {"a.io/x", "b.io/y"}}}}};
  Must(f.store->Create(f.ConfigMaps(), cm, {}));
  f.clock.Advance(absl::Seconds(5));

  bool removed = true;
  DeleteOptions options;
  options.removed = &removed;
  const Json terminating = Must(f.store->Delete(f.ConfigMaps(), "c", options));
  CHECK_FALSE(removed);
  CHECK(terminating["metadata"]["deletionTimestamp"] == "2026-01-01T00:00:05Z");
  CHECK(terminating["metadata"]["deletionGracePeriodSeconds"] == 0);
  CHECK(Must(f.store->Get(f.ConfigMaps(), "c")) == terminating);

  // A second delete changes nothing.
  CHECK(Rv(Must(f.store->Delete(f.ConfigMaps(), "c", {}))) == Rv(terminating));

  // No new finalizers while deleting.
  auto add = f.store->Patch(f.ConfigMaps(), "c", PatchType::kJson,
                            Json::parse(R"([{"op":"add","path":"/metadata/finalizers/-","value":"c.io/z"}])"),
                            Subresource::kNone, {});
  CHECK(ErrorOf(add).first == 422);

  // deletionTimestamp cannot be cleared by an update.
  Json revive = terminating;
  revive["metadata"].erase("deletionTimestamp");
  revive["data"] = {{"k", "v"}};
  CHECK(Must(f.store->Update(f.ConfigMaps(), "c", revive, Subresource::kNone, {}))["metadata"]
            .contains("deletionTimestamp"));

  Must(f.store->Patch(f.ConfigMaps(), "c", PatchType::kMerge,
                      {{"metadata", {{"finalizers", {"b.io/y"}}}}}, Subresource::kNone, {}));
  CHECK(Must(f.store->Get(f.ConfigMaps(), "c"))["metadata"]["finalizers"] == Json({"b.io/y"}));
  const Json last = Must(f.store->Patch(f.ConfigMaps(), "c", PatchType::kMerge,
                                        {{"metadata", {{"finalizers", nullptr}}}},
                                        Subresource::kNone, {}));
  CHECK(last["metadata"]["name"] == "c");
  CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "c")).first == 404);
}

TEST_CASE("a deleted pod stays terminating for its grace period", "[store][delete]") {
  StoreOptions options = StoreFixture::DefaultOptions();
  options.pod_termination_grace = absl::Seconds(30);
  StoreFixture f(options);
  f.CreatePod("p");
  f.CreatePod("q");
  f.CreatePod("done");
  Must(f.store->Patch(f.Pods(), "done", PatchType::kMerge, {{"status", {{"phase", "Succeeded"}}}},
                      Subresource::kStatus, {}));

  const Json terminating = Must(f.store->Delete(f.Pods(), "p", {}));
  CHECK(terminating["metadata"]["deletionTimestamp"] == "2026-01-01T00:00:30Z");
  CHECK(terminating["metadata"]["deletionGracePeriodSeconds"] == 30);

  DeleteOptions short_grace;
  short_grace.grace_period_seconds = 5;
  Must(f.store->Delete(f.Pods(), "q", short_grace));

  // A finished pod has nothing to stop.
  Must(f.store->Delete(f.Pods(), "done", {}));
  CHECK(ErrorOf(f.store->Get(f.Pods(), "done")).first == 404);

  f.store->Tick();
  CHECK(PodCount(f) == 2);
  f.clock.Advance(absl::Seconds(5));
  f.store->Tick();
  CHECK(ErrorOf(f.store->Get(f.Pods(), "q")).first == 404);
  CHECK(Must(f.store->Get(f.Pods(), "p"))["metadata"].contains("deletionTimestamp"));

  // Force: grace period 0 on a terminating pod removes it now.
  DeleteOptions force;
  force.grace_period_seconds = 0;
  bool removed = false;
  force.removed = &removed;
  Must(f.store->Delete(f.Pods(), "p", force));
  CHECK(removed);
  CHECK(PodCount(f) == 0);
}

TEST_CASE("a pod with a finalizer outlives its grace period until released", "[store][delete]") {
  StoreOptions options = StoreFixture::DefaultOptions();
  options.pod_termination_grace = absl::Seconds(10);
  StoreFixture f(options);
  Must(f.store->Create(f.Pods(), {{"metadata", {{"name", "p"}, {"finalizers", {"x.io/y"}}}}}, {}));
  Must(f.store->Delete(f.Pods(), "p", {}));
  f.clock.Advance(absl::Seconds(11));
  f.store->Tick();
  CHECK(Must(f.store->Get(f.Pods(), "p"))["metadata"].contains("deletionTimestamp"));
  Must(f.store->Patch(f.Pods(), "p", PatchType::kMerge, {{"metadata", {{"finalizers", nullptr}}}},
                      Subresource::kNone, {}));
  CHECK(PodCount(f) == 0);
}

TEST_CASE("background deletion: the collector removes a StatefulSet's pods", "[store][gc]") {
  StoreFixture f;
  StatefulSetWithPods(f, "web", 3);
  f.CreatePod("unowned");
  EventLog log;
  WatchOptions watch;
  watch.resource_version = f.store->CurrentResourceVersion();
  auto handle = Must(f.store->Watch(f.Pods(), watch, log.Callback()));

  bool removed = false;
  DeleteOptions options;
  options.removed = &removed;
  Must(f.store->Delete(f.StatefulSets(), "web", options));
  CHECK(removed);
  CHECK(PodCount(f) == 1);
  const auto events = log.WaitFor(3);
  std::vector<std::string> summaries = Summaries(events);
  std::sort(summaries.begin(), summaries.end());  // the collector's order is unspecified
  CHECK(summaries == std::vector<std::string>{"DELETED web-0", "DELETED web-1", "DELETED web-2"});
  // Delivered in resourceVersion order.
  CHECK(std::stoull(Rv(events[0].object)) < std::stoull(Rv(events[1].object)));
  CHECK(std::stoull(Rv(events[1].object)) < std::stoull(Rv(events[2].object)));
}

TEST_CASE("the collector works transitively and keeps objects with a live owner", "[store][gc]") {
  StoreFixture f;
  const Json a = f.CreateConfigMap("a");
  const Json other = f.CreateConfigMap("other");
  const Json b = Must(f.store->Create(
      f.ConfigMaps(), {{"metadata", {{"name", "b"}, {"ownerReferences", {OwnerRef(a)}}}}}, {}));
  Must(f.store->Create(
      f.ConfigMaps(), {{"metadata", {{"name", "c"}, {"ownerReferences", {OwnerRef(b)}}}}}, {}));
  Must(f.store->Create(
      f.ConfigMaps(),
      {{"metadata", {{"name", "shared"}, {"ownerReferences", {OwnerRef(a), OwnerRef(other)}}}}},
      {}));

  Must(f.store->Delete(f.ConfigMaps(), "a", {}));
  CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "b")).first == 404);
  CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "c")).first == 404);
  // A live owner keeps it; the dangling reference is dropped.
  const Json shared = Must(f.store->Get(f.ConfigMaps(), "shared"));
  REQUIRE(shared["metadata"]["ownerReferences"].size() == 1);
  CHECK(shared["metadata"]["ownerReferences"][0]["name"] == "other");

  // Created with an owner that does not exist: collected.
  Json dangling_owner = a;  // deleted above
  Must(f.store->Create(
      f.ConfigMaps(),
      {{"metadata", {{"name", "orphan"}, {"ownerReferences", {OwnerRef(dangling_owner)}}}}}, {}));
  CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "orphan")).first == 404);
}

TEST_CASE("orphan deletion keeps dependents and drops their owner reference", "[store][gc]") {
  StoreFixture f;
  StatefulSetWithPods(f, "web", 2);
  DeleteOptions options;
  options.propagation = Propagation::kOrphan;
  Must(f.store->Delete(f.StatefulSets(), "web", options));
  CHECK(ErrorOf(f.store->Get(f.StatefulSets(), "web")).first == 404);
  REQUIRE(PodCount(f) == 2);
  CHECK_FALSE(Must(f.store->Get(f.Pods(), "web-0"))["metadata"].contains("ownerReferences"));
}

TEST_CASE("foreground deletion removes dependents before the owner", "[store][gc]") {
  StoreOptions options = StoreFixture::DefaultOptions();
  options.pod_termination_grace = absl::Seconds(10);
  StoreFixture f(options);
  StatefulSetWithPods(f, "web", 2);

  EventLog log;
  WatchOptions watch;
  watch.resource_version = f.store->CurrentResourceVersion();
  auto handle = Must(f.store->Watch(f.StatefulSets(), watch, log.Callback()));

  DeleteOptions foreground;
  foreground.propagation = Propagation::kForeground;
  bool removed = true;
  foreground.removed = &removed;
  const Json owner = Must(f.store->Delete(f.StatefulSets(), "web", foreground));
  CHECK_FALSE(removed);
  CHECK(owner["metadata"]["finalizers"] == Json({"foregroundDeletion"}));
  CHECK(owner["metadata"].contains("deletionTimestamp"));

  // The pods are terminating (grace period) and block the owner.
  CHECK(Must(f.store->Get(f.Pods(), "web-0"))["metadata"].contains("deletionTimestamp"));
  CHECK(Must(f.store->Get(f.StatefulSets(), "web"))["metadata"]["finalizers"] ==
        Json({"foregroundDeletion"}));

  f.clock.Advance(absl::Seconds(10));
  f.store->Tick();
  CHECK(PodCount(f) == 0);
  CHECK(ErrorOf(f.store->Get(f.StatefulSets(), "web")).first == 404);
  CHECK(Summaries(log.WaitFor(2)) == std::vector<std::string>{"MODIFIED web", "DELETED web"});
}

TEST_CASE("foreground deletion without dependents completes at once", "[store][gc]") {
  StoreFixture f;
  f.CreateConfigMap("lonely");
  DeleteOptions foreground;
  foreground.propagation = Propagation::kForeground;
  bool removed = false;
  foreground.removed = &removed;
  Must(f.store->Delete(f.ConfigMaps(), "lonely", foreground));
  CHECK(removed);
  CHECK(ErrorOf(f.store->Get(f.ConfigMaps(), "lonely")).first == 404);
}

TEST_CASE("deleting a namespace deletes its contents", "[store][namespace]") {
  StoreFixture f;
  Must(f.store->Create(f.Key("namespaces"), {{"metadata", {{"name", "team"}}}}, {}));
  f.CreateConfigMap("c", {{"k", "v"}}, "team");
  Must(f.store->Create(f.ConfigMaps("team"),
                       {{"metadata", {{"name", "held"}, {"finalizers", {"x.io/y"}}}}}, {}));
  f.CreatePod("p", Json::object(), "team");
  f.CreateConfigMap("c");  // in default: untouched

  const Json ns = Must(f.store->Delete(f.Key("namespaces"), "team", {}));
  CHECK(ns["status"]["phase"] == "Terminating");
  CHECK(Must(f.store->List(f.ConfigMaps("team"), {}))["items"].size() == 1);  // held
  CHECK(Must(f.store->List(f.Pods("team"), {}))["items"].empty());
  // No new content while terminating.
  auto refused = f.store->Create(f.ConfigMaps("team"), {{"metadata", {{"name", "new"}}}}, {});
  CHECK(ErrorOf(refused) == std::make_pair(403, std::string("Forbidden")));

  Must(f.store->Patch(f.ConfigMaps("team"), "held", PatchType::kMerge,
                      {{"metadata", {{"finalizers", nullptr}}}}, Subresource::kNone, {}));
  CHECK(ErrorOf(f.store->Get(f.Key("namespaces"), "team")).first == 404);
  CHECK(Must(f.store->Get(f.ConfigMaps(), "c"))["metadata"]["name"] == "c");

  CHECK(ErrorOf(f.store->Delete(f.Key("namespaces"), "default", {})).first == 403);
}

}  // namespace
}  // namespace sei::controlplane
