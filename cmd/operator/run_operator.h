// The operator process once its flags are valid: connect to the API server,
// serve /metrics, /healthz and /readyz, take the leader-election Lease (when
// enabled), run the controller manager while leading, and shut down cleanly
// on SIGTERM/SIGINT — drain the work queues, then release the Lease so a
// standby replica takes over at once.
#ifndef SEI_CMD_OPERATOR_RUN_OPERATOR_H_
#define SEI_CMD_OPERATOR_RUN_OPERATOR_H_

#include "cmd/operator/options.h"

namespace sei::operator_cli {

// Exit codes of the operator binary.
inline constexpr int kExitOk = 0;           // shut down on a signal, lease released
inline constexpr int kExitFailure = 1;      // could not start, or lost leadership
inline constexpr int kExitUsage = 2;        // bad flags or platform configuration

// Runs until a shutdown signal or a fatal error; returns the exit code.
// Logs why it stopped.
int RunOperator(const Options& options);

}  // namespace sei::operator_cli

#endif  // SEI_CMD_OPERATOR_RUN_OPERATOR_H_
