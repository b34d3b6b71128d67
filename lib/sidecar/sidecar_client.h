// The operator's client for one node's sidecar (sidecar-protocol.md §4, §9).
// Tasks and controllers use this interface; http_sidecar_client.h implements
// it over cpprestsdk, and tests can substitute their own.
//
// Errors are absl::Status values classified for the caller:
//   InvalidArgument  - Submit answered 400 (a rejection: terminal, H3)
//   Unavailable      - Submit answered 400 `persist task: …`, 5xx, any other
//                      code, or the network failed (transient)
//   Unauthenticated  - 401 from the in-pod proxy (transient; the cached
//                      token is dropped first, H10)
//   PermissionDenied - 403 from the proxy (transient; the message names the
//                      missing seinodetasks permission, H10)
//   DeadlineExceeded - the call's deadline passed (transient, H7)
//   NotFound         - GetTask answered 404: the sidecar has no such record
//   DataLoss         - a 2xx answer whose body is not what the protocol says
#ifndef SEI_LIB_SIDECAR_SIDECAR_CLIENT_H_
#define SEI_LIB_SIDECAR_SIDECAR_CLIENT_H_

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::sidecar {

// POST /v0/tasks body (§5 TaskRequest). `params` null = omitted.
struct TaskRequest {
  std::string id;
  std::string type;
  nlohmann::json params;
};

enum class TaskState { kRunning, kCompleted, kFailed };

// GET /v0/tasks/{id} (§5 TaskResult).
struct TaskResult {
  std::string id;
  std::string type;
  TaskState state = TaskState::kRunning;
  int64_t run = 0;
  nlohmann::json params;
  std::string error;  // when failed
  std::optional<absl::Time> submitted_at;
  std::optional<absl::Time> completed_at;
};

enum class Health { kReady, kNotReady };  // 200 / 503 of /v0/healthz

// Per-call deadlines (§12, product column).
struct Deadlines {
  absl::Duration submit = absl::Seconds(30);
  absl::Duration poll = absl::Seconds(15);
  absl::Duration health = absl::Seconds(2);
  absl::Duration node_id = absl::Seconds(5);
};

class SidecarClient {
 public:
  virtual ~SidecarClient() = default;
  // 201/202 with a non-nil UUID id → OK (the accepted id is not otherwise
  // needed: the operator always sends its own).
  virtual absl::Status Submit(const TaskRequest& request) = 0;
  virtual absl::StatusOr<TaskResult> GetTask(absl::string_view id) = 0;
  // 200 → kReady, 503 → kNotReady, anything else → an error.
  virtual absl::StatusOr<Health> Healthz() = 0;
  // GET /v0/node-id → the 40-hex node ID.
  virtual absl::StatusOr<std::string> NodeId() = 0;
};

// Builds the client for a node: the URL comes from a template with
// `{name}` and `{namespace}` placeholders (default
// http://{name}-0.{name}.{namespace}.svc.cluster.local:8443, tasks.md §6.3).
class SidecarClientFactory {
 public:
  virtual ~SidecarClientFactory() = default;
  virtual absl::StatusOr<std::unique_ptr<SidecarClient>> ForNode(absl::string_view ns,
                                                                 absl::string_view name) = 0;
};

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_SIDECAR_CLIENT_H_
