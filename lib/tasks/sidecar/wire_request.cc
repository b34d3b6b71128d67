#include "lib/tasks/sidecar/wire_request.h"

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "lib/tasks/sidecar/client_validation.h"
#include "lib/tasks/sidecar/proto_json.h"
#include "lib/tasks/sidecar/wire_params.h"

namespace sei::tasks {

absl::StatusOr<sidecar::TaskRequest> BuildWireRequest(const v1alpha1::PlannedTask& task,
                                                      const v1alpha1::SeiNode& node) {
  absl::StatusOr<google::protobuf::Struct> params =
      BuildWireParams(task.type(), task.params(), node);
  if (!params.ok()) return params.status();
  if (std::optional<std::string> invalid = ValidateWireParams(task.type(), *params)) {
    return absl::InvalidArgumentError(*std::move(invalid));
  }
  sidecar::TaskRequest request;
  request.id = task.id();
  request.type = task.type();
  if (!params->fields().empty()) request.params = StructToJson(*params);
  return request;
}

}  // namespace sei::tasks
