#include "lib/controller/manager/watch_mapping.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "lib/k8s/object_cache.h"

namespace sei::controller {
namespace {

using k8s::Object;
using Keys = std::vector<std::string>;

Object Meta(const std::string& ns, const std::string& name) {
  return {{"metadata", {{"namespace", ns}, {"name", name}}}};
}

Object Node(int64_t generation) {
  Object node = Meta("default", "n");
  node["apiVersion"] = "sei.io/v1alpha1";
  node["kind"] = "SeiNode";
  node["metadata"]["generation"] = generation;
  node["metadata"]["resourceVersion"] = "1";
  node["spec"] = {{"chainId", "c"}};
  return node;
}

Object OwnerRef(const std::string& api_version, const std::string& kind, const std::string& name) {
  return {{"apiVersion", api_version},
          {"kind", kind},
          {"name", name},
          {"uid", "u-" + name},
          {"controller", true}};
}

Object Owned(const std::string& ns, std::vector<Object> refs) {
  Object owned = Meta(ns, "sts");
  owned["metadata"]["ownerReferences"] = std::move(refs);
  return owned;
}

Object Pod(std::vector<Object> conditions) {
  Object pod = Meta("default", "n-0");
  pod["status"]["conditions"] = std::move(conditions);
  return pod;
}

Object Condition(const std::string& type, const std::string& status) {
  return {{"type", type}, {"status", status}};
}

Object Task(const std::string& ns, const std::string& name, const std::string& node) {
  Object task = Meta(ns, name);
  task["spec"]["target"]["nodeRef"]["name"] = node;
  return task;
}

TEST_CASE("KeyOf joins namespace and name, SplitKey undoes it") {
  CHECK(KeyOf(Meta("ns", "a")) == "ns/a");
  std::optional<std::pair<std::string, std::string>> split = SplitKey(KeyOf(Meta("ns", "a")));
  REQUIRE(split.has_value());
  CHECK(split->first == "ns");
  CHECK(split->second == "a");

  // Only the first '/' separates: the rest belongs to the name.
  split = SplitKey("ns/a/b");
  REQUIRE(split.has_value());
  CHECK(split->first == "ns");
  CHECK(split->second == "a/b");
}

TEST_CASE("SplitKey rejects keys without both parts") {
  CHECK_FALSE(SplitKey("").has_value());
  CHECK_FALSE(SplitKey("no-slash").has_value());
  CHECK_FALSE(SplitKey("/name").has_value());
  CHECK_FALSE(SplitKey("ns/").has_value());
  CHECK_FALSE(SplitKey("/").has_value());
  // What KeyOf makes of an object without a namespace does not split.
  CHECK(KeyOf(Meta("", "cluster-wide")) == "/cluster-wide");
  CHECK_FALSE(SplitKey(KeyOf(Meta("", "cluster-wide"))).has_value());
}

TEST_CASE("a SeiNode update reconciles on a spec change or the start of deletion") {
  const Object old_node = Node(1);

  SECTION("a status-only write does not") {
    Object new_node = old_node;
    new_node["status"] = {{"phase", "Running"}};
    new_node["metadata"]["resourceVersion"] = "2";
    CHECK_FALSE(SeiNodeUpdateNeedsReconcile(old_node, new_node));
  }
  SECTION("a generation change does") {
    Object new_node = Node(2);
    new_node["spec"]["chainId"] = "d";
    CHECK(SeiNodeUpdateNeedsReconcile(old_node, new_node));
  }
  SECTION("the start of deletion does") {
    Object new_node = old_node;
    new_node["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
    CHECK(SeiNodeUpdateNeedsReconcile(old_node, new_node));
  }
  SECTION("an update of a node already being deleted does not") {
    Object deleting = old_node;
    deleting["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
    Object new_node = deleting;
    new_node["metadata"]["finalizers"] = Object::array();
    new_node["metadata"]["resourceVersion"] = "3";
    CHECK_FALSE(SeiNodeUpdateNeedsReconcile(deleting, new_node));
  }
  SECTION("a generation change during deletion still does") {
    Object deleting = old_node;
    deleting["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
    Object new_node = deleting;
    new_node["metadata"]["generation"] = 2;
    CHECK(SeiNodeUpdateNeedsReconcile(deleting, new_node));
  }
}

TEST_CASE("a SeiNodeTask update reconciles only on a generation change") {
  Object old_task = Task("default", "t", "n");
  old_task["metadata"]["generation"] = 1;
  Object status_only = old_task;
  status_only["status"] = {{"phase", "Complete"}};
  CHECK_FALSE(NodeTaskUpdateNeedsReconcile(old_task, status_only));
  Object respecced = old_task;
  respecced["metadata"]["generation"] = 2;
  CHECK(NodeTaskUpdateNeedsReconcile(old_task, respecced));
  // Deletion alone is no generation change.
  Object deleting = old_task;
  deleting["metadata"]["deletionTimestamp"] = "2024-01-01T00:00:00Z";
  CHECK_FALSE(NodeTaskUpdateNeedsReconcile(old_task, deleting));
}

TEST_CASE("OwnerSeiNodeKey finds the SeiNode owner in the sei.io group") {
  CHECK(OwnerSeiNodeKey(Owned("ns", {OwnerRef("sei.io/v1alpha1", "SeiNode", "n")})) == "ns/n");
  // Among other owners, in any position.
  CHECK(OwnerSeiNodeKey(Owned("ns", {OwnerRef("apps/v1", "ReplicaSet", "rs"),
                                     OwnerRef("sei.io/v1alpha1", "SeiNode", "m")})) == "ns/m");
  // Other kinds of the group, and SeiNodes of other groups, are not owners.
  CHECK_FALSE(
      OwnerSeiNodeKey(Owned("ns", {OwnerRef("sei.io/v1alpha1", "SeiNodeTask", "t")})).has_value());
  CHECK_FALSE(OwnerSeiNodeKey(Owned("ns", {OwnerRef("apps/v1", "StatefulSet", "s")})).has_value());
  CHECK_FALSE(
      OwnerSeiNodeKey(Owned("ns", {OwnerRef("example.com/v1", "SeiNode", "n")})).has_value());
  CHECK_FALSE(
      OwnerSeiNodeKey(Owned("ns", {OwnerRef("notsei.io/v1alpha1", "SeiNode", "n")})).has_value());
  CHECK_FALSE(
      OwnerSeiNodeKey(Owned("ns", {OwnerRef("sei.io.example/v1", "SeiNode", "n")})).has_value());
  // No references at all, or an empty list.
  CHECK_FALSE(OwnerSeiNodeKey(Meta("ns", "sts")).has_value());
  CHECK_FALSE(OwnerSeiNodeKey(Owned("ns", {})).has_value());
  // Without a namespace there is no key.
  CHECK_FALSE(
      OwnerSeiNodeKey(Owned("", {OwnerRef("sei.io/v1alpha1", "SeiNode", "n")})).has_value());
}

TEST_CASE("PodSeiNodeKey reads the sei.io/node label") {
  Object pod = Meta("ns", "n-0");
  pod["metadata"]["labels"] = {{"sei.io/node", "n"}, {"app", "seid"}};
  CHECK(PodSeiNodeKey(pod) == "ns/n");

  Object unlabelled = Meta("ns", "other");
  CHECK_FALSE(PodSeiNodeKey(unlabelled).has_value());
  unlabelled["metadata"]["labels"] = {{"app", "seid"}};
  CHECK_FALSE(PodSeiNodeKey(unlabelled).has_value());
  Object empty = pod;
  empty["metadata"]["labels"]["sei.io/node"] = "";
  CHECK_FALSE(PodSeiNodeKey(empty).has_value());
}

TEST_CASE("PodReadinessChanged compares the Ready condition, absent being not ready") {
  const Object ready = Pod({Condition("PodScheduled", "True"), Condition("Ready", "True")});
  const Object not_ready = Pod({Condition("PodScheduled", "True"), Condition("Ready", "False")});
  const Object no_ready_condition = Pod({Condition("PodScheduled", "True")});
  const Object no_status = Meta("default", "n-0");

  CHECK(PodReadinessChanged(not_ready, ready));
  CHECK(PodReadinessChanged(ready, not_ready));
  CHECK(PodReadinessChanged(no_status, ready));
  CHECK(PodReadinessChanged(ready, no_ready_condition));
  CHECK_FALSE(PodReadinessChanged(ready, ready));
  CHECK_FALSE(PodReadinessChanged(not_ready, no_ready_condition));
  CHECK_FALSE(PodReadinessChanged(no_status, not_ready));
  CHECK_FALSE(PodReadinessChanged(no_status, no_ready_condition));
  // Other conditions changing is no readiness change.
  const Object ready_unscheduled =
      Pod({Condition("PodScheduled", "False"), Condition("Ready", "True")});
  CHECK_FALSE(PodReadinessChanged(ready, ready_unscheduled));
  // Only "True" is ready.
  CHECK_FALSE(PodReadinessChanged(not_ready, Pod({Condition("Ready", "Unknown")})));
}

TEST_CASE("TasksTargetingNode lists the tasks of the node's namespace that target it") {
  k8s::ObjectCache tasks;
  tasks.Upsert(Task("a", "t2", "n"));
  tasks.Upsert(Task("a", "t1", "n"));
  tasks.Upsert(Task("a", "other", "m"));
  tasks.Upsert(Task("b", "t3", "n"));  // same node name, other namespace
  Object done = Task("a", "done", "n");
  done["status"] = {{"phase", "Complete"}};
  tasks.Upsert(done);                     // terminal ones included
  tasks.Upsert(Meta("a", "untargeted"));  // no spec.target at all

  CHECK(TasksTargetingNode(tasks, "a", "n") == Keys{"a/done", "a/t1", "a/t2"});
  CHECK(TasksTargetingNode(tasks, "a", "m") == Keys{"a/other"});
  CHECK(TasksTargetingNode(tasks, "b", "n") == Keys{"b/t3"});
  CHECK(TasksTargetingNode(tasks, "b", "m").empty());
  CHECK(TasksTargetingNode(tasks, "c", "n").empty());
  CHECK(TasksTargetingNode(k8s::ObjectCache(), "a", "n").empty());
}

}  // namespace
}  // namespace sei::controller
