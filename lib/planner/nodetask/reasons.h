// The public, stable strings of the SeiNodeTask status: condition types,
// condition reasons and the event type (nodetask.md §10, §15), and the
// failure value every failure path produces.
#ifndef SEI_LIB_PLANNER_NODETASK_REASONS_H_
#define SEI_LIB_PLANNER_NODETASK_REASONS_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sei::planner::nodetask {

// Condition types (§10.1).
inline constexpr absl::string_view kConditionReady = "Ready";
inline constexpr absl::string_view kConditionFailed = "Failed";
inline constexpr absl::string_view kConditionTargetReady = "TargetReady";

// Ready reason (§10.1).
inline constexpr absl::string_view kReasonTaskComplete = "TaskComplete";

// TargetReady reasons (§10.1, D2; TargetNotFound is new in D2).
inline constexpr absl::string_view kReasonResolving = "Resolving";
inline constexpr absl::string_view kReasonPhaseMet = "PhaseMet";
inline constexpr absl::string_view kReasonPhaseNotMet = "PhaseNotMet";
inline constexpr absl::string_view kReasonResolveTimeout = "ResolveTimeout";
inline constexpr absl::string_view kReasonTargetNotFound = "TargetNotFound";

// Failure reasons: Failed condition reason and Warning event reason (§10.2;
// SidecarTaskLost and InvalidSpec are new in §15).
inline constexpr absl::string_view kReasonTargetResolveFailed = "TargetResolveFailed";
inline constexpr absl::string_view kReasonUnsupportedKind = "UnsupportedKind";
inline constexpr absl::string_view kReasonParamsBuildFailed = "ParamsBuildFailed";
inline constexpr absl::string_view kReasonDeserializeFailed = "DeserializeFailed";
inline constexpr absl::string_view kReasonTaskTerminalError = "TaskTerminalError";
inline constexpr absl::string_view kReasonTaskFailed = "TaskFailed";
inline constexpr absl::string_view kReasonTimeout = "Timeout";
inline constexpr absl::string_view kReasonSidecarTaskLost = "SidecarTaskLost";
inline constexpr absl::string_view kReasonInvalidSpec = "InvalidSpec";

// Event type of the failure event (§10.3); reporting component below.
inline constexpr absl::string_view kEventTypeWarning = "Warning";
inline constexpr absl::string_view kEventComponent = "seinodetask-controller";

// Why a task fails: the Failed condition's reason and message (§10.2).
struct Failure {
  std::string reason;
  std::string message;

  bool operator==(const Failure& other) const {
    return reason == other.reason && message == other.message;
  }
};

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_REASONS_H_
