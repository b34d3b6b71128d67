// replace-pod (tasks.md §3.8): in a NodeUpdate plan, delete the node's pod
// when it runs an old StatefulSet revision (the update strategy is OnDelete),
// so the StatefulSet controller recreates it from the new template.
// Revision-gated and readiness-blind: it never waits for the new pod, since
// seid may be intentionally unready (halted at an upgrade height).
#ifndef SEI_LIB_TASKS_CONTROLLER_REPLACE_POD_H_
#define SEI_LIB_TASKS_CONTROLLER_REPLACE_POD_H_

#include <memory>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Execute, in order: StatefulSet missing, generation not yet observed, or no
// updateRevision → wait; currentRevision == updateRevision → done; guard
// (no selector, replicas > 1) → terminal; delete every owned pod that has a
// controller-revision-hash label other than updateRevision and is not
// terminating → done. API errors are transient (budget 3, plans.md D3).
class ReplacePodTask : public ControllerTask {
 public:
  ExecuteResult Execute(TaskContext& ctx) override;
};

// Params {nodeName, namespace}, informational: the task acts on the owner.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewReplacePodTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_REPLACE_POD_H_
