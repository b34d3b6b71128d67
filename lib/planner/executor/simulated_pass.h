// A whole executor pass driven by a callback instead of a real adapter: the
// loop BeginPass → (perform, Observe)* → kRequeue/kStop that the operator's
// adapter runs, reusable by tests and by the `seiplan simulate` CLI.
#ifndef SEI_LIB_PLANNER_EXECUTOR_SIMULATED_PASS_H_
#define SEI_LIB_PLANNER_EXECUTOR_SIMULATED_PASS_H_

#include <functional>
#include <string>
#include <vector>

#include "lib/planner/executor/action.h"
#include "lib/planner/executor/executor_env.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// Performs one action and reports the outcome. `task` points at the planned
// task the action addresses, or is nullptr for kObserveRollout; it is valid
// only during the call.
using PerformFn =
    std::function<Observation(const Action& action, const v1alpha1::PlannedTask* task)>;

struct PassResult {
  // The step that ended the pass: kRequeue or kStop.
  Step final_step;
  // Every step's note in order, the final step's included.
  std::vector<std::string> notes;
  // How many actions were performed.
  int actions = 0;
};

// The most actions one pass may perform before RunPass gives up:
// 4 × task count + 8 (a task needs at most start, progress, resubmit and
// progress again; the rest covers the closing rollout check).
int MaxActionsPerPass(const v1alpha1::SeiNode& node);

// Runs one pass over node->status().plan(). If the executor asks for more
// than MaxActionsPerPass actions, the pass ends with a kStop step whose note
// reports the runaway instead of looping.
PassResult RunPass(v1alpha1::SeiNode* node, const ExecutorEnv& env, const PerformFn& perform);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_SIMULATED_PASS_H_
