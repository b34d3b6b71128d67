#include "lib/controlplane/http/sidecar_pod_gate.h"

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "lib/controlplane/apiserver/api_error.h"

namespace sei::controlplane {
namespace {

// The label the operator puts on every pod of a node (tasks.md §5.1).
constexpr absl::string_view kNodeLabel = "sei.io/node";

// object[section][field] when both are of the expected types, else "": pods
// come from clients and may have any shape.
std::string StringField(const Json& object, const char* section, const char* field) {
  const auto outer = object.find(section);
  if (outer == object.end() || !outer->is_object()) return "";
  const auto inner = outer->find(field);
  if (inner == outer->end() || !inner->is_string()) return "";
  return inner->get<std::string>();
}

// What the kubelet reports as running and nobody is shutting down: a
// terminating pod's proxy stops taking connections once it is signalled.
bool Runs(const Json& pod) {
  const auto metadata = pod.find("metadata");
  if (metadata != pod.end() && metadata->is_object() && metadata->contains("deletionTimestamp")) {
    return false;
  }
  return StringField(pod, "status", "phase") == "Running";
}

}  // namespace

SidecarPodGate::SidecarPodGate(ObjectStore* store, const ResourceType* pods)
    : store_(store), pods_(pods) {}

bool SidecarPodGate::Reachable(absl::string_view ns, absl::string_view node) const {
  const ResourceKey key{pods_, std::string(ns)};
  const std::string hostname = absl::StrCat(node, "-0");
  absl::StatusOr<Json> pod = store_->Get(key, hostname);
  if (pod.ok()) return Runs(*pod);
  if (HttpCode(pod.status()) != 404) return false;

  // No StatefulSet pod: a bootstrap pod may hold the name. A node name that
  // is no valid label value fails the LIST, and such a node has no pods.
  ListOptions options;
  options.label_selector = absl::StrCat(kNodeLabel, "=", node);
  absl::StatusOr<Json> list = store_->List(key, options);
  if (!list.ok()) return false;
  const auto items = list->find("items");
  if (items == list->end() || !items->is_array()) return false;
  for (const Json& candidate : *items) {
    if (StringField(candidate, "spec", "hostname") == hostname &&
        StringField(candidate, "spec", "subdomain") == node && Runs(candidate)) {
      return true;
    }
  }
  return false;
}

}  // namespace sei::controlplane
