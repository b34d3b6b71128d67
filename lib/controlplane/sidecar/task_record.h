// A row of the sidecar's results store and its wire form, TaskResult
// (sidecar-protocol.md §5, §6.3).
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_TASK_RECORD_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_TASK_RECORD_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

enum class TaskStatus { kRunning, kCompleted, kFailed };

// "running", "completed", "failed".
absl::string_view TaskStatusName(TaskStatus status);

struct TaskRecord {
  std::string id;  // verbatim as submitted (not normalised)
  std::string type;
  TaskStatus status = TaskStatus::kRunning;
  int run = 1;  // 1 on first execution, +1 per re-run of a failed ID
  // As submitted for the current run, after Go's `any` round trip
  // (GoAnyRoundTrip): an object, empty when there were none.
  nlohmann::json params = nlohmann::json::object();
  std::string error;  // handler error text of a failed run
  absl::Time submitted_at;
  std::optional<absl::Time> completed_at;
  // Submission order; breaks submittedAt ties when listing (a fake clock
  // often stands still).
  uint64_t sequence = 0;
};

// TaskResult in the reference's field order: id, type, status, run,
// params (when non-empty), error (when non-empty), submittedAt, completedAt
// (when finished); times in Go's RFC3339Nano UTC form.
nlohmann::ordered_json TaskResultJson(const TaskRecord& record);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_TASK_RECORD_H_
