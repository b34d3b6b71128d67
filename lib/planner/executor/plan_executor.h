// The plan executor as a pure state machine (plans.md §12 with the product
// fixes of §17 D1, D2, D3, D10, D11, D12 and sidecar-protocol.md §14 H1-H3).
//
// A pass over status.plan is a conversation with the adapter layer:
//
//   Step step = BeginPass(&node, env);
//   while (step.kind == Step::Kind::kPerform) {
//     Observation obs = <perform step.action: Kubernetes call / sidecar HTTP>;
//     step = Observe(&node, step.action, obs, env);
//   }
//   // kRequeue: run the next pass after step.requeue_after; kStop: done.
//
// The executor does no I/O and reads no clock; it mutates only
// node->mutable_status() and never touches spec or metadata. The caller
// flushes the status once per reconcile (plans.md §16).
#ifndef SEI_LIB_PLANNER_EXECUTOR_PLAN_EXECUTOR_H_
#define SEI_LIB_PLANNER_EXECUTOR_PLAN_EXECUTOR_H_

#include "lib/planner/executor/action.h"
#include "lib/planner/executor/executor_env.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// Begins a pass over node->status().plan(): no plan, or a Complete/Failed
// plan → kStop; otherwise the action on the current task (the first task that
// is not Complete): kExecute for controller tasks; for sidecar tasks kSubmit
// when submittedAt is unset and kPoll when it is set (poll before resubmit,
// H1/D10). A task of a type missing from the catalogue fails the plan. When
// every task is Complete the plan completes (init plans first ask for
// kObserveRollout, D1).
Step BeginPass(v1alpha1::SeiNode* node, const ExecutorEnv& env);

// Applies what the adapter observed when performing `action` and returns the
// next step of the same pass. An observation that does not fit the current
// state (plan not executable, wrong task index, action of the wrong side,
// outcome the action cannot produce, poll of a never-submitted attempt, ...)
// leaves the node untouched and returns kStop with a note naming the mismatch.
Step Observe(v1alpha1::SeiNode* node, const Action& action, const Observation& obs,
             const ExecutorEnv& env);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_EXECUTOR_PLAN_EXECUTOR_H_
