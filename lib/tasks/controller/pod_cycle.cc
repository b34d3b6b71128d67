#include "lib/tasks/controller/pod_cycle.h"

#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/controller/object_fields.h"

namespace sei::tasks {

absl::StatusOr<std::optional<k8s::Object>> FetchStatefulSet(k8s::KubeClient& kube,
                                                            absl::string_view ns,
                                                            absl::string_view name) {
  absl::StatusOr<k8s::Object> sts = kube.Get(k8s::resources::kStatefulSet, ns, name);
  if (k8s::IsApiNotFound(sts.status())) return std::optional<k8s::Object>();
  if (!sts.ok()) return sts.status();
  return std::optional<k8s::Object>(*std::move(sts));
}

bool HasSelector(const k8s::Object& statefulset) {
  return !StringMapAt(statefulset, "spec/selector/matchLabels").empty();
}

std::optional<std::string> GuardCyclableStatefulSet(const k8s::Object& statefulset,
                                                    absl::string_view task_type) {
  if (!HasSelector(statefulset)) {
    return absl::StrCat("statefulset \"", StringAt(statefulset, "metadata/name").value_or(""),
                        "\" has no selector; cannot identify owned pods");
  }
  std::optional<int64_t> replicas = IntAt(statefulset, "spec/replicas");
  if (replicas.has_value() && *replicas > 1) {
    return absl::StrCat(task_type,
                        " does not support multi-replica StatefulSets (got replicas=", *replicas,
                        "); add ordinal-aware deletion before scaling up");
  }
  return std::nullopt;
}

absl::StatusOr<std::vector<k8s::Object>> ListOwnedPods(k8s::KubeClient& kube, absl::string_view ns,
                                                       const k8s::Object& statefulset) {
  k8s::ListOptions options;
  options.label_selector = absl::StrJoin(StringMapAt(statefulset, "spec/selector/matchLabels"), ",",
                                         absl::PairFormatter("="));
  absl::StatusOr<k8s::ObjectList> pods = kube.List(k8s::resources::kPod, ns, options);
  if (!pods.ok()) return pods.status();
  const std::string uid = UidOf(statefulset);
  std::vector<k8s::Object> owned;
  for (k8s::Object& pod : pods->items) {
    if (HasOwnerReference(pod, "StatefulSet", uid, /*controller_only=*/false)) {
      owned.push_back(std::move(pod));
    }
  }
  return owned;
}

absl::Status DeletePod(k8s::KubeClient& kube, absl::string_view ns, const k8s::Object& pod) {
  k8s::DeleteOptions options;
  options.uid = UidOf(pod);
  absl::Status deleted =
      kube.Delete(k8s::resources::kPod, ns, StringAt(pod, "metadata/name").value_or(""), options);
  // Conflict: the uid precondition failed, so the pod we meant is gone
  // already and another one carries its name — done, like NotFound.
  if (k8s::IsApiNotFound(deleted) || k8s::IsApiConflict(deleted)) return absl::OkStatus();
  return deleted;
}

bool IsPodReady(const k8s::Object& pod) {
  std::optional<ObjectCondition> ready = ConditionOf(pod, "Ready");
  return ready.has_value() && ready->status == "True";
}

}  // namespace sei::tasks
