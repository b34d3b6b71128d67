#include "lib/planner/plan/drift.h"

#include "absl/strings/str_cat.h"

namespace sei::planner {

std::string EffectiveSidecarImage(const v1alpha1::SeiNodeSpec& spec, const PlannerConfig& config) {
  return spec.sidecar().image().empty() ? config.default_sidecar_image : spec.sidecar().image();
}

ImageDrift DetectImageDrift(const v1alpha1::SeiNode& node, const PlannerConfig& config) {
  const v1alpha1::SeiNodeStatus& status = node.status();
  ImageDrift drift;
  drift.image = node.spec().image() != status.current_image();
  drift.sidecar = !status.current_sidecar_image().empty() &&
                  EffectiveSidecarImage(node.spec(), config) != status.current_sidecar_image();
  return drift;
}

std::string DriftMessage(const v1alpha1::SeiNode& node, const PlannerConfig& config,
                         const ImageDrift& drift) {
  const std::string& spec_image = node.spec().image();
  const std::string& current = node.status().current_image();
  const std::string& current_sidecar = node.status().current_sidecar_image();
  if (drift.image && drift.sidecar) {
    return absl::StrCat("image drift detected: seid spec=", spec_image, " current=", current,
                        "; sidecar spec=", EffectiveSidecarImage(node.spec(), config),
                        " current=", current_sidecar);
  }
  if (drift.sidecar) {
    return absl::StrCat("sidecar image drift detected: spec=",
                        EffectiveSidecarImage(node.spec(), config), " current=", current_sidecar);
  }
  if (drift.image) {
    return absl::StrCat("image drift detected: spec=", spec_image, " current=", current);
  }
  return "";
}

}  // namespace sei::planner
