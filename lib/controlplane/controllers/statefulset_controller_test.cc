// The simulated StatefulSet controller against a real store: identities,
// revisions, OnDelete and RollingUpdate, scaling, the one-pod-per-name rule
// and status.
#include "lib/controlplane/controllers/statefulset_controller.h"

#include <string>

#include "lib/controlplane/controllers/controllers_test_util.h"
#include "lib/controlplane/controllers/revision_hash.h"
#include "lib/controlplane/controllers/simulated_cluster.h"

namespace sei::controlplane {
namespace {

using testing::Fixture;
using testing::Must;
using testing::MustOk;
using testing::StatefulSet;

StatefulSetControllerOptions ControllerOptions(FakeClock* clock) {
  StatefulSetControllerOptions options;
  options.clock = clock;
  return options;
}

Json Status(Fixture& f, const std::string& name) { return f.Get(f.StatefulSets(), name)["status"]; }

std::string RevisionLabel(const Json& pod) {
  return StringAt(pod, {"metadata", "labels", "controller-revision-hash"});
}

TEST_CASE("pod 0 gets its identity, labels, owner reference and revision", "[statefulset]") {
  Fixture f;
  StatefulSetController controller(f.store.get(), f.registry.get(), ControllerOptions(&f.clock));
  const Json set = f.Create(f.StatefulSets(), StatefulSet("node", 1, "OnDelete"));
  MustOk(controller.Step());

  const std::string revision = RevisionName("node", set["spec"]["template"]);
  CHECK(revision.rfind("node-", 0) == 0);
  CHECK(revision.size() > std::string("node-").size());

  const Json pod = f.Get(f.Pods(), "node-0");
  CHECK(pod["metadata"]["labels"] == Json{{"app", "node"},
                                          {"controller-revision-hash", revision},
                                          {"statefulset.kubernetes.io/pod-name", "node-0"},
                                          {"apps.kubernetes.io/pod-index", "0"}});
  CHECK(pod["metadata"]["ownerReferences"] == Json::array({{{"apiVersion", "apps/v1"},
                                                            {"kind", "StatefulSet"},
                                                            {"name", "node"},
                                                            {"uid", set["metadata"]["uid"]},
                                                            {"controller", true},
                                                            {"blockOwnerDeletion", true}}}));
  CHECK(pod["metadata"]["generateName"] == "node-");
  CHECK(pod["spec"]["hostname"] == "node-0");
  CHECK(pod["spec"]["subdomain"] == "node");
  CHECK(pod["spec"]["containers"][0]["image"] == "img:1");

  const Json status = Status(f, "node");
  CHECK(status["observedGeneration"] == 1);
  CHECK(status["replicas"] == 1);
  CHECK(status["availableReplicas"] == 0);
  CHECK_FALSE(status.contains("readyReplicas"));  // omitempty, as the real API
  CHECK(status["currentReplicas"] == 1);
  CHECK(status["updatedReplicas"] == 1);
  CHECK(status["currentRevision"] == revision);
  CHECK(status["updateRevision"] == revision);

  const Json history = f.Get(f.Revisions(), revision);
  CHECK(history["revision"] == 1);
  CHECK(history["metadata"]["ownerReferences"][0]["uid"] == set["metadata"]["uid"]);

  // A converged set is not written again.
  const std::string pod_rv = pod["metadata"]["resourceVersion"];
  const std::string set_rv = f.Get(f.StatefulSets(), "node")["metadata"]["resourceVersion"];
  MustOk(controller.Step());
  CHECK(f.Get(f.Pods(), "node-0")["metadata"]["resourceVersion"] == pod_rv);
  CHECK(f.Get(f.StatefulSets(), "node")["metadata"]["resourceVersion"] == set_rv);
}

TEST_CASE("status counts ready pods once the kubelet reports them", "[statefulset]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  f.Create(f.StatefulSets(), StatefulSet("node", 1, "OnDelete"));
  MustOk(cluster.Step());
  CHECK(testing::ConditionStatus(f.Get(f.Pods(), "node-0"), "Ready") == "True");
  MustOk(cluster.Step());
  const Json status = Status(f, "node");
  CHECK(status["readyReplicas"] == 1);
  CHECK(status["availableReplicas"] == 1);
  CHECK(status["replicas"] == 1);
}

TEST_CASE("OnDelete: a template change waits for the pod's deletion", "[statefulset]") {
  // Deleted pods stay terminating for 30 s, like a real pod's grace period.
  Fixture f(absl::Seconds(30));
  SimulatedClusterOptions options = testing::InstantOptions(&f.clock);
  const bool promote = GENERATE(true, false);
  options.promote_on_delete_revision = promote;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), options);
  f.Create(f.StatefulSets(), StatefulSet("node", 1, "OnDelete"));
  MustOk(cluster.Step());
  MustOk(cluster.Step());
  const Json old_pod = f.Get(f.Pods(), "node-0");
  const std::string old_uid = old_pod["metadata"]["uid"];
  const std::string old_revision = Status(f, "node")["updateRevision"];
  CHECK(RevisionLabel(old_pod) == old_revision);

