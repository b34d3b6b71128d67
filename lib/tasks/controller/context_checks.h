// Preconditions on the TaskContext that tasks.md §2 classifies per task: a
// node task without an owning SeiNode fails terminally for some types and
// transiently for others, and a renderer cannot run without the platform
// configuration.
#ifndef SEI_LIB_TASKS_CONTROLLER_CONTEXT_CHECKS_H_
#define SEI_LIB_TASKS_CONTROLLER_CONTEXT_CHECKS_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/controller/task_result.h"

namespace sei::tasks {

// How a task treats a missing owning SeiNode (tasks.md §2 "Owner type check"):
// terminal for ensure-data-pvc, validate-*, observe-image and replace-pod;
// transient for apply-* and the bootstrap tasks.
enum class OwnerRule { kTerminal, kTransient };

// nullopt when ctx.kube and ctx.node are set; else the result to return:
// `<type>: the owning object is not a SeiNode` (class per `rule`), or a
// transient `<type>: no Kubernetes client` for a wiring error.
std::optional<ExecuteResult> CheckOwningNode(const TaskContext& ctx, absl::string_view type,
                                             OwnerRule rule);

// nullopt when ctx.platform is set; else transient `<type>: no platform
// configuration` (the operator wiring is incomplete, not the task's input).
std::optional<ExecuteResult> CheckPlatform(const TaskContext& ctx, absl::string_view type);

// The namespace a task acts in: the owning node's when there is one (node
// tasks act on their owner, tasks.md §2), else the `namespace` param.
std::string TaskNamespace(const TaskContext& ctx, absl::string_view param_namespace);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_CONTEXT_CHECKS_H_
