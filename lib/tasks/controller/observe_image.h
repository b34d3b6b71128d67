// observe-image (tasks.md §3.10): the last step before mark-ready in a
// NodeUpdate plan. Waits until the node's StatefulSet reports the new
// template rolled out, then stamps status.currentImage and
// status.currentSidecarImage — the drift baseline. The same check closes an
// init plan (plans.md §17 D1, the executor's kObserveRollout), so a new node
// does not get a spurious update plan.
#ifndef SEI_LIB_TASKS_CONTROLLER_OBSERVE_IMAGE_H_
#define SEI_LIB_TASKS_CONTROLLER_OBSERVE_IMAGE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// One uncached read of StatefulSet `<node>`.
struct RolloutCheck {
  enum class Kind {
    kMissing,     // NotFound
    kError,       // another GET error
    kInProgress,  // observedGeneration < generation, spec.replicas unset, or
                  // updatedReplicas < spec.replicas
    kRolledOut,
  };
  Kind kind = Kind::kMissing;
  std::string message;
};
RolloutCheck CheckRollout(const TaskContext& ctx);

// status.currentImage = spec.image; status.currentSidecarImage = the
// effective sidecar image (spec.sidecar.image, else the platform's
// SEI_SIDECAR_IMAGE). ctx.node and ctx.platform must be set.
void StampObservedImages(TaskContext& ctx);

// The executor's kObserveRollout (D1): true iff the rollout is complete and
// the images were stamped. Anything else — not rolled out, unreadable, no
// node or platform — is false and leaves the images unset, so the drift path
// performs a genuine rollout later.
bool ObserveRolloutAndStamp(TaskContext& ctx);

// Missing or in progress → wait; GET error → transient; rolled out → stamp
// and done. No owning SeiNode → terminal.
class ObserveImageTask : public ControllerTask {
 public:
  ExecuteResult Execute(TaskContext& ctx) override;
};

// Params {nodeName, namespace}, informational.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewObserveImageTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_OBSERVE_IMAGE_H_