  f.MergePatch(
      f.StatefulSets(), "node",
      {{"spec",
        {{"template", {{"spec", {{"containers", {{{"name", "main"}, {"image", "img:2"}}}}}}}}}}});
  for (int i = 0; i < 3; ++i) MustOk(cluster.Step());
  Json status = Status(f, "node");
  const std::string new_revision = status["updateRevision"];
  CHECK(new_revision != old_revision);
  CHECK(status["currentRevision"] == old_revision);
  CHECK(status["observedGeneration"] == 2);
  CHECK(status["currentReplicas"] == 1);
  CHECK_FALSE(status.contains("updatedReplicas"));
  Json pod = f.Get(f.Pods(), "node-0");
  CHECK(pod["metadata"]["uid"] == old_uid);  // untouched
  CHECK(RevisionLabel(pod) == old_revision);
  CHECK(pod["spec"]["containers"][0]["image"] == "img:1");

  // What replace-pod does: delete the old-revision pod. While it
  // terminates no second `node-0` may appear, however often the
  // controller runs.
  f.Delete(f.Pods(), "node-0");
  for (int i = 0; i < 6; ++i) {
    f.Advance(absl::Seconds(4));
    MustOk(cluster.Step());
    const std::vector<Json> pods = f.List(f.Pods());
    REQUIRE(pods.size() == 1);
    CHECK(pods[0]["metadata"]["uid"] == old_uid);
    CHECK(Terminating(pods[0]));
    CHECK(testing::ConditionStatus(pods[0], "Ready") == "False");
  }
  CHECK_FALSE(Status(f, "node").contains("readyReplicas"));

  f.Advance(absl::Seconds(6));  // the grace period ends: the store removes it
  CHECK_FALSE(f.Find(f.Pods(), "node-0").has_value());
  MustOk(cluster.Step());
  pod = f.Get(f.Pods(), "node-0");
  CHECK(pod["metadata"]["uid"] != old_uid);
  CHECK(RevisionLabel(pod) == new_revision);
  CHECK(pod["spec"]["containers"][0]["image"] == "img:2");
  MustOk(cluster.Step());
  status = Status(f, "node");
  CHECK(status["updatedReplicas"] == 1);
  CHECK(status["readyReplicas"] == 1);
  if (promote) {
    CHECK(status["currentRevision"] == new_revision);
    CHECK(status["currentReplicas"] == 1);
  } else {
    // Kubernetes 1.32: OnDelete never promotes currentRevision.
    CHECK(status["currentRevision"] == old_revision);
    CHECK_FALSE(status.contains("currentReplicas"));
  }
}

