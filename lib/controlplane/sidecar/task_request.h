// The POST /v0/tasks body, TaskRequest (sidecar-protocol.md §5), decoded the
// way the reference's Go handler decodes it.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_TASK_REQUEST_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_TASK_REQUEST_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

struct TaskRequest {
  std::string id;    // "" when absent or null
  std::string type;  // "" when absent or null
  // The `params` value as sent (member order kept); null when absent.
  nlohmann::ordered_json params;
};

// json.NewDecoder(body).Decode(&TaskRequest{}): the first JSON value of the
// body (trailing bytes ignored) must be an object or null; `id`, `type` and
// `params` match ignoring case (the last matching key wins) and must be a
// string, a string and an object respectively, or null; unknown fields are
// ignored. nullopt means §6.1 step 1, `invalid request body`.
std::optional<TaskRequest> DecodeTaskRequest(absl::string_view body);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_TASK_REQUEST_H_
