// Typed, case-insensitive reads of a persisted task's params (plans.md §9)
// for the controller tasks' deserialisers. Wrong JSON types are reported,
// not coerced, so a corrupted plan fails its task with a clear message.
#ifndef SEI_LIB_TASKS_CONTROLLER_TASK_PARAMS_READER_H_
#define SEI_LIB_TASKS_CONTROLLER_TASK_PARAMS_READER_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"

namespace sei::tasks {

// Params must be a JSON object, or null/absent (a task without params).
// Otherwise InvalidArgument `<type>: params must be a JSON object`.
absl::Status CheckParamsObject(absl::string_view type, const google::protobuf::Value& params);

// The string param `key` (matched like Go's encoding/json: exact first, then
// ignoring ASCII case); "" when absent or null. Another JSON type →
// InvalidArgument `<type>: param "<key>" must be a string`.
absl::StatusOr<std::string> StringParam(absl::string_view type,
                                        const google::protobuf::Value& params,
                                        absl::string_view key);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_TASK_PARAMS_READER_H_
