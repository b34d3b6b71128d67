#include "lib/planner/executor/fake_adapter.h"

#include <algorithm>
#include <string>

namespace sei::planner {

void FakeAdapter::Script(int index, ActionKind kind, std::vector<Observation> outcomes) {
  std::deque<Observation>& queue = scripted_[{index, kind}];
  queue.insert(queue.end(), outcomes.begin(), outcomes.end());
}

Observation FakeAdapter::Perform(const Action& action, const v1alpha1::PlannedTask* /*task*/) {
  log_.push_back(action);
  auto it = scripted_.find({action.task_index, action.kind});
  if (it != scripted_.end() && !it->second.empty()) {
    Observation obs = it->second.front();
    it->second.pop_front();
    return obs;
  }
  switch (action.kind) {
    case ActionKind::kExecute:
    case ActionKind::kSubmit: return Obs(Observation::Kind::kOk);
    case ActionKind::kQueryStatus:
    case ActionKind::kPoll: return Obs(Observation::Kind::kComplete);
    case ActionKind::kObserveRollout: return Obs(Observation::Kind::kRolloutDone);
  }
  return Obs(Observation::Kind::kTransientError, "unreachable");
}

int FakeAdapter::Count(int index, ActionKind kind) const {
  return static_cast<int>(std::count_if(log_.begin(), log_.end(), [&](const Action& a) {
    return a.task_index == index && a.kind == kind;
  }));
}

Observation Obs(Observation::Kind kind, std::string message) {
  return Observation{kind, std::move(message)};
}

}  // namespace sei::planner