TEST_CASE("a pod name held by another object blocks creation", "[statefulset]") {
  Fixture f;
  StatefulSetController controller(f.store.get(), f.registry.get(), ControllerOptions(&f.clock));
  // Not selected by the set (other labels), so it is not adopted either.
  const Json squatter =
      f.Create(f.Pods(), {{"metadata", {{"name", "node-0"}, {"labels", {{"app", "other"}}}}},
                          {"spec", {{"containers", {{{"name", "c"}, {"image", "x"}}}}}}});
  f.Create(f.StatefulSets(), StatefulSet("node", 1, "OnDelete"));
  for (int i = 0; i < 3; ++i) MustOk(controller.Step());
  const Json pod = f.Get(f.Pods(), "node-0");
  CHECK(pod["metadata"]["uid"] == squatter["metadata"]["uid"]);
  CHECK_FALSE(pod["metadata"].contains("ownerReferences"));
  CHECK(Status(f, "node")["replicas"] == 0);

  f.Delete(f.Pods(), "node-0");
  MustOk(controller.Step());
  CHECK(f.Get(f.Pods(), "node-0")["metadata"]["ownerReferences"][0]["name"] == "node");
}

TEST_CASE("a matching orphan is adopted, not replaced", "[statefulset]") {
  Fixture f;
  StatefulSetController controller(f.store.get(), f.registry.get(), ControllerOptions(&f.clock));
  const Json orphan =
      f.Create(f.Pods(), {{"metadata", {{"name", "node-0"}, {"labels", {{"app", "node"}}}}},
                          {"spec", {{"containers", {{{"name", "c"}, {"image", "x"}}}}}}});
  const Json set = f.Create(f.StatefulSets(), StatefulSet("node", 1, "OnDelete"));
  MustOk(controller.Step());
  const Json pod = f.Get(f.Pods(), "node-0");
  CHECK(pod["metadata"]["uid"] == orphan["metadata"]["uid"]);
  CHECK(pod["metadata"]["ownerReferences"][0]["uid"] == set["metadata"]["uid"]);
  CHECK(Status(f, "node")["replicas"] == 1);
}

TEST_CASE("scaling to 0 removes the pod; scaling back recreates it", "[statefulset]") {
  Fixture f(absl::Seconds(2));
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  f.Create(f.StatefulSets(), StatefulSet("node", 1, "OnDelete"));
  MustOk(cluster.Step());
  MustOk(cluster.Step());
  const std::string uid = f.Get(f.Pods(), "node-0")["metadata"]["uid"];

  f.MergePatch(f.StatefulSets(), "node", {{"spec", {{"replicas", 0}}}});  // paused node
  MustOk(cluster.Step());
  CHECK(Terminating(f.Get(f.Pods(), "node-0")));
  f.Advance(absl::Seconds(2));
  MustOk(cluster.Step());
  CHECK(f.List(f.Pods()).empty());
  Json status = Status(f, "node");
  CHECK(status["replicas"] == 0);
  CHECK(status["availableReplicas"] == 0);
  CHECK_FALSE(status.contains("readyReplicas"));
  CHECK(status["observedGeneration"] == 2);

  f.MergePatch(f.StatefulSets(), "node", {{"spec", {{"replicas", 1}}}});
  MustOk(cluster.Step());
  CHECK(f.Get(f.Pods(), "node-0")["metadata"]["uid"] != uid);
}

TEST_CASE("replicas default to 1 and OrderedReady creates one pod at a time", "[statefulset]") {
  Fixture f;
  SimulatedClusterOptions options = testing::InstantOptions(&f.clock);
  bool ready = false;
  options.readiness_gate = [&](const Json&) { return ready; };
  SimulatedCluster cluster(f.store.get(), f.registry.get(), options);
  Json set = StatefulSet("web", 2, "");
  f.Create(f.StatefulSets(), set);
  for (int i = 0; i < 3; ++i) MustOk(cluster.Step());
  CHECK(f.List(f.Pods()).size() == 1);  // web-1 waits for web-0 to be Ready
  ready = true;
  MustOk(cluster.Step());  // web-0 becomes Ready
  MustOk(cluster.Step());  // web-1 created
  CHECK(f.Find(f.Pods(), "web-1").has_value());

  Json single = StatefulSet("solo", 1, "");
  single["spec"].erase("replicas");
  f.Create(f.StatefulSets(), single);
  MustOk(cluster.Step());
  CHECK(f.Find(f.Pods(), "solo-0").has_value());
  CHECK_FALSE(f.Find(f.Pods(), "solo-1").has_value());
}

