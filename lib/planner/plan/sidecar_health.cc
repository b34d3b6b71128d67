#include "lib/planner/plan/sidecar_health.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/core/conditions.h"

namespace sei::planner {

void ApplySidecarHealth(const SidecarHealth& health, absl::Time now, v1alpha1::SeiNode* node) {
  ConditionUpdate update{sidecar_ready::kType, kConditionUnknown,
                         sidecar_ready::kReasonUnreachable, ""};
  std::string unreachable_message;  // the only message that is not a literal
  switch (health.state) {
    case SidecarHealth::State::kReady:
      update.status = kConditionTrue;
      update.reason = sidecar_ready::kReasonReady;
      update.message = "sidecar returned 200";
      break;
    case SidecarHealth::State::kNotReady:
      update.status = kConditionFalse;
      update.reason = sidecar_ready::kReasonNotReady;
      update.message = "sidecar returned 503, re-issuing mark-ready";
      break;
    case SidecarHealth::State::kUnreachable:
      unreachable_message = absl::StrCat("sidecar Healthz error: ", health.error);
      update.message = unreachable_message;
      break;
  }
  SetCondition(node->mutable_status()->mutable_conditions(), update,
               node->metadata().generation(), now);
}

absl::string_view ProbeOutcomeLabel(const SidecarHealth& health) {
  switch (health.state) {
    case SidecarHealth::State::kReady: return "ready";
    case SidecarHealth::State::kNotReady: return "not_ready";
    case SidecarHealth::State::kUnreachable: return "unreachable";
  }
  return "unreachable";
}

bool SidecarAwaitsMarkReady(const v1alpha1::SeiNode& node) {
  const v1alpha1::Condition* condition =
      FindCondition(node.status().conditions(), sidecar_ready::kType);
  return condition != nullptr && condition->status() == kConditionFalse &&
         condition->reason() == sidecar_ready::kReasonNotReady;
}

}  // namespace sei::planner
