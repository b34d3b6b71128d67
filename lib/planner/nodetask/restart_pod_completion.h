// RestartPod decisions over an observed StatefulSet/pod snapshot (nodetask.md
// §14.2, tasks.md §3.9): which pod Execute deletes, if any, and when the
// restart is complete. The adapter reads the StatefulSet (uncached) and its
// pods, summarises them here and acts on the decision.
#ifndef SEI_LIB_PLANNER_NODETASK_RESTART_POD_COMPLETION_H_
#define SEI_LIB_PLANNER_NODETASK_RESTART_POD_COMPLETION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sei::planner::nodetask {

struct PodOwnerRef {
  std::string kind;  // e.g. "StatefulSet"
  std::string uid;
};

// What RestartPod needs to know about one pod.
struct PodSummary {
  std::string uid;
  bool terminating = false;  // metadata.deletionTimestamp set
  bool ready = false;        // status condition Ready == "True"
  std::vector<PodOwnerRef> owners;
};

// Owned-pod lookup (§14.2): among `pods` (the list matching the StatefulSet's
// spec.selector.matchLabels, in list order) the first one carrying an
// ownerReference with kind StatefulSet and uid == `statefulset_uid`; nullptr
// when none.
const PodSummary* FirstOwnedPod(const std::vector<PodSummary>& pods,
                                absl::string_view statefulset_uid);

// One observation of the target's StatefulSet `<node>` and its owned pod.
struct RestartPodView {
  enum class StatefulSet { kFound, kNotFound, kError };
  StatefulSet statefulset = StatefulSet::kNotFound;
  std::string statefulset_name;
  bool has_selector = false;        // spec.selector.matchLabels non-empty
  std::optional<int32_t> replicas;  // spec.replicas when set
  bool pod_list_error = false;
  std::optional<PodSummary> pod;  // FirstOwnedPod of the listed pods
};

// What Execute does this round (§14.2 "Execute", checks in order):
//   StatefulSet NotFound                 → kNothing (success)
//   StatefulSet read error               → kTransientError
//   selector missing / matchLabels empty → kTerminalError `statefulset "<name>"
//                                          has no selector; cannot identify owned pods`
//   spec.replicas set and > 1            → kTerminalError `restart-pod does not
//                                          support multi-replica StatefulSets
//                                          (got replicas=<n>); add ordinal-aware
//                                          deletion before scaling up`
//   restartedPodUID empty                → kNothing (never completes → Timeout)
//   pod list error                       → kTransientError
//   no pod, other UID, or terminating    → kNothing
//   otherwise                            → kDeletePod (NotFound on delete is
//                                          success; other delete errors transient)
struct RestartPodExecuteDecision {
  enum class Kind { kNothing, kDeletePod, kTransientError, kTerminalError };
  Kind kind = Kind::kNothing;
  std::string pod_uid;  // kDeletePod: the pod to delete (== restartedPodUID)
  std::string message;  // kTerminalError
};
RestartPodExecuteDecision DecideRestartPodExecute(const RestartPodView& view,
                                                  absl::string_view restarted_pod_uid);

// The completion predicate (§14.2 "Status (poll)"): true iff restartedPodUID
// is set, the StatefulSet is readable, an owned pod exists, it is not
// terminating, its UID differs from restartedPodUID, and it is Ready.
// Everything else is "running".
bool RestartPodCompleted(const RestartPodView& view, absl::string_view restarted_pod_uid);

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_RESTART_POD_COMPLETION_H_
