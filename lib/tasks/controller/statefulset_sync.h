// The StatefulSet sync routine (tasks.md §3.6, plans.md §17 D6), used by the
// apply-statefulset task and by the SeiNode reconciler. It renders the
// StatefulSet, refuses to adopt an impostor (an object with the node's
// StatefulSet name but not the UID the node tracks in status.statefulSet),
// server-side applies only when the spec hash changed, and records the
// applied object's {name, uid} in the node's status.
#ifndef SEI_LIB_TASKS_CONTROLLER_STATEFULSET_SYNC_H_
#define SEI_LIB_TASKS_CONTROLLER_STATEFULSET_SYNC_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "lib/tasks/controller/task_context.h"

namespace sei::tasks {

struct StatefulSetSync {
  enum class Kind {
    kSynced,            // the live object matches the rendered one; identity recorded
    kImpostorDeleted,   // an impostor was deleted and status.statefulSet cleared
    kAwaitingDeletion,  // the live object is being deleted; nothing applied
  };
  Kind kind = Kind::kSynced;
  bool written = false;  // kSynced: whether an apply was sent
  std::string message;
};

// One sync (the task's routine). ctx.kube, ctx.node and ctx.platform must be
// set. Steps: render (errors returned as they are); GET the live object
// (errors other than NotFound returned); when status.statefulSet has a uid
// and the live object's differs → DELETE it (background, NotFound ok),
// clear status.statefulSet, kImpostorDeleted; a live object being deleted →
// kAwaitingDeletion; otherwise apply unless the spec hash matches and
// record {name, uid} when it changed → kSynced.
absl::StatusOr<StatefulSetSync> SyncStatefulSet(TaskContext& ctx);

// The reconciler-level sync (D6). Nothing at all while status.statefulSet is
// unset (creation belongs to apply-statefulset, after any bootstrap Job has
// released the data volume). Once tracked: recreates a missing StatefulSet,
// replaces an impostor (delete, then apply in the same call), re-applies only
// when the spec hash differs. While the tracked name is held by an object
// that is still being deleted it returns Unavailable and leaves
// status.statefulSet as it was, so a retry recreates it once it is gone.
absl::Status SyncTrackedStatefulSet(TaskContext& ctx);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_STATEFULSET_SYNC_H_
