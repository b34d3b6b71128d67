// Graceful shutdown on SIGTERM (kubelet stopping the pod) and SIGINT
// (Ctrl-C), as controller-runtime's SetupSignalHandler: the first signal
// notifies a shutdown notification — the operator then releases its lease,
// drains its work queues and exits — and a second signal exits the process
// at once with status 1, for when a graceful shutdown hangs.
#ifndef SEI_LIB_RUNTIME_SIGNALS_SHUTDOWN_SIGNALS_H_
#define SEI_LIB_RUNTIME_SIGNALS_SHUTDOWN_SIGNALS_H_

#include "absl/status/statusor.h"
#include "absl/synchronization/notification.h"

namespace sei::runtime {

// Installs the handlers (once per process) and returns the notification the
// first signal notifies; it lives as long as the process. A second call
// returns FailedPrecondition: two owners of one process's signals would
// each believe they control shutdown. Internal: the handler only writes a
// byte to a pipe (absl::Notification is not async-signal-safe) and a
// background thread turns that byte into Notify().
absl::StatusOr<const absl::Notification*> InstallShutdownSignalHandlers();

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_SIGNALS_SHUTDOWN_SIGNALS_H_
