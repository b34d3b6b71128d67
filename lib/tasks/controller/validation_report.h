// The shared ending of the validating tasks (import PVC, signing key, node
// key, operator keyring — tasks.md §3.1–§3.4): a verdict becomes a condition
// on the owning node and the matching Execute result. Not ready means
// waiting (re-checked every pass); invalid fails the plan.
#ifndef SEI_LIB_TASKS_CONTROLLER_VALIDATION_REPORT_H_
#define SEI_LIB_TASKS_CONTROLLER_VALIDATION_REPORT_H_

#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "lib/tasks/controller/task_context.h"
#include "lib/tasks/controller/task_result.h"

namespace sei::tasks {

struct Validation {
  enum class Kind {
    kValid,     // condition True, task complete
    kNotReady,  // condition False <not ready reason>, task waits
    kInvalid,   // condition False <invalid reason>, terminal error
  };
  Kind kind = Kind::kValid;
  std::string message;

  static Validation Valid(std::string message) { return {Kind::kValid, std::move(message)}; }
  static Validation NotReady(std::string message) { return {Kind::kNotReady, std::move(message)}; }
  static Validation Invalid(std::string message) { return {Kind::kInvalid, std::move(message)}; }
};

// A condition type and its three reasons, e.g. ImportPVCReady with
// PVCValidated / PVCNotReady / PVCInvalid.
struct ValidationCondition {
  absl::string_view type;
  absl::string_view valid_reason;
  absl::string_view not_ready_reason;
  absl::string_view invalid_reason;
};

// Upserts the condition on ctx.node (which must be set) with the verdict's
// message, stamped with metadata.generation and ctx.now, and returns Done,
// Waiting or Terminal carrying the same message.
ExecuteResult ReportValidation(TaskContext& ctx, const ValidationCondition& condition,
                               const Validation& verdict);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_VALIDATION_REPORT_H_
