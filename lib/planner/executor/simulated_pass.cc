#include "lib/planner/executor/simulated_pass.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/executor/plan_executor.h"
#include "lib/planner/executor/step_factory.h"

namespace sei::planner {

int MaxActionsPerPass(const v1alpha1::SeiNode& node) {
  return 4 * node.status().plan().tasks_size() + 8;
}

PassResult RunPass(v1alpha1::SeiNode* node, const ExecutorEnv& env, const PerformFn& perform) {
  PassResult result;
  const int limit = MaxActionsPerPass(*node);
  Step step = BeginPass(node, env);
  result.notes.push_back(step.note);
  while (step.kind == Step::Kind::kPerform) {
    if (result.actions == limit) {
      step = StopStep(
          absl::StrCat("pass stopped after ", limit, " actions without reaching requeue or stop"));
      result.notes.push_back(step.note);
      break;
    }
    const Action action = step.action;
    const v1alpha1::PlannedTask* task =
        action.task_index >= 0 && action.task_index < node->status().plan().tasks_size()
            ? &node->status().plan().tasks(action.task_index)
            : nullptr;
    Observation obs = perform(action, task);
    ++result.actions;
    step = Observe(node, action, obs, env);
    result.notes.push_back(step.note);
  }
  result.final_step = step;
  return result;
}

}  // namespace sei::planner
