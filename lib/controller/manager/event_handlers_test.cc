// Which keys each watched source queues: spec changes and deletions of a
// SeiNode wake it, its own status writes do not; every SeiNode event wakes
// the tasks that target it; owned objects wake their owner; pods wake their
// node only when readiness changes or they go away; tasks wake on spec
// changes only.
#include "lib/controller/manager/event_handlers.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace sei::controller {
namespace {

using k8s::Object;

struct Queues {
  std::vector<std::string> nodes;
  std::vector<std::string> tasks;
  EnqueueFunc Nodes() {
    return [this](absl::string_view key) { nodes.emplace_back(key); };
  }
  EnqueueFunc Tasks() {
    return [this](absl::string_view key) { tasks.emplace_back(key); };
  }
};

Object Node(int64_t generation, const std::string& phase) {
  return Object{{"metadata", {{"name", "rpc-0"}, {"namespace", "prod"}, {"generation", generation}}},
                {"status", {{"phase", phase}}}};
}

Object Pod(bool ready, const std::string& node_label = "rpc-0") {
  Object pod = {{"metadata", {{"name", "rpc-0-0"}, {"namespace", "prod"}}},
                {"status",
                 {{"conditions", Object::array({{{"type", "Ready"},
                                                 {"status", ready ? "True" : "False"}}})}}}};
  if (!node_label.empty()) pod["metadata"]["labels"] = {{"sei.io/node", node_label}};
  return pod;
}

TEST_CASE("SeiNode events queue the node on spec changes only, and always wake its tasks") {
  Queues q;
  std::vector<std::pair<std::string, std::string>> asked;
  SeiNodeEvents events(q.Nodes(), q.Tasks(), [&](absl::string_view ns, absl::string_view node) {
    asked.emplace_back(std::string(ns), std::string(node));
    return std::vector<std::string>{"prod/refresh-peers", "prod/restart"};
  });

  events.OnAdd(Node(1, ""));
  CHECK(q.nodes == std::vector<std::string>{"prod/rpc-0"});
  CHECK(q.tasks == std::vector<std::string>{"prod/refresh-peers", "prod/restart"});
  CHECK(asked == std::vector<std::pair<std::string, std::string>>{{"prod", "rpc-0"}});

  // The operator's own status write: no node reconcile, but tasks waiting
  // for a phase must see it.
  q = Queues();
  events.OnUpdate(Node(1, "Initializing"), Node(1, "Running"));
  CHECK(q.nodes.empty());
  CHECK(q.tasks.size() == 2);

  q = Queues();
  events.OnUpdate(Node(1, "Running"), Node(2, "Running"));
  CHECK(q.nodes == std::vector<std::string>{"prod/rpc-0"});

  q = Queues();
  Object deleting = Node(1, "Running");
  deleting["metadata"]["deletionTimestamp"] = "2026-01-01T00:00:00Z";
  events.OnUpdate(Node(1, "Running"), deleting);
  CHECK(q.nodes == std::vector<std::string>{"prod/rpc-0"});

  q = Queues();
  events.OnDelete(Node(1, "Terminating"));
  CHECK(q.nodes == std::vector<std::string>{"prod/rpc-0"});
  CHECK(q.tasks.size() == 2);
}

TEST_CASE("owned objects queue the SeiNode that owns them, others nothing") {
  Queues q;
  OwnedObjectEvents events(q.Nodes());
  Object sts = {{"metadata",
                 {{"name", "rpc-0"},
                  {"namespace", "prod"},
                  {"ownerReferences",
                   Object::array({{{"apiVersion", "sei.io/v1alpha1"},
                                   {"kind", "SeiNode"},
                                   {"name", "rpc-0"},
                                   {"uid", "u-1"}}})}}}};
  events.OnAdd(sts);
  events.OnUpdate(sts, sts);
  events.OnDelete(sts);
  CHECK(q.nodes == std::vector<std::string>{"prod/rpc-0", "prod/rpc-0", "prod/rpc-0"});

  q = Queues();
  OwnedObjectEvents unowned_events(q.Nodes());
  Object unowned = {{"metadata", {{"name", "other"}, {"namespace", "prod"}}}};
  unowned_events.OnAdd(unowned);
  unowned_events.OnDelete(unowned);
  CHECK(q.nodes.empty());
}

TEST_CASE("node pods queue their node when they appear, start, flip readiness or go away") {
  Queues q;
  NodePodEvents events(q.Nodes());
  events.OnUpdate(Pod(false), Pod(false));  // e.g. a status heartbeat
  CHECK(q.nodes.empty());
  events.OnUpdate(Pod(false), Pod(true));
  CHECK(q.nodes == std::vector<std::string>{"prod/rpc-0"});
  events.OnUpdate(Pod(true), Pod(false));
  CHECK(q.nodes.size() == 2);
  events.OnDelete(Pod(true));
  CHECK(q.nodes.size() == 3);
  events.OnUpdate(Pod(false, ""), Pod(true, ""));  // no sei.io/node label
  CHECK(q.nodes.size() == 3);

  // A replacement pod (RestartPod) comes back not Ready: its creation and its
  // start must wake the node, whose reconcile then re-issues mark-ready.
  q = Queues();
  Object pending = Pod(false);
  pending["status"]["phase"] = "Pending";
  Object running = Pod(false);
  running["status"]["phase"] = "Running";
  events.OnAdd(pending);
  events.OnUpdate(pending, running);
  CHECK(q.nodes == std::vector<std::string>{"prod/rpc-0", "prod/rpc-0"});
}

TEST_CASE("SeiNodeTask events queue the task on create, delete and spec changes only") {
  Queues q;
  NodeTaskEvents events(q.Tasks());
  Object task = {{"metadata", {{"name", "bump"}, {"namespace", "prod"}, {"generation", 1}}}};
  events.OnAdd(task);
  CHECK(q.tasks == std::vector<std::string>{"prod/bump"});
  Object status_written = task;
  status_written["status"] = {{"phase", "Running"}};
  events.OnUpdate(task, status_written);
  CHECK(q.tasks.size() == 1);
  Object respecced = task;
  respecced["metadata"]["generation"] = 2;
  events.OnUpdate(task, respecced);
  CHECK(q.tasks.size() == 2);
  events.OnDelete(task);
  CHECK(q.tasks.size() == 3);
}

}  // namespace
}  // namespace sei::controller
