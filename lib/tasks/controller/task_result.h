// What a controller-side task reports to the plan executor (plans.md §12):
// Execute's outcome and the Status query's verdict. The adapter maps them to
// planner::Observation; the executor alone decides retries and failure.
#ifndef SEI_LIB_TASKS_CONTROLLER_TASK_RESULT_H_
#define SEI_LIB_TASKS_CONTROLLER_TASK_RESULT_H_

#include <string>
#include <utility>

namespace sei::tasks {

struct ExecuteResult {
  enum class Kind {
    kDone,            // the task's work is finished; Status reports Complete
    kWaiting,         // nothing more to do this pass; Status decides (Running by default)
    kTransientError,  // retry in 5 s (counts against a budget, plans.md D3)
    kTerminalError,   // the task and its plan fail now
  };
  Kind kind = Kind::kDone;
  std::string message;

  static ExecuteResult Done(std::string message = "") { return {Kind::kDone, std::move(message)}; }
  static ExecuteResult Waiting(std::string message) { return {Kind::kWaiting, std::move(message)}; }
  static ExecuteResult Transient(std::string message) {
    return {Kind::kTransientError, std::move(message)};
  }
  static ExecuteResult Terminal(std::string message) {
    return {Kind::kTerminalError, std::move(message)};
  }
};

struct StatusResult {
  enum class Kind { kRunning, kComplete, kFailed };
  Kind kind = Kind::kRunning;
  std::string message;

  static StatusResult Running(std::string message = "") {
    return {Kind::kRunning, std::move(message)};
  }
  static StatusResult Complete(std::string message = "") {
    return {Kind::kComplete, std::move(message)};
  }
  static StatusResult Failed(std::string message) { return {Kind::kFailed, std::move(message)}; }
};

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_TASK_RESULT_H_
