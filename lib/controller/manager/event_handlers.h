// The informer handlers that turn watch events into work-queue keys, one
// class per watched source (plans.md §13.1, nodetask.md §16.1, D8). Each
// decides with the pure functions of watch_mapping.h and hands keys to an
// enqueue function, so they are tested without informers or queues.
#ifndef SEI_LIB_CONTROLLER_MANAGER_EVENT_HANDLERS_H_
#define SEI_LIB_CONTROLLER_MANAGER_EVENT_HANDLERS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/k8s/informer.h"
#include "lib/k8s/kube_client.h"

namespace sei::controller {

using EnqueueFunc = std::function<void(absl::string_view key)>;
// Keys of the SeiNodeTasks in `ns` that target the SeiNode `node_name`.
using TasksOfNodeFunc =
    std::function<std::vector<std::string>(absl::string_view ns, absl::string_view node_name)>;

// SeiNode events. The node itself is queued on create, delete, a spec
// change (generation) or the start of deletion; the operator's own status
// writes do not wake it. Every event, status-only ones included, wakes the
// SeiNodeTasks that target the node (a task waiting for a phase).
class SeiNodeEvents : public k8s::ResourceEventHandler {
 public:
  SeiNodeEvents(EnqueueFunc enqueue_node, EnqueueFunc enqueue_task, TasksOfNodeFunc tasks_of_node);
  void OnAdd(const k8s::Object& node) override;
  void OnUpdate(const k8s::Object& old_node, const k8s::Object& new_node) override;
  void OnDelete(const k8s::Object& node) override;

 private:
  void WakeTasks(const k8s::Object& node);
  EnqueueFunc enqueue_node_;
  EnqueueFunc enqueue_task_;
  TasksOfNodeFunc tasks_of_node_;
};

// Events of the objects a SeiNode owns (StatefulSet, Job, Service, PVC):
// any change queues the owning node.
class OwnedObjectEvents : public k8s::ResourceEventHandler {
 public:
  explicit OwnedObjectEvents(EnqueueFunc enqueue_node) : enqueue_node_(std::move(enqueue_node)) {}
  void OnAdd(const k8s::Object& object) override;
  void OnUpdate(const k8s::Object& old_object, const k8s::Object& new_object) override;
  void OnDelete(const k8s::Object& object) override;

 private:
  void Wake(const k8s::Object& object);
  EnqueueFunc enqueue_node_;
};

// Node pods (label sei.io/node) queue the node they belong to when the pod
// appears, goes away, changes phase or flips its Ready condition (D8: the
// proxy's readiness probe follows the sidecar, so this replaces the
// reference's 30 s polling). Creation and phase matter beyond §13.1's
// Ready-only filter: a pod replaced outside a plan (RestartPod) comes back
// not Ready and stays so until the node's reconcile re-issues mark-ready, so
// its Ready condition never flips by itself; its start (Pending -> Running,
// when the sidecar becomes reachable) is what must wake the node.
class NodePodEvents : public k8s::ResourceEventHandler {
 public:
  explicit NodePodEvents(EnqueueFunc enqueue_node) : enqueue_node_(std::move(enqueue_node)) {}
  void OnAdd(const k8s::Object& pod) override;
  void OnUpdate(const k8s::Object& old_pod, const k8s::Object& new_pod) override;
  void OnDelete(const k8s::Object& pod) override;

 private:
  void Wake(const k8s::Object& pod);
  EnqueueFunc enqueue_node_;
};

// SeiNodeTask events: create and delete always, updates only on a spec
// change (generation); the controller's own status writes do not retrigger.
class NodeTaskEvents : public k8s::ResourceEventHandler {
 public:
  explicit NodeTaskEvents(EnqueueFunc enqueue_task) : enqueue_task_(std::move(enqueue_task)) {}
  void OnAdd(const k8s::Object& task) override;
  void OnUpdate(const k8s::Object& old_task, const k8s::Object& new_task) override;
  void OnDelete(const k8s::Object& task) override;

 private:
  EnqueueFunc enqueue_task_;
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_MANAGER_EVENT_HANDLERS_H_
