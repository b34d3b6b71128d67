#include "lib/controlplane/sidecar/task_record.h"

#include "lib/controlplane/sidecar/go_json.h"

namespace sei::controlplane::sidecar {

absl::string_view TaskStatusName(TaskStatus status) {
  switch (status) {
    case TaskStatus::kRunning:
      return "running";
    case TaskStatus::kCompleted:
      return "completed";
    case TaskStatus::kFailed:
      return "failed";
  }
  return "running";
}

nlohmann::ordered_json TaskResultJson(const TaskRecord& record) {
  nlohmann::ordered_json out;
  out["id"] = record.id;
  out["type"] = record.type;
  out["status"] = std::string(TaskStatusName(record.status));
  out["run"] = record.run;
  if (record.params.is_object() && !record.params.empty()) out["params"] = record.params;
  if (!record.error.empty()) out["error"] = record.error;
  out["submittedAt"] = GoTimeString(record.submitted_at);
  if (record.completed_at.has_value()) out["completedAt"] = GoTimeString(*record.completed_at);
  return out;
}

}  // namespace sei::controlplane::sidecar
