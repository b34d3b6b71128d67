#include "lib/runtime/signals/shutdown_signals.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::runtime {
namespace {

// Process-wide by nature: signal dispositions are.
std::atomic<bool> installed{false};
std::atomic<int> signals_received{0};
int wake_pipe[2] = {-1, -1};

// Only async-signal-safe calls here: an atomic, write(2) and _exit(2).
void OnShutdownSignal(int) {
  if (signals_received.fetch_add(1) > 0) _exit(1);
  const char byte = 1;
  const int saved_errno = errno;  // the interrupted code may be reading errno
  [[maybe_unused]] const ssize_t written = write(wake_pipe[1], &byte, 1);
  errno = saved_errno;
}

absl::Status ErrnoError(const char* what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

}  // namespace

absl::StatusOr<const absl::Notification*> InstallShutdownSignalHandlers() {
  if (installed.exchange(true)) {
    return absl::FailedPreconditionError("shutdown signal handlers are already installed");
  }
  if (pipe2(wake_pipe, O_CLOEXEC) != 0) return ErrnoError("pipe2");
  // The handler must never block, even if the reader thread fell behind.
  if (fcntl(wake_pipe[1], F_SETFL, O_NONBLOCK) != 0) return ErrnoError("fcntl");

  // Never destroyed: a signal may arrive while static destructors run.
  auto* shutdown = new absl::Notification();
  std::thread([shutdown] {
    char byte;
    while (true) {
      const ssize_t n = read(wake_pipe[0], &byte, 1);
      if (n == 1) break;
      if (n < 0 && errno == EINTR) continue;
      return;  // the pipe broke: no signal can be delivered through it
    }
    shutdown->Notify();
  }).detach();

  struct sigaction action;
  std::memset(&action, 0, sizeof(action));
  action.sa_handler = OnShutdownSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (const int signal_number : {SIGTERM, SIGINT}) {
    if (sigaction(signal_number, &action, nullptr) != 0) return ErrnoError("sigaction");
  }
  return shutdown;
}

}  // namespace sei::runtime
