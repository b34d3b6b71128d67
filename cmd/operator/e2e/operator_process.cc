#include "cmd/operator/e2e/operator_process.h"

#include <signal.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cmd/operator/e2e/test_paths.h"
#include "cmd/operator/e2e/wait_for.h"

namespace sei::e2e {
namespace {

std::string Flag(absl::string_view name, absl::string_view value) {
  return absl::StrCat("--", name, "=", value);
}

std::string DurationFlag(absl::string_view name, absl::Duration value) {
  return Flag(name, absl::FormatDuration(value));
}

// A log file name in `dir` not used yet: <name>.log, <name>-2.log, ...
std::string FreshLogPath(const std::string& dir, const std::string& name) {
  std::error_code error;
  std::string path = absl::StrCat(dir, "/", name, ".log");
  for (int n = 2; std::filesystem::exists(path, error); ++n) {
    path = absl::StrCat(dir, "/", name, "-", n, ".log");
  }
  return path;
}

}  // namespace

absl::StatusOr<std::unique_ptr<OperatorProcess>> OperatorProcess::Start(const E2eCluster& cluster,
                                                                        OperatorOptions options) {
  absl::StatusOr<std::string> binary = RunfilePath("cmd/operator/operator");
  if (!binary.ok()) return binary.status();
  absl::StatusOr<std::string> env_file = RunfilePath("config/local-platform.env");
  if (!env_file.ok()) return env_file.status();
  absl::StatusOr<std::vector<std::string>> platform = ReadEnvFile(*env_file);
  if (!platform.ok()) return platform.status();

  std::map<std::string, std::string> env_map;
  for (const std::string& entry : *platform) {
    const size_t eq = entry.find('=');
    env_map[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const std::string& key : options.unset_env) env_map.erase(key);
  env_map["POD_NAME"] = options.name;
  env_map["PATH"] = "/usr/bin:/bin";
  for (const auto& [key, value] : options.env) env_map[key] = value;
  std::vector<std::string> env;
  for (const auto& [key, value] : env_map) env.push_back(absl::StrCat(key, "=", value));

  std::unique_ptr<OperatorProcess> process(new OperatorProcess());
  process->options_ = std::move(options);
  const OperatorOptions& o = process->options_;
  process->argv_ = {
      *binary,
      Flag("kubeconfig", cluster.kubeconfig_path()),
      Flag("sidecar-url-template", cluster.sidecar_url_template()),
      Flag("sidecar-token-file", cluster.sidecar_token_path()),
      Flag("metrics-bind-address", "127.0.0.1:0"),
      Flag("health-probe-bind-address", "127.0.0.1:0"),
      Flag("log-format", "json"),
      Flag("leader-elect", o.leader_elect ? "true" : "false"),
      DurationFlag("kube-api-timeout", o.kube_api_timeout),
  };
  if (o.leader_elect) {
    process->argv_.push_back(DurationFlag("leader-election-lease-duration", o.lease_duration));
    process->argv_.push_back(DurationFlag("leader-election-renew-deadline", o.renew_deadline));
    process->argv_.push_back(DurationFlag("leader-election-retry-period", o.retry_period));
  }
  process->argv_.insert(process->argv_.end(), o.extra_flags.begin(), o.extra_flags.end());
  process->log_path_ = FreshLogPath(cluster.dir(), o.name);
  {
    // The command line first, so the log file alone tells how it ran.
    std::ofstream log(process->log_path_);
    log << "# " << absl::StrJoin(process->argv_, " ") << "\n";
  }
  absl::StatusOr<pid_t> pid =
      StartProcess(process->argv_, env, process->log_path_, process->log_path_);
  if (!pid.ok()) return pid.status();
  process->pid_ = *pid;
  return process;
}

OperatorProcess::~OperatorProcess() {
  if (pid_ > 0 && !exit_status_.has_value()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

std::vector<std::string> OperatorProcess::LogLines() const {
  std::ifstream in(log_path_, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const std::string text = bytes.str();
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  // The last element is "" after a final newline, or a line still being
  // written: neither is a line yet.
  if (!lines.empty()) lines.pop_back();
  return lines;
}

std::vector<nlohmann::json> OperatorProcess::LogRecords() const {
  std::vector<nlohmann::json> records;
  for (const std::string& line : LogLines()) {
    if (line.empty() || line.front() != '{') continue;
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (record.is_object()) records.push_back(std::move(record));
  }
  return records;
}

std::vector<nlohmann::json> OperatorProcess::LogRecordsWithMessage(
    absl::string_view message) const {
  std::vector<nlohmann::json> matching;
  for (nlohmann::json& record : LogRecords()) {
    if (record.value("msg", "") == message) matching.push_back(std::move(record));
  }
  return matching;
}

std::string OperatorProcess::LogTail(size_t count) const {
  std::vector<std::string> lines = LogLines();
  const size_t first = lines.size() > count ? lines.size() - count : 0;
  return absl::StrCat("[", log_path_, ", last ", lines.size() - first, " lines]\n",
                      absl::StrJoin(lines.begin() + first, lines.end(), "\n"));
}

absl::StatusOr<nlohmann::json> OperatorProcess::WaitForLog(absl::string_view message,
                                                           absl::Duration timeout) {
  std::optional<nlohmann::json> found;
  bool exited = false;
  absl::Status waited = WaitFor(
      absl::StrCat("operator ", name(), " to log \"", message, "\""),
      [&](std::string* seen) {
        std::vector<nlohmann::json> records = LogRecordsWithMessage(message);
        if (!records.empty()) {
          found = std::move(records.front());
          return true;
        }
        if (!Running()) {
          exited = true;
          return true;
        }
        *seen = LogTail(15);
        return false;
      },
      timeout);
  if (!waited.ok()) return waited;
  if (!found.has_value()) {
    return absl::FailedPreconditionError(
        absl::StrCat("operator ", name(), " ended (", exited ? exit_status_->ToString() : "?",
                     ") before logging \"", message, "\"; ", LogTail()));
  }
  return *std::move(found);
}

absl::StatusOr<uint16_t> OperatorProcess::EndpointPort(absl::string_view endpoints,
                                                       absl::Duration timeout) {
  uint16_t port = 0;
  absl::Status waited = WaitFor(
      absl::StrCat("operator ", name(), " to log where it serves its ", endpoints, " endpoints"),
      [&](std::string* seen) {
        for (const nlohmann::json& record : LogRecordsWithMessage("serving endpoints")) {
          if (record.value("endpoints", "") == endpoints && record.contains("port") &&
              record["port"].is_number_unsigned()) {
            port = record["port"].get<uint16_t>();
            return true;
          }
        }
        if (!Running()) {
          *seen = absl::StrCat("the process ended (", exit_status_->ToString(), "); ", LogTail());
          return true;
        }
        *seen = LogTail(10);
        return false;
      },
      timeout);
  if (!waited.ok()) return waited;
  if (port == 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("operator ", name(), " ended without serving its ", endpoints,
                     " endpoints: ", exit_status_->ToString(), "; ", LogTail()));
  }
  return port;
}

absl::StatusOr<uint16_t> OperatorProcess::MetricsPort(absl::Duration timeout) {
  return EndpointPort("metrics", timeout);
}

absl::StatusOr<uint16_t> OperatorProcess::HealthProbePort(absl::Duration timeout) {
  return EndpointPort("health probes", timeout);
}

absl::StatusOr<std::vector<MetricSample>> OperatorProcess::Metrics() {
  absl::StatusOr<uint16_t> port = MetricsPort();
  if (!port.ok()) return port.status();
  absl::StatusOr<HttpReply> reply = HttpGet(*port, "/metrics");
  if (!reply.ok()) return reply.status();
  if (reply->code != 200) {
    return absl::UnavailableError(
        absl::StrCat("GET /metrics of operator ", name(), ": ", reply->code, " ", reply->body));
  }
  return ParsePrometheusText(reply->body);
}

bool OperatorProcess::Running() {
  if (exit_status_.has_value()) return false;
  return !Reap(absl::ZeroDuration()).ok();
}

absl::StatusOr<ExitStatus> OperatorProcess::Reap(absl::Duration timeout) {
  if (exit_status_.has_value()) return *exit_status_;
  absl::StatusOr<ExitStatus> status = WaitForExit(pid_, timeout);
  if (status.ok()) exit_status_ = *status;
  return status;
}

absl::StatusOr<ExitStatus> OperatorProcess::Terminate(absl::Duration timeout) {
  if (exit_status_.has_value()) return *exit_status_;
  kill(pid_, SIGTERM);
  absl::StatusOr<ExitStatus> status = Reap(timeout);
  if (status.ok()) return status;
  kill(pid_, SIGKILL);
  absl::StatusOr<ExitStatus> killed = Reap(absl::Seconds(10));
  return absl::DeadlineExceededError(absl::StrCat(
      "operator ", name(), " still running ", absl::FormatDuration(timeout),
      " after SIGTERM; SIGKILLed (", killed.ok() ? killed->ToString() : killed.status().ToString(),
      "); ", LogTail()));
}

absl::StatusOr<ExitStatus> OperatorProcess::Kill() {
  if (exit_status_.has_value()) return *exit_status_;
  kill(pid_, SIGKILL);
  return Reap(absl::Seconds(10));
}

}  // namespace sei::e2e
