// The controller-side task registry: one place that turns a persisted
// (type, params) pair into an executable task (tasks.md §1, §3).
#ifndef SEI_LIB_TASKS_CONTROLLER_CONTROLLER_TASKS_H_
#define SEI_LIB_TASKS_CONTROLLER_CONTROLLER_TASKS_H_

#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Deserialises the params (case-insensitively) into the typed task. Unknown
// type → InvalidArgument `unknown task type "<type>"`; bad/missing params →
// InvalidArgument with the task's message (terminal for the plan).
absl::StatusOr<std::unique_ptr<ControllerTask>> MakeControllerTask(
    absl::string_view type, const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_CONTROLLER_TASKS_H_
