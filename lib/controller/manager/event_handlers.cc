#include "lib/controller/manager/event_handlers.h"

#include <optional>
#include <utility>

#include "lib/controller/manager/watch_mapping.h"

namespace sei::controller {

SeiNodeEvents::SeiNodeEvents(EnqueueFunc enqueue_node, EnqueueFunc enqueue_task,
                             TasksOfNodeFunc tasks_of_node)
    : enqueue_node_(std::move(enqueue_node)),
      enqueue_task_(std::move(enqueue_task)),
      tasks_of_node_(std::move(tasks_of_node)) {}

void SeiNodeEvents::OnAdd(const k8s::Object& node) {
  enqueue_node_(KeyOf(node));
  WakeTasks(node);
}

void SeiNodeEvents::OnUpdate(const k8s::Object& old_node, const k8s::Object& new_node) {
  if (SeiNodeUpdateNeedsReconcile(old_node, new_node)) enqueue_node_(KeyOf(new_node));
  WakeTasks(new_node);
}

void SeiNodeEvents::OnDelete(const k8s::Object& node) {
  enqueue_node_(KeyOf(node));
  WakeTasks(node);
}

void SeiNodeEvents::WakeTasks(const k8s::Object& node) {
  std::optional<std::pair<std::string, std::string>> ns_name = SplitKey(KeyOf(node));
  if (!ns_name.has_value()) return;
  for (const std::string& key : tasks_of_node_(ns_name->first, ns_name->second)) {
    enqueue_task_(key);
  }
}

void OwnedObjectEvents::OnAdd(const k8s::Object& object) { Wake(object); }
void OwnedObjectEvents::OnUpdate(const k8s::Object&, const k8s::Object& new_object) {
  Wake(new_object);
}
void OwnedObjectEvents::OnDelete(const k8s::Object& object) { Wake(object); }

void OwnedObjectEvents::Wake(const k8s::Object& object) {
  if (std::optional<std::string> owner = OwnerSeiNodeKey(object)) enqueue_node_(*owner);
}

void NodePodEvents::OnAdd(const k8s::Object& pod) { Wake(pod); }

void NodePodEvents::OnUpdate(const k8s::Object& old_pod, const k8s::Object& new_pod) {
  if (PodReadinessChanged(old_pod, new_pod) || PodPhaseChanged(old_pod, new_pod)) Wake(new_pod);
}

void NodePodEvents::OnDelete(const k8s::Object& pod) { Wake(pod); }

void NodePodEvents::Wake(const k8s::Object& pod) {
  if (std::optional<std::string> node = PodSeiNodeKey(pod)) enqueue_node_(*node);
}

void NodeTaskEvents::OnAdd(const k8s::Object& task) { enqueue_task_(KeyOf(task)); }
void NodeTaskEvents::OnUpdate(const k8s::Object& old_task, const k8s::Object& new_task) {
  if (NodeTaskUpdateNeedsReconcile(old_task, new_task)) enqueue_task_(KeyOf(new_task));
}
void NodeTaskEvents::OnDelete(const k8s::Object& task) { enqueue_task_(KeyOf(task)); }

}  // namespace sei::controller
