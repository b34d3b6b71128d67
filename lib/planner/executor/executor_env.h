// Everything from outside the plan that one executor pass depends on. The
// executor reads no clock and no environment: the adapter supplies both.
#ifndef SEI_LIB_PLANNER_EXECUTOR_EXECUTOR_ENV_H_
#define SEI_LIB_PLANNER_EXECUTOR_EXECUTOR_ENV_H_

#include "absl/time/time.h"
#include "lib/planner/core/planner_config.h"

namespace sei::planner {

struct ExecutorEnv {
  // Stamped into submittedAt and phaseTransitionTime (whole seconds).
  absl::Time now = absl::UnixEpoch();
  // default_sidecar_image is the effective sidecar image when
  // spec.sidecar.image is empty (init completion stamping, plans.md D1).
  PlannerConfig config;
};

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_EXECUTOR_ENV_H_
