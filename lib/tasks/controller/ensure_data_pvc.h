// ensure-data-pvc (tasks.md §3.1): the first task of every init plan makes
// sure the node has its data volume. Create path: create `data-<node>` owned
// by the node, refusing to adopt a PVC someone else owns. Import path
// (spec.dataVolume.import.pvcName): validate the user's PVC without touching
// it, reporting progress in the ImportPVCReady condition.
#ifndef SEI_LIB_TASKS_CONTROLLER_ENSURE_DATA_PVC_H_
#define SEI_LIB_TASKS_CONTROLLER_ENSURE_DATA_PVC_H_

#include <memory>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Create path: render error → terminal; GET error → transient `checking for
// existing data PVC: …`; exists and controlled by this SeiNode → done;
// exists otherwise → terminal (names the PVC, the node and the two ways
// out); NotFound → CREATE: AlreadyExists → transient `data PVC created
// concurrently: …`, other error → transient, success → done.
// Import path: ValidateImportedPvc, not ready → waiting, invalid → terminal.
// No owning SeiNode → terminal.
class EnsureDataPvcTask : public ControllerTask {
 public:
  ExecuteResult Execute(TaskContext& ctx) override;

 private:
  ExecuteResult Create(TaskContext& ctx);
};

// Params {nodeName, namespace}, informational.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewEnsureDataPvcTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_ENSURE_DATA_PVC_H_
