// A scripted stand-in for the adapter layer in executor tests: every action
// succeeds unless an outcome was queued for that (task, action kind), and
// every performed action is logged.
#ifndef SEI_LIB_PLANNER_EXECUTOR_FAKE_ADAPTER_H_
#define SEI_LIB_PLANNER_EXECUTOR_FAKE_ADAPTER_H_

#include <deque>
#include <map>
#include <utility>
#include <vector>

#include "lib/planner/executor/action.h"
#include "lib/planner/executor/simulated_pass.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

class FakeAdapter {
 public:
  // Queues outcomes for `kind` on task `index` (-1: the rollout check); once
  // consumed, the default applies: Execute/Submit ok, QueryStatus/Poll
  // complete, ObserveRollout done.
  void Script(int index, ActionKind kind, std::vector<Observation> outcomes);

  // Outcome of one action; logs it.
  Observation Perform(const Action& action, const v1alpha1::PlannedTask* task);

  // Adapts Perform to RunPass.
  PerformFn Fn() {
    return [this](const Action& a, const v1alpha1::PlannedTask* t) { return Perform(a, t); };
  }

  // Actions performed so far, in order.
  const std::vector<Action>& log() const { return log_; }
  void ClearLog() { log_.clear(); }
  // How many logged actions match `kind` on task `index`.
  int Count(int index, ActionKind kind) const;

 private:
  std::map<std::pair<int, ActionKind>, std::deque<Observation>> scripted_;
  std::vector<Action> log_;
};

// Shorthands for observations.
Observation Obs(Observation::Kind kind, std::string message = "");

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_FAKE_ADAPTER_H_
