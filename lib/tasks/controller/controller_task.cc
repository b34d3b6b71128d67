#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

StatusResult ControllerTask::Status(TaskContext& /*ctx*/, const ExecuteResult* executed) {
  if (executed == nullptr) return StatusResult::Running();
  switch (executed->kind) {
    case ExecuteResult::Kind::kDone:
      return StatusResult::Complete(executed->message);
    case ExecuteResult::Kind::kWaiting:
      return StatusResult::Running(executed->message);
    case ExecuteResult::Kind::kTransientError:
    case ExecuteResult::Kind::kTerminalError:
      // The executor never asks after an error; if it does, nothing is done.
      return StatusResult::Running(executed->message);
  }
  return StatusResult::Running();
}

}  // namespace sei::tasks
