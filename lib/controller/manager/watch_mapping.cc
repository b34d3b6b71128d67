#include "lib/controller/manager/watch_mapping.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sei::controller {
namespace {

const k8s::Object* Field(const k8s::Object& object, std::initializer_list<const char*> path) {
  const k8s::Object* at = &object;
  for (const char* key : path) {
    if (!at->is_object()) return nullptr;
    auto it = at->find(key);
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

std::string StringField(const k8s::Object& object, std::initializer_list<const char*> path) {
  const k8s::Object* v = Field(object, path);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

int64_t Generation(const k8s::Object& object) {
  const k8s::Object* v = Field(object, {"metadata", "generation"});
  return v != nullptr && v->is_number_integer() ? v->get<int64_t>() : 0;
}

bool PodReady(const k8s::Object& pod) {
  const k8s::Object* conditions = Field(pod, {"status", "conditions"});
  if (conditions == nullptr || !conditions->is_array()) return false;
  for (const k8s::Object& c : *conditions) {
    if (StringField(c, {"type"}) == "Ready") return StringField(c, {"status"}) == "True";
  }
  return false;
}

}  // namespace

std::string KeyOf(const k8s::Object& object) {
  return absl::StrCat(StringField(object, {"metadata", "namespace"}), "/",
                      StringField(object, {"metadata", "name"}));
}

std::optional<std::pair<std::string, std::string>> SplitKey(absl::string_view key) {
  const size_t slash = key.find('/');
  if (slash == absl::string_view::npos || slash == 0 || slash + 1 == key.size()) {
    return std::nullopt;
  }
  return std::make_pair(std::string(key.substr(0, slash)), std::string(key.substr(slash + 1)));
}

bool SeiNodeUpdateNeedsReconcile(const k8s::Object& old_node, const k8s::Object& new_node) {
  if (Generation(old_node) != Generation(new_node)) return true;
  const bool was_deleting = Field(old_node, {"metadata", "deletionTimestamp"}) != nullptr;
  const bool is_deleting = Field(new_node, {"metadata", "deletionTimestamp"}) != nullptr;
  return is_deleting && !was_deleting;
}

bool NodeTaskUpdateNeedsReconcile(const k8s::Object& old_task, const k8s::Object& new_task) {
  return Generation(old_task) != Generation(new_task);
}

std::optional<std::string> OwnerSeiNodeKey(const k8s::Object& owned) {
  const k8s::Object* refs = Field(owned, {"metadata", "ownerReferences"});
  if (refs == nullptr || !refs->is_array()) return std::nullopt;
  for (const k8s::Object& ref : *refs) {
    const std::string api_version = StringField(ref, {"apiVersion"});
    if (StringField(ref, {"kind"}) != "SeiNode" || !absl::StartsWith(api_version, "sei.io/")) {
      continue;
    }
    const std::string name = StringField(ref, {"name"});
    const std::string ns = StringField(owned, {"metadata", "namespace"});
    if (name.empty() || ns.empty()) return std::nullopt;
    return absl::StrCat(ns, "/", name);
  }
  return std::nullopt;
}

std::optional<std::string> PodSeiNodeKey(const k8s::Object& pod) {
  const k8s::Object* labels = Field(pod, {"metadata", "labels"});
  if (labels == nullptr || !labels->is_object()) return std::nullopt;
  auto label = labels->find(std::string(kNodeLabel));
  const std::string node =
      label != labels->end() && label->is_string() ? label->get<std::string>() : "";
  const std::string ns = StringField(pod, {"metadata", "namespace"});
  if (node.empty() || ns.empty()) return std::nullopt;
  return absl::StrCat(ns, "/", node);
}

bool PodReadinessChanged(const k8s::Object& old_pod, const k8s::Object& new_pod) {
  return PodReady(old_pod) != PodReady(new_pod);
}

bool PodPhaseChanged(const k8s::Object& old_pod, const k8s::Object& new_pod) {
  return StringField(old_pod, {"status", "phase"}) != StringField(new_pod, {"status", "phase"});
}

std::vector<std::string> TasksTargetingNode(const k8s::ObjectCache& tasks, absl::string_view ns,
                                            absl::string_view node_name) {
  std::vector<std::string> keys;
  absl::StatusOr<std::vector<k8s::Object>> in_namespace = tasks.List(ns);
  if (!in_namespace.ok()) return keys;  // only a bad selector fails; there is none
  for (const k8s::Object& task : *in_namespace) {
    if (StringField(task, {"spec", "target", "nodeRef", "name"}) == node_name) {
      keys.push_back(KeyOf(task));
    }
  }
  return keys;
}

}  // namespace sei::controller
