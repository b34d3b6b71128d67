// The shape shared by apply-rbac-proxy-config and apply-service (tasks.md
// §3.5, §3.7): render one object from the owning node and apply it when the
// live copy differs (ApplyIfChanged). Any error is transient; the task
// completes inside Execute.
#ifndef SEI_LIB_TASKS_CONTROLLER_APPLY_RENDERED_TASK_H_
#define SEI_LIB_TASKS_CONTROLLER_APPLY_RENDERED_TASK_H_

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/resource.h"
#include "lib/tasks/controller/controller_task.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks {

using NodeRenderer = k8s::Object (*)(const v1alpha1::SeiNode& node);

class ApplyRenderedTask : public ControllerTask {
 public:
  // `resource` and `render` must outlive the task (they are constants).
  ApplyRenderedTask(absl::string_view type, const k8s::Resource* resource, NodeRenderer render)
      : type_(type), resource_(resource), render_(render) {}

  // No owning SeiNode → transient (tasks.md §2).
  ExecuteResult Execute(TaskContext& ctx) override;

 private:
  absl::string_view type_;
  const k8s::Resource* resource_;
  NodeRenderer render_;
};

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_APPLY_RENDERED_TASK_H_
