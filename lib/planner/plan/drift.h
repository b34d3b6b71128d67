// Image drift of a Running node (plans.md §8.4): whether the seid or sidecar
// image in the spec differs from what was last observed rolled out, and the
// NodeUpdateInProgress condition that announces the resulting update.
#ifndef SEI_LIB_PLANNER_PLAN_DRIFT_H_
#define SEI_LIB_PLANNER_PLAN_DRIFT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "lib/planner/core/planner_config.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

namespace node_update_condition {
inline constexpr absl::string_view kType = "NodeUpdateInProgress";
inline constexpr absl::string_view kReasonStarted = "UpdateStarted";
inline constexpr absl::string_view kReasonComplete = "UpdateComplete";
inline constexpr absl::string_view kReasonFailed = "UpdateFailed";
}  // namespace node_update_condition

// spec.sidecar.image when non-empty, else the platform default
// (SEI_SIDECAR_IMAGE).
std::string EffectiveSidecarImage(const v1alpha1::SeiNodeSpec& spec, const PlannerConfig& config);

struct ImageDrift {
  // spec.image != status.currentImage; an empty currentImage counts.
  bool image = false;
  // status.currentSidecarImage != "" and it differs from the effective
  // sidecar image. Empty means "not yet observed", which is never drift.
  bool sidecar = false;

  bool any() const { return image || sidecar; }
};

ImageDrift DetectImageDrift(const v1alpha1::SeiNode& node, const PlannerConfig& config);

// The exact UpdateStarted message for a drift (§8.4); "" when there is none.
std::string DriftMessage(const v1alpha1::SeiNode& node, const PlannerConfig& config,
                         const ImageDrift& drift);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_DRIFT_H_
