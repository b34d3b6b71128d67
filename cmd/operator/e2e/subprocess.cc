#include "cmd/operator/e2e/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"

namespace sei::e2e {
namespace {

// NUL-terminated pointer arrays over `strings`, built before fork() so the
// child only calls async-signal-safe functions.
std::vector<char*> CStrings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  out.reserve(strings.size() + 1);
  for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

// In the child: makes `path` descriptor `target`; false on failure.
bool Redirect(const char* path, int flags, int target) {
  const int fd = open(path, flags, 0644);  // no O_CLOEXEC: it becomes `target`
  if (fd < 0) return false;
  if (fd != target) {
    if (dup2(fd, target) < 0) return false;
    close(fd);
  }
  return true;
}

// Forks and executes argv with env and the given standard streams. The exec
// error, if any, comes back through a close-on-exec pipe.
absl::StatusOr<pid_t> Spawn(const std::vector<std::string>& argv,
                            const std::vector<std::string>& env, const std::string& stdin_path,
                            const std::string& stdout_path, const std::string& stderr_path) {
  if (argv.empty()) return absl::InvalidArgumentError("no program to run");
  std::vector<char*> c_argv = CStrings(argv);
  std::vector<char*> c_env = CStrings(env);
  const bool same_output = stdout_path == stderr_path;
  int exec_error[2];
  if (pipe2(exec_error, O_CLOEXEC) != 0) {
    return absl::InternalError(absl::StrCat("pipe2: ", strerror(errno)));
  }
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) {
    const int error = errno;
    close(exec_error[0]);
    close(exec_error[1]);
    return absl::InternalError(absl::StrCat("fork: ", strerror(error)));
  }
  if (pid == 0) {
    // The child: async-signal-safe calls only, until execve.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent is already gone
    // Whatever the test process blocked or ignored must not leak into the
    // child: the operator relies on SIGTERM reaching its handler.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    struct sigaction default_action {};
    default_action.sa_handler = SIG_DFL;
    for (int sig : {SIGPIPE, SIGTERM, SIGINT, SIGHUP}) sigaction(sig, &default_action, nullptr);
    const int append = O_WRONLY | O_CREAT | O_APPEND;
    bool ok = Redirect(stdin_path.c_str(), O_RDONLY, STDIN_FILENO) &&
              Redirect(stdout_path.c_str(), append, STDOUT_FILENO);
    ok = ok && (same_output ? dup2(STDOUT_FILENO, STDERR_FILENO) == STDERR_FILENO
                            : Redirect(stderr_path.c_str(), append, STDERR_FILENO));
    // dup2 clears close-on-exec on the standard descriptors.
    if (ok) execve(c_argv[0], c_argv.data(), c_env.data());
    const int error = errno;
    (void)!write(exec_error[1], &error, sizeof(error));
    _exit(127);
  }
  close(exec_error[1]);
  int error = 0;
  ssize_t got;
  do {
    got = read(exec_error[0], &error, sizeof(error));
  } while (got < 0 && errno == EINTR);
  close(exec_error[0]);
  if (got == static_cast<ssize_t>(sizeof(error))) {
    waitpid(pid, nullptr, 0);
    return absl::InternalError(absl::StrCat("cannot execute ", argv[0], ": ", strerror(error)));
  }
  return pid;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A new empty file under `dir`, named after `stem`.
absl::StatusOr<std::string> TempFile(const std::string& dir, absl::string_view stem) {
  std::string path = absl::StrCat(dir, "/", stem, ".XXXXXX");
  const int fd = mkstemp(path.data());
  if (fd < 0) {
    return absl::InternalError(absl::StrCat("mkstemp in ", dir, ": ", strerror(errno)));
  }
  close(fd);
  return path;
}

}  // namespace

std::string ExitStatus::ToString() const {
  if (exited) return absl::StrCat("exit code ", code);
  return absl::StrCat("killed by signal ", signal, " (", strsignal(signal), ")");
}

absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv,
                                         const std::vector<std::string>& env,
                                         absl::string_view stdin_text,
                                         const std::string& scratch_dir, absl::Duration timeout) {
  absl::StatusOr<std::string> in = TempFile(scratch_dir, "stdin");
  absl::StatusOr<std::string> out = TempFile(scratch_dir, "stdout");
  absl::StatusOr<std::string> err = TempFile(scratch_dir, "stderr");
  for (const auto* file : {&in, &out, &err}) {
    if (!file->ok()) return file->status();
  }
  auto cleanup = [&] {
    unlink(in->c_str());
    unlink(out->c_str());
    unlink(err->c_str());
  };
  {
    std::ofstream stdin_file(*in, std::ios::binary);
    stdin_file << stdin_text;
  }
  absl::StatusOr<pid_t> pid = Spawn(argv, env, *in, *out, *err);
  if (!pid.ok()) {
    cleanup();
    return pid.status();
  }
  absl::StatusOr<ExitStatus> status = WaitForExit(*pid, timeout);
  if (!status.ok()) {
    kill(*pid, SIGKILL);
    waitpid(*pid, nullptr, 0);
  }
  CommandResult result;
  result.out = ReadWholeFile(*out);
  result.err = ReadWholeFile(*err);
  cleanup();
  if (!status.ok()) {
    return absl::DeadlineExceededError(absl::StrCat(
        "`", absl::StrJoin(argv, " "), "` still running after ", absl::FormatDuration(timeout),
        " (killed); stdout: ", result.out, "; stderr: ", result.err));
  }
  result.status = *status;
  return result;
}

absl::StatusOr<pid_t> StartProcess(const std::vector<std::string>& argv,
                                   const std::vector<std::string>& env,
                                   const std::string& stdout_path, const std::string& stderr_path) {
  return Spawn(argv, env, "/dev/null", stdout_path, stderr_path);
}

absl::StatusOr<ExitStatus> WaitForExit(pid_t pid, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  while (true) {
    int raw = 0;
    const pid_t reaped = waitpid(pid, &raw, WNOHANG);
    if (reaped == pid) {
      ExitStatus status;
      status.exited = WIFEXITED(raw);
      if (status.exited) {
        status.code = WEXITSTATUS(raw);
      } else {
        status.signal = WIFSIGNALED(raw) ? WTERMSIG(raw) : 0;
      }
      return status;
    }
    if (reaped < 0 && errno != EINTR) {
      return absl::InternalError(absl::StrCat("waitpid(", pid, "): ", strerror(errno)));
    }
    if (absl::Now() >= deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat("process ", pid, " still running after ", absl::FormatDuration(timeout)));
    }
    absl::SleepFor(absl::Milliseconds(10));
  }
}

absl::StatusOr<std::vector<std::string>> ReadEnvFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::vector<std::string> entries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    absl::string_view text = absl::StripAsciiWhitespace(line);
    if (text.empty() || absl::StartsWith(text, "#")) continue;
    const size_t eq = text.find('=');
    if (eq == absl::string_view::npos || eq == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, ":", number, ": expected KEY=VALUE, got \"", text, "\""));
    }
    entries.emplace_back(text);
  }
  return entries;
}

}  // namespace sei::e2e
