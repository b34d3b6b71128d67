// Child processes of an end-to-end test: short commands (kubectl) run to
// completion with their output captured, and long-lived ones (the operator)
// started with their output going to files a failed test leaves behind.
// Built on fork/exec with an explicit environment, so a child sees exactly
// the variables the test gives it and nothing of the test's own.
//
// Every child is started with PR_SET_PDEATHSIG = SIGKILL: when the thread
// that started it exits (a crashed or timed-out test), the child dies too,
// instead of lingering against a control plane that is gone. Start children
// from the test's main thread.
#ifndef SEI_CMD_OPERATOR_E2E_SUBPROCESS_H_
#define SEI_CMD_OPERATOR_E2E_SUBPROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::e2e {

// How a child ended: exit(code), or killed by signal `signal`.
struct ExitStatus {
  bool exited = false;
  int code = 0;    // when exited
  int signal = 0;  // when !exited

  // "exit code 0", "killed by signal 9 (Killed)".
  std::string ToString() const;
};

struct CommandResult {
  ExitStatus status;
  std::string out;  // everything written to stdout
  std::string err;  // everything written to stderr
};

// Runs argv (argv[0] an absolute path) with the environment `env`
// ("KEY=VALUE" entries) and `stdin_text` as its standard input, to the end.
// Output is buffered in files under `scratch_dir`, so a chatty child never
// blocks on a pipe. DeadlineExceeded after `timeout` (the child is
// SIGKILLed; the message carries what it had written); Internal when it
// cannot be started.
absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv,
                                         const std::vector<std::string>& env,
                                         absl::string_view stdin_text,
                                         const std::string& scratch_dir, absl::Duration timeout);

// Starts argv in the background with `env`, standard input /dev/null and
// stdout and stderr appended to the two files (which may be the same).
// Internal when the program cannot be executed. The caller must reap the
// child (WaitForExit).
absl::StatusOr<pid_t> StartProcess(const std::vector<std::string>& argv,
                                   const std::vector<std::string>& env,
                                   const std::string& stdout_path, const std::string& stderr_path);

// Waits up to `timeout` for the child `pid` to end and reaps it.
// DeadlineExceeded when it is still running (it is left running).
absl::StatusOr<ExitStatus> WaitForExit(pid_t pid, absl::Duration timeout);

// "KEY=VALUE" entries from a file of such lines; blank lines and lines
// starting with '#' are skipped (config/local-platform.env).
absl::StatusOr<std::vector<std::string>> ReadEnvFile(const std::string& path);

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_SUBPROCESS_H_
