// `seiplan simulate FILE`: reconcile each SeiNode against a simulated world
// until its plans are done, printing every transition.
#ifndef SEI_CMD_SEIPLAN_SIMULATE_COMMAND_H_
#define SEI_CMD_SEIPLAN_SIMULATE_COMMAND_H_

#include "cmd/seiplan/command_context.h"

namespace sei::seiplan {

// Runs reconciles (ResolvePlan, then executor passes) on virtual time, as
// the operator would, until the node is Running with nothing left to do or
// its phase is Failed. Each line is prefixed with the virtual time elapsed.
// kExitRejected when a node is invalid, a plan cannot be built, or a plan
// fails.
int RunSimulate(const CommandContext& ctx);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_SIMULATE_COMMAND_H_
