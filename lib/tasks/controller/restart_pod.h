// restart-pod (tasks.md §3.9, nodetask.md §14.2): the SeiNodeTask RestartPod
// kind. Deletes the target's pod only if it is the one the caller named by
// UID, then completes once an owned pod with a different UID is Ready — so a
// stale UID deletes nothing, and same-second replacements cannot be confused
// with the original. The decisions are the planner's
// (lib/planner/nodetask/restart_pod_completion.h); this file only observes
// and acts on them.
#ifndef SEI_LIB_TASKS_CONTROLLER_RESTART_POD_H_
#define SEI_LIB_TASKS_CONTROLLER_RESTART_POD_H_

#include <memory>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/k8s/kube_client.h"
#include "lib/planner/nodetask/restart_pod_completion.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

struct RestartPodParams {
  std::string node_name;
  std::string ns;
  std::string restarted_pod_uid;  // may be empty: the task then never completes
};

class RestartPodTask : public ControllerTask {
 public:
  explicit RestartPodTask(RestartPodParams params) : params_(std::move(params)) {}

  // Never completes by itself (the pod must come back Ready): returns
  // Waiting, Transient on read/delete errors, Terminal for a selector-less or
  // multi-replica StatefulSet.
  ExecuteResult Execute(TaskContext& ctx) override;
  // Fresh reads every time: Complete when a different owned pod is Ready;
  // Failed when the StatefulSet is one the task refuses; Running otherwise.
  StatusResult Status(TaskContext& ctx, const ExecuteResult* executed) override;

 private:
  struct Observed {
    planner::nodetask::RestartPodView view;
    std::optional<k8s::Object> pod;  // the first owned pod, as listed
    std::string error;               // why the StatefulSet or pods were unreadable
  };
  Observed Observe(k8s::KubeClient& kube) const;

  RestartPodParams params_;
};

// Params {nodeName, namespace, restartedPodUID}; nodeName and namespace are
// required: `restart-pod: nodeName and namespace are required`.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewRestartPodTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_RESTART_POD_H_
