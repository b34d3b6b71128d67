// The platform settings the planner's decisions depend on. The adapter fills
// it from the operator's environment (SEI_* variables); the planner never
// reads the environment itself.
#ifndef SEI_LIB_PLANNER_CORE_PLANNER_CONFIG_H_
#define SEI_LIB_PLANNER_CORE_PLANNER_CONFIG_H_

#include <string>

namespace sei::planner {

struct PlannerConfig {
  // SEI_SIDECAR_IMAGE: the sidecar image when spec.sidecar.image is empty,
  // and the baseline for sidecar drift detection.
  std::string default_sidecar_image;
};

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_PLANNER_CONFIG_H_