TEST_CASE("Parallel creates every pod at once", "[statefulset]") {
  Fixture f;
  StatefulSetController controller(f.store.get(), f.registry.get(), ControllerOptions(&f.clock));
  Json set = StatefulSet("web", 3, "");
  set["spec"]["podManagementPolicy"] = "Parallel";
  f.Create(f.StatefulSets(), set);
  MustOk(controller.Step());
  CHECK(f.List(f.Pods()).size() == 3);
}

TEST_CASE("RollingUpdate replaces pods from the highest ordinal down", "[statefulset]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  f.Create(f.StatefulSets(), StatefulSet("web", 2, ""));  // strategy unset: RollingUpdate
  for (int i = 0; i < 3; ++i) MustOk(cluster.Step());
  const std::string old_revision = Status(f, "web")["currentRevision"];
  CHECK(Status(f, "web")["readyReplicas"] == 2);

  f.MergePatch(
      f.StatefulSets(), "web",
      {{"spec",
        {{"template", {{"spec", {{"containers", {{{"name", "main"}, {"image", "img:2"}}}}}}}}}}});
  MustOk(cluster.Step());  // web-1 deleted (no grace in this fixture)…
  MustOk(cluster.Step());  // …and recreated at the update revision
  const std::string new_revision = Status(f, "web")["updateRevision"];
  CHECK(RevisionLabel(f.Get(f.Pods(), "web-1")) == new_revision);
  CHECK(RevisionLabel(f.Get(f.Pods(), "web-0")) == old_revision);
  for (int i = 0; i < 4; ++i) MustOk(cluster.Step());
  CHECK(RevisionLabel(f.Get(f.Pods(), "web-0")) == new_revision);
  const Json status = Status(f, "web");
  CHECK(status["currentRevision"] == new_revision);
  CHECK(status["updatedReplicas"] == 2);
  CHECK(status["currentReplicas"] == 2);

  // The history: both revisions, the new one numbered higher.
  CHECK(f.Get(f.Revisions(), old_revision)["revision"] == 1);
  CHECK(f.Get(f.Revisions(), new_revision)["revision"] == 2);
}

TEST_CASE("revision history is pruned to revisionHistoryLimit", "[statefulset]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  Json set = StatefulSet("web", 1, "");
  set["spec"]["revisionHistoryLimit"] = 1;
  f.Create(f.StatefulSets(), set);
  MustOk(cluster.Step());
  for (int image = 2; image <= 5; ++image) {
    f.MergePatch(f.StatefulSets(), "web",
                 {{"spec",
                   {{"template",
                     {{"spec",
                       {{"containers",
                         {{{"name", "main"}, {"image", "img:" + std::to_string(image)}}}}}}}}}}});
    for (int i = 0; i < 4; ++i) MustOk(cluster.Step());
  }
  // The live revision plus one of history.
  const std::vector<Json> revisions = f.List(f.Revisions());
  CHECK(revisions.size() == 2);
  const Json status = Status(f, "web");
  CHECK(f.Get(f.Revisions(), status["updateRevision"])["revision"] == 5);
  CHECK(status["currentRevision"] == status["updateRevision"]);
}

TEST_CASE("RollingUpdate partition keeps low ordinals at the current revision", "[statefulset]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  Json set = StatefulSet("web", 2, "RollingUpdate");
  set["spec"]["updateStrategy"]["rollingUpdate"] = {{"partition", 1}};
  f.Create(f.StatefulSets(), set);
  for (int i = 0; i < 3; ++i) MustOk(cluster.Step());
  const std::string old_revision = Status(f, "web")["currentRevision"];
  f.MergePatch(
      f.StatefulSets(), "web",
      {{"spec",
        {{"template", {{"spec", {{"containers", {{{"name", "main"}, {"image", "img:2"}}}}}}}}}}});
  for (int i = 0; i < 5; ++i) MustOk(cluster.Step());
  CHECK(RevisionLabel(f.Get(f.Pods(), "web-1")) != old_revision);
  // web-0 is below the partition: deleted, it comes back at the old revision.
  f.Delete(f.Pods(), "web-0");
  MustOk(cluster.Step());
  const Json pod = f.Get(f.Pods(), "web-0");
  CHECK(RevisionLabel(pod) == old_revision);
  CHECK(pod["spec"]["containers"][0]["image"] == "img:1");
  CHECK(Status(f, "web")["currentRevision"] == old_revision);
}

