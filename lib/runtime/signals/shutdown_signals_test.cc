#include "lib/runtime/signals/shutdown_signals.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace sei::runtime {
namespace {

// Runs in a fresh child process (signal handlers are process-wide state):
// installs the handlers, raises `first`, and reports through its exit status:
// 10 = notified and still running, 20 = not notified within the timeout.
// With `second` set, it raises that after being notified, which must end the
// process with status 1 before the code after raise() runs (30).
int RunChild(int first, int second) {
  const pid_t pid = fork();
  if (pid == 0) {
    absl::StatusOr<const absl::Notification*> shutdown = InstallShutdownSignalHandlers();
    if (!shutdown.ok()) _exit(40);
    if (InstallShutdownSignalHandlers().status().code() != absl::StatusCode::kFailedPrecondition) {
      _exit(41);
    }
    if ((*shutdown)->HasBeenNotified()) _exit(42);
    raise(first);
    if (!(*shutdown)->WaitForNotificationWithTimeout(absl::Seconds(20))) _exit(20);
    if (second == 0) _exit(10);
    raise(second);
    _exit(30);
  }
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

TEST_CASE("SIGTERM notifies shutdown and the process keeps running") {
  CHECK(RunChild(SIGTERM, 0) == 10);
}

TEST_CASE("SIGINT notifies shutdown too") { CHECK(RunChild(SIGINT, 0) == 10); }

TEST_CASE("A second signal exits at once with status 1") {
  CHECK(RunChild(SIGTERM, SIGINT) == 1);
  CHECK(RunChild(SIGINT, SIGINT) == 1);
}

}  // namespace
}  // namespace sei::runtime
