// The sidecar health probe's effect on status (plans.md §13.4): the
// `SidecarReady` condition. The caller performs the HTTP probe (GET
// /v0/healthz, 2 s timeout) and hands the observed result in; only
// False/NotReady later triggers a mark-ready re-approval plan (§8.5).
#ifndef SEI_LIB_PLANNER_PLAN_SIDECAR_HEALTH_H_
#define SEI_LIB_PLANNER_PLAN_SIDECAR_HEALTH_H_

#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

namespace sidecar_ready {
inline constexpr absl::string_view kType = "SidecarReady";
inline constexpr absl::string_view kReasonReady = "Ready";
inline constexpr absl::string_view kReasonNotReady = "NotReady";
inline constexpr absl::string_view kReasonUnreachable = "Unreachable";
}  // namespace sidecar_ready

// What the healthz probe observed.
struct SidecarHealth {
  enum class State {
    kReady,        // 200
    kNotReady,     // 503: the sidecar lost its ready flag (e.g. restarted)
    kUnreachable,  // transport error or any other status code
  };
  State state = State::kUnreachable;
  std::string error;  // kUnreachable only: the error text

  static SidecarHealth Ready() { return {State::kReady, ""}; }
  static SidecarHealth NotReady() { return {State::kNotReady, ""}; }
  static SidecarHealth Unreachable(std::string error) {
    return {State::kUnreachable, std::move(error)};
  }
};

// Upserts SidecarReady per §13.4 (True/Ready `sidecar returned 200`,
// False/NotReady `sidecar returned 503, re-issuing mark-ready`,
// Unknown/Unreachable `sidecar Healthz error: <err>`), with
// observedGeneration = metadata.generation.
void ApplySidecarHealth(const SidecarHealth& health, absl::Time now, v1alpha1::SeiNode* node);

// The probe-outcome metric label: "ready", "not_ready", "unreachable".
absl::string_view ProbeOutcomeLabel(const SidecarHealth& health);

// True iff SidecarReady is False with reason NotReady: the only state that
// asks for a mark-ready re-approval plan (§8.5); Unknown never does.
bool SidecarAwaitsMarkReady(const v1alpha1::SeiNode& node);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_SIDECAR_HEALTH_H_
