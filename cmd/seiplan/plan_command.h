// `seiplan plan FILE`: the plan the operator would persist for each SeiNode,
// and the task each SeiNodeTask would synthesize.
#ifndef SEI_CMD_SEIPLAN_PLAN_COMMAND_H_
#define SEI_CMD_SEIPLAN_PLAN_COMMAND_H_

#include "cmd/seiplan/command_context.h"

namespace sei::seiplan {

// Table output: a heading per object and the plan table. JSON/YAML output:
// status.plan exactly as persisted (`null` when no plan is needed); several
// objects give a JSON array / a YAML stream. kExitRejected when any object
// is invalid or its plan cannot be built.
int RunPlan(const CommandContext& ctx);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_PLAN_COMMAND_H_
