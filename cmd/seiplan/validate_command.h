// `seiplan validate FILE`: every rule violation of every object.
#ifndef SEI_CMD_SEIPLAN_VALIDATE_COMMAND_H_
#define SEI_CMD_SEIPLAN_VALIDATE_COMMAND_H_

#include "cmd/seiplan/command_context.h"

namespace sei::seiplan {

// Prints one line per violation ("<object>: <path>: <message>"), then a
// summary. kExitRejected when any object has a violation.
int RunValidate(const CommandContext& ctx);

}  // namespace sei::seiplan

#endif  // SEI_CMD_SEIPLAN_VALIDATE_COMMAND_H_
