// update-node-image (tasks.md §3.11, nodetask.md §14.3): the SeiNodeTask
// UpdateNodeImage kind. Sets the target SeiNode's spec.image by server-side
// apply of only that field, and completes once the SeiNode controller has
// rolled it out (status.currentImage == image). No readiness check: upgrade
// scenarios expect crash loops right after the swap.
#ifndef SEI_LIB_TASKS_CONTROLLER_UPDATE_NODE_IMAGE_H_
#define SEI_LIB_TASKS_CONTROLLER_UPDATE_NODE_IMAGE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// The field manager that co-owns spec.image after the task (the SeiNode
// controller, `seinode-controller`, performs the rollout).
inline constexpr absl::string_view kTaskControllerFieldManager = "seinode-task-controller";

struct UpdateNodeImageParams {
  std::string node_name;
  std::string ns;
  std::string image;
};

class UpdateNodeImageTask : public ControllerTask {
 public:
  explicit UpdateNodeImageTask(UpdateNodeImageParams params) : params_(std::move(params)) {}

  // Uncached GET of the target: NotFound → terminal `target SeiNode "<n>" not
  // found`; other errors transient; spec.image already equal → nothing; else
  // apply {apiVersion, kind, metadata{name,namespace}, spec{image}} (force).
  // Runs every drive step, so a concurrent change of spec.image is
  // overwritten while the task is active. Always Waiting on success.
  ExecuteResult Execute(TaskContext& ctx) override;
  // Uncached GET; any error → Running; status.currentImage == image →
  // Complete with the observed image as message (the task's appliedImage
  // output, nodetask.md D9); else Running.
  StatusResult Status(TaskContext& ctx, const ExecuteResult* executed) override;

 private:
  UpdateNodeImageParams params_;
};

// Params {nodeName, namespace, image}, all required: `update-node-image:
// nodeName, namespace, and image are required`.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewUpdateNodeImageTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_UPDATE_NODE_IMAGE_H_
