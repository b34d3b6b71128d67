#include "lib/planner/nodetask/restart_pod_completion.h"

#include "absl/strings/str_cat.h"

namespace sei::planner::nodetask {
namespace {

using Decision = RestartPodExecuteDecision;

// The owned pod is the one restartedPodUID names and it is still alive.
bool IsOriginalPodAlive(const RestartPodView& view, absl::string_view restarted_pod_uid) {
  return view.pod.has_value() && !view.pod->terminating && view.pod->uid == restarted_pod_uid;
}

}  // namespace

const PodSummary* FirstOwnedPod(const std::vector<PodSummary>& pods,
                                absl::string_view statefulset_uid) {
  for (const PodSummary& pod : pods) {
    for (const PodOwnerRef& owner : pod.owners) {
      if (owner.kind == "StatefulSet" && owner.uid == statefulset_uid) return &pod;
    }
  }
  return nullptr;
}

RestartPodExecuteDecision DecideRestartPodExecute(const RestartPodView& view,
                                                  absl::string_view restarted_pod_uid) {
  switch (view.statefulset) {
    case RestartPodView::StatefulSet::kNotFound:
      return {Decision::Kind::kNothing, "", ""};
    case RestartPodView::StatefulSet::kError:
      return {Decision::Kind::kTransientError, "", ""};
    case RestartPodView::StatefulSet::kFound:
      break;
  }
  if (!view.has_selector) {
    return {Decision::Kind::kTerminalError, "",
            absl::StrCat("statefulset \"", view.statefulset_name,
                         "\" has no selector; cannot identify owned pods")};
  }
  if (view.replicas.has_value() && *view.replicas > 1) {
    return {Decision::Kind::kTerminalError, "",
            absl::StrCat("restart-pod does not support multi-replica StatefulSets (got replicas=",
                         *view.replicas, "); add ordinal-aware deletion before scaling up")};
  }
  if (restarted_pod_uid.empty()) return {Decision::Kind::kNothing, "", ""};
  if (view.pod_list_error) return {Decision::Kind::kTransientError, "", ""};
  if (!IsOriginalPodAlive(view, restarted_pod_uid)) return {Decision::Kind::kNothing, "", ""};
  return {Decision::Kind::kDeletePod, view.pod->uid, ""};
}

bool RestartPodCompleted(const RestartPodView& view, absl::string_view restarted_pod_uid) {
  return !restarted_pod_uid.empty() && view.statefulset == RestartPodView::StatefulSet::kFound &&
         view.has_selector && !view.pod_list_error && view.pod.has_value() &&
         !view.pod->terminating && view.pod->uid != restarted_pod_uid && view.pod->ready;
}

}  // namespace sei::planner::nodetask
