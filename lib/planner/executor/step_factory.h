// Constructors for the three kinds of Step, so every transition states its
// outcome in one expression. Package-private.
#ifndef SEI_LIB_PLANNER_EXECUTOR_STEP_FACTORY_H_
#define SEI_LIB_PLANNER_EXECUTOR_STEP_FACTORY_H_

#include <string>
#include <utility>

#include "absl/time/time.h"
#include "lib/planner/executor/action.h"

namespace sei::planner {

inline Step PerformStep(Action action, std::string note) {
  Step step;
  step.kind = Step::Kind::kPerform;
  step.action = action;
  step.note = std::move(note);
  return step;
}

inline Step RequeueStep(absl::Duration after, std::string note) {
  Step step;
  step.kind = Step::Kind::kRequeue;
  step.requeue_after = after;
  step.note = std::move(note);
  return step;
}

inline Step StopStep(std::string note) {
  Step step;
  step.kind = Step::Kind::kStop;
  step.note = std::move(note);
  return step;
}

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_STEP_FACTORY_H_
