// apply-service (tasks.md §3.7): the node's headless Service `<node>` (§5.6),
// its stable DNS name for peers and the operator. Applied only when its spec
// hash changed.
#ifndef SEI_LIB_TASKS_CONTROLLER_APPLY_SERVICE_H_
#define SEI_LIB_TASKS_CONTROLLER_APPLY_SERVICE_H_

#include <memory>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Params {nodeName, namespace}, informational.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewApplyServiceTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_APPLY_SERVICE_H_
