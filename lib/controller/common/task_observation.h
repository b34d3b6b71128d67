// A controller task's results as the observation of either executor: the
// SeiNode plan executor (planner::Observation) and the SeiNodeTask state
// machine (planner::nodetask::Observation) use the same outcome names, so one
// mapping serves both.
#ifndef SEI_LIB_CONTROLLER_COMMON_TASK_OBSERVATION_H_
#define SEI_LIB_CONTROLLER_COMMON_TASK_OBSERVATION_H_

#include <string>

#include "lib/tasks/controller/task_result.h"

namespace sei::controller {

template <typename Observation>
Observation MakeObservation(typename Observation::Kind kind, std::string message) {
  Observation obs;
  obs.kind = kind;
  obs.message = std::move(message);
  return obs;
}

// Done and Waiting are both a successful Execute (the Status query decides
// whether the task completed); the errors keep their class.
template <typename Observation>
Observation ObservationFromExecute(const tasks::ExecuteResult& result) {
  using Kind = typename Observation::Kind;
  switch (result.kind) {
    case tasks::ExecuteResult::Kind::kDone:
    case tasks::ExecuteResult::Kind::kWaiting:
      return MakeObservation<Observation>(Kind::kOk, result.message);
    case tasks::ExecuteResult::Kind::kTransientError:
      return MakeObservation<Observation>(Kind::kTransientError, result.message);
    case tasks::ExecuteResult::Kind::kTerminalError:
      return MakeObservation<Observation>(Kind::kTerminalError, result.message);
  }
  return MakeObservation<Observation>(Kind::kTransientError, "unknown execute result");
}

template <typename Observation>
Observation ObservationFromStatus(const tasks::StatusResult& status) {
  using Kind = typename Observation::Kind;
  switch (status.kind) {
    case tasks::StatusResult::Kind::kRunning:
      return MakeObservation<Observation>(Kind::kRunning, status.message);
    case tasks::StatusResult::Kind::kComplete:
      return MakeObservation<Observation>(Kind::kComplete, status.message);
    case tasks::StatusResult::Kind::kFailed:
      return MakeObservation<Observation>(Kind::kFailed, status.message);
  }
  return MakeObservation<Observation>(Kind::kRunning, status.message);
}

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_COMMON_TASK_OBSERVATION_H_
