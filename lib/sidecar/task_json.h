// The JSON bodies of the task endpoints (sidecar-protocol.md §5): the POST
// /v0/tasks request, its {"id"} answer and the TaskResult of a poll.
#ifndef SEI_LIB_SIDECAR_TASK_JSON_H_
#define SEI_LIB_SIDECAR_TASK_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/sidecar/sidecar_client.h"

namespace sei::sidecar {

// {"id","type","params"?}: `params` is left out when null (parameterless
// tasks, §5), and `id` when empty (the sidecar then picks one).
std::string EncodeTaskRequest(const TaskRequest& request);

// The `id` of a TaskSubmitResponse. InvalidArgument when the body is not a
// JSON object with a string `id` that parses as a UUID other than the nil
// UUID (§9.1: such an answer is not an acceptance).
absl::StatusOr<std::string> ParseSubmittedId(absl::string_view body);

// A TaskResult. InvalidArgument naming the problem when the body is not a
// JSON object, `id` is not a string, `status` is not running/completed/
// failed, or a present field has the wrong type or an unparsable RFC 3339
// timestamp.
absl::StatusOr<TaskResult> ParseTaskResult(absl::string_view body);

// "running", "completed", "failed".
absl::string_view TaskStateName(TaskState state);

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_TASK_JSON_H_
