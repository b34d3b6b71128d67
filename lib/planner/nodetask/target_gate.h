// Target resolution of a SeiNodeTask (nodetask.md §5, §11.1 step 5 as fixed
// by D2, D3, D7 and D10): the requirePhase gate before synthesis, and the
// existence check after it.
#ifndef SEI_LIB_PLANNER_NODETASK_TARGET_GATE_H_
#define SEI_LIB_PLANNER_NODETASK_TARGET_GATE_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/planner/nodetask/reasons.h"
#include "proto/sei/v1alpha1/seinode.pb.h"
#include "proto/sei/v1alpha1/seinodetask.pb.h"

namespace sei::planner::nodetask {

// What the reconciler learned about spec.target.nodeRef.name (D3).
struct TargetLookup {
  enum class Kind {
    kFound,     // `node` is the (cached) target
    kNotFound,  // absence confirmed by an uncached GET
    kError,     // any other read error, or an unconfirmed NotFound: transient
  };
  Kind kind = Kind::kError;
  const v1alpha1::SeiNode* node = nullptr;  // kFound only
  std::string error;                        // kError only

  static TargetLookup Found(const v1alpha1::SeiNode& node) { return {Kind::kFound, &node, ""}; }
  static TargetLookup NotFound() { return {Kind::kNotFound, nullptr, ""}; }
  static TargetLookup Error(std::string error) { return {Kind::kError, nullptr, std::move(error)}; }
};

// The wire spelling of a node phase, e.g. "Running"; "" for an absent phase.
absl::string_view NodePhaseName(v1alpha1::NodePhase phase);

// spec.target.requirePhase, or Running when absent (§5).
v1alpha1::NodePhase EffectiveRequirePhase(const v1alpha1::SeiNodeTaskTarget& target);

// spec.target.requirePhaseTimeout parsed as a Go duration, 5 min when empty
// (§5). Unparsable → InvalidArgument naming the field and value (D10).
absl::StatusOr<absl::Duration> EffectiveRequirePhaseTimeout(
    const v1alpha1::SeiNodeTaskTarget& target);

// `target SeiNode "<n>" not found in namespace "<ns>"` (§10.2).
std::string TargetNotFoundMessage(absl::string_view name, absl::string_view ns);

// Adds TargetReady=Unknown/Resolving when the condition is absent (D2: present
// from the first reconcile on).
void EnsureTargetReadyCondition(v1alpha1::SeiNodeTask* task, absl::Time now);

// The gate's verdict for one reconcile of a task not yet synthesized.
struct GateResult {
  enum class Kind {
    kPhaseMet,  // synthesize now
    kWaiting,   // requeue (5 s) and look again
    kFailed,    // mark Failed with `failure`
  };
  Kind kind = Kind::kWaiting;
  Failure failure;  // kFailed only
};

// The requirePhase gate (applies only while status.task is null, D7). Writes
// the TargetReady condition and status.targetFirstObservedAt; never touches
// the phase or the Failed condition.
//
//   bad requirePhaseTimeout   → kFailed InvalidSpec (D10)
//   confirmed NotFound        → TargetReady False/TargetNotFound; kFailed
//                               TargetResolveFailed (D2, D3)
//   phase met                 → clear targetFirstObservedAt; TargetReady
//                               True/PhaseMet; kPhaseMet
//   phase not met, or lookup  → stamp targetFirstObservedAt if null; once
//   error (D3)                  now − it > requirePhaseTimeout (strictly):
//                               TargetReady False/ResolveTimeout, kFailed
//                               TargetResolveFailed; else TargetReady
//                               False/PhaseNotMet (Unknown/Resolving for a
//                               lookup error) and kWaiting
GateResult ApplyTargetGate(v1alpha1::SeiNodeTask* task, const TargetLookup& target, absl::Time now);

// After synthesis (D7) the target's phase is ignored; only a confirmed
// absence matters: TargetReady False/TargetNotFound and a TargetResolveFailed
// failure. nullopt otherwise (TargetReady untouched).
std::optional<Failure> CheckDispatchedTarget(v1alpha1::SeiNodeTask* task,
                                             const TargetLookup& target, absl::Time now);

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_TARGET_GATE_H_