TEST_CASE("volumeClaimTemplates create one claim per pod", "[statefulset]") {
  Fixture f;
  StatefulSetController controller(f.store.get(), f.registry.get(), ControllerOptions(&f.clock));
  Json set = StatefulSet("db", 1, "OnDelete");
  set["spec"]["volumeClaimTemplates"] = {{{"metadata", {{"name", "data"}}},
                                          {"spec",
                                           {{"accessModes", {"ReadWriteOnce"}},
                                            {"resources", {{"requests", {{"storage", "1Gi"}}}}}}}}};
  f.Create(f.StatefulSets(), set);
  MustOk(controller.Step());
  const Json claim = f.Get(f.Claims(), "data-db-0");
  CHECK(claim["metadata"]["labels"] == Json{{"app", "db"}});
  const Json pod = f.Get(f.Pods(), "db-0");
  CHECK(pod["spec"]["volumes"] ==
        Json::array({{{"name", "data"}, {"persistentVolumeClaim", {{"claimName", "data-db-0"}}}}}));
}

TEST_CASE("deleting a StatefulSet removes its pods through garbage collection", "[statefulset]") {
  Fixture f;
  SimulatedCluster cluster(f.store.get(), f.registry.get(), testing::InstantOptions(&f.clock));
  f.Create(f.StatefulSets(), StatefulSet("node", 1, "OnDelete"));
  MustOk(cluster.Step());
  REQUIRE(f.List(f.Pods()).size() == 1);
  f.Delete(f.StatefulSets(), "node");
  CHECK(f.List(f.Pods()).empty());
  CHECK(f.List(f.Revisions()).empty());
  MustOk(cluster.Step());
  CHECK(f.List(f.Pods()).empty());
}

TEST_CASE("a set without a usable selector is left alone", "[statefulset]") {
  Fixture f;
  StatefulSetController controller(f.store.get(), f.registry.get(), ControllerOptions(&f.clock));
  Json set = StatefulSet("bad", 1, "OnDelete");
  set["spec"].erase("selector");
  f.Create(f.StatefulSets(), set);
  Json mismatch = StatefulSet("other", 1, "OnDelete");
  mismatch["spec"]["selector"] = {{"matchLabels", {{"app", "nope"}}}};
  f.Create(f.StatefulSets(), mismatch);
  MustOk(controller.Step());
  CHECK(f.List(f.Pods()).empty());
}

TEST_CASE("revision names are stable FNV hashes in the safe alphabet", "[statefulset]") {
  CHECK(Fnv1a32("") == 2166136261u);
  CHECK(Fnv1a32("a") == 0xe40c292cu);
  CHECK(SafeEncodeString("123") == "567");
  const Json a = Json::parse(R"({"metadata":{"labels":{"x":"1"}},"spec":{"containers":[]}})");
  const Json b = Json::parse(R"({"spec":{"containers":[]},"metadata":{"labels":{"x":"1"}}})");
  CHECK(PodTemplateHash(a) == PodTemplateHash(b));
  Json c = a;
  c["spec"]["containers"] = {{{"name", "x"}}};
  CHECK(PodTemplateHash(a) != PodTemplateHash(c));
  for (char ch : PodTemplateHash(a)) {
    CHECK(std::string("bcdfghjklmnpqrstvwxz2456789").find(ch) != std::string::npos);
  }
}

}  // namespace
}  // namespace sei::controlplane
