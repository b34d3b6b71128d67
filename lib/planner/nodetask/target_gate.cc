#include "lib/planner/nodetask/target_gate.h"

#include "lib/planner/core/wire_names.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/core/conditions.h"
#include "lib/planner/core/time_util.h"
#include "lib/planner/validation/go_duration.h"

namespace sei::planner::nodetask {
namespace {

constexpr absl::Duration kDefaultRequirePhaseTimeout = absl::Minutes(5);

void SetTargetReady(v1alpha1::SeiNodeTask* task, absl::string_view status, absl::string_view reason,
                    absl::string_view message, absl::Time now) {
  SetCondition(task->mutable_status()->mutable_conditions(),
               {kConditionTargetReady, status, reason, message}, task->metadata().generation(),
               now);
}

Failure TargetResolveFailed(std::string message) {
  return Failure{std::string(kReasonTargetResolveFailed), std::move(message)};
}

// Marks the target confirmed absent (D2, D3).
Failure TargetNotFound(v1alpha1::SeiNodeTask* task, absl::Time now) {
  std::string message =
      TargetNotFoundMessage(task->spec().target().node_ref().name(), task->metadata().namespace_());
  SetTargetReady(task, kConditionFalse, kReasonTargetNotFound, message, now);
  return TargetResolveFailed(std::move(message));
}

}  // namespace

absl::string_view NodePhaseName(v1alpha1::NodePhase phase) { return WireName(phase); }

v1alpha1::NodePhase EffectiveRequirePhase(const v1alpha1::SeiNodeTaskTarget& target) {
  return target.require_phase() == v1alpha1::NODE_PHASE_UNSPECIFIED ? v1alpha1::NODE_PHASE_RUNNING
                                                                    : target.require_phase();
}

absl::StatusOr<absl::Duration> EffectiveRequirePhaseTimeout(
    const v1alpha1::SeiNodeTaskTarget& target) {
  const std::string& text = target.require_phase_timeout();
  if (text.empty()) return kDefaultRequirePhaseTimeout;
  absl::StatusOr<absl::Duration> parsed = ParseGoDuration(text);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("spec.target.requirePhaseTimeout \"", text,
                     "\" is not a valid Go duration: ", parsed.status().message()));
  }
  return parsed;
}

std::string TargetNotFoundMessage(absl::string_view name, absl::string_view ns) {
  return absl::StrCat("target SeiNode \"", name, "\" not found in namespace \"", ns, "\"");
}

void EnsureTargetReadyCondition(v1alpha1::SeiNodeTask* task, absl::Time now) {
  if (FindCondition(task->status().conditions(), kConditionTargetReady) != nullptr) return;
  SetTargetReady(task, kConditionUnknown, kReasonResolving,
                 absl::StrCat("resolving target ", task->spec().target().node_ref().name()), now);
}

GateResult ApplyTargetGate(v1alpha1::SeiNodeTask* task, const TargetLookup& target,
                           absl::Time now) {
  absl::StatusOr<absl::Duration> timeout = EffectiveRequirePhaseTimeout(task->spec().target());
  if (!timeout.ok()) {
    return {GateResult::Kind::kFailed,
            Failure{std::string(kReasonInvalidSpec), std::string(timeout.status().message())}};
  }
  if (target.kind == TargetLookup::Kind::kNotFound) {
    return {GateResult::Kind::kFailed, TargetNotFound(task, now)};
  }

  const std::string& name = task->spec().target().node_ref().name();
  const absl::string_view want = NodePhaseName(EffectiveRequirePhase(task->spec().target()));
  v1alpha1::SeiNodeTaskStatus* status = task->mutable_status();
  const bool found = target.kind == TargetLookup::Kind::kFound;
  const absl::string_view current = found ? NodePhaseName(target.node->status().phase()) : "";
  if (found && current == want) {
    status->clear_target_first_observed_at();
    SetTargetReady(task, kConditionTrue, kReasonPhaseMet,
                   absl::StrCat("target ", name, " is ", want), now);
    return {GateResult::Kind::kPhaseMet, {}};
  }

  // Not met, or not known (D3): the wait is bounded from the first such look.
  if (!status->has_target_first_observed_at()) {
    StampTime(now, status->mutable_target_first_observed_at());
  }
  if (now - FromTimestamp(status->target_first_observed_at()) > *timeout) {
    std::string message =
        absl::StrCat("target \"", name, "\" did not reach phase \"", want, "\" within ",
                     FormatGoDuration(*timeout), " (current: \"", current, "\")");
    SetTargetReady(task, kConditionFalse, kReasonResolveTimeout, message, now);
    return {GateResult::Kind::kFailed, TargetResolveFailed(std::move(message))};
  }
  if (found) {
    SetTargetReady(
        task, kConditionFalse, kReasonPhaseNotMet,
        absl::StrCat("waiting for target ", name, " to reach ", want, " (current: ", current, ")"),
        now);
  } else {
    SetTargetReady(task, kConditionUnknown, kReasonResolving,
                   absl::StrCat("resolving target ", name, ": ", target.error), now);
  }
  return {GateResult::Kind::kWaiting, {}};
}

std::optional<Failure> CheckDispatchedTarget(v1alpha1::SeiNodeTask* task,
                                             const TargetLookup& target, absl::Time now) {
  if (target.kind != TargetLookup::Kind::kNotFound) return std::nullopt;
  return TargetNotFound(task, now);
}

}  // namespace sei::planner::nodetask
