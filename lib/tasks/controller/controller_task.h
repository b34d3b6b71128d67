// The interface every controller-side task implements (tasks.md §2). The
// executor calls Execute on every pass while the task is pending, so Execute
// must be idempotent: re-running it after a crash or a lost status write is a
// no-op once its effect exists. Status is a query and never writes.
#ifndef SEI_LIB_TASKS_CONTROLLER_CONTROLLER_TASK_H_
#define SEI_LIB_TASKS_CONTROLLER_CONTROLLER_TASK_H_

#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/controller/task_result.h"

namespace sei::tasks {

class ControllerTask {
 public:
  virtual ~ControllerTask() = default;

  virtual ExecuteResult Execute(TaskContext& ctx) = 0;

  // `executed`: what Execute returned in this pass, or nullptr when Status is
  // queried alone (SeiNodeTask drive after a deadline, or a later reconcile).
  // Default: kDone → kComplete; kWaiting or nullptr → kRunning (carrying
  // Execute's message, e.g. why it waits).
  virtual StatusResult Status(TaskContext& ctx, const ExecuteResult* executed);
};

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_CONTROLLER_TASK_H_
