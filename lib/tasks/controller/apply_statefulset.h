// apply-statefulset (tasks.md §3.6): the task that creates the node's
// StatefulSet and starts tracking it (status.statefulSet, D6), and in update
// plans acts as a sync gate before replace-pod. Runs SyncStatefulSet.
#ifndef SEI_LIB_TASKS_CONTROLLER_APPLY_STATEFULSET_H_
#define SEI_LIB_TASKS_CONTROLLER_APPLY_STATEFULSET_H_

#include <memory>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Sync error (render or API) → transient; impostor deleted, or the
// StatefulSet still being deleted → waiting (the next pass recreates it);
// synced → done. No owning SeiNode → transient.
class ApplyStatefulSetTask : public ControllerTask {
 public:
  ExecuteResult Execute(TaskContext& ctx) override;
};

// Params {nodeName, namespace}, informational.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewApplyStatefulSetTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_APPLY_STATEFULSET_H_
