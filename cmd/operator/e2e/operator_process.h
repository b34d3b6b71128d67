// The operator binary (//cmd/operator, a `data` dependency of the test) run
// as a real child process against an E2eCluster, the way a Deployment would
// run it: the SEI_* platform configuration of config/local-platform.env in
// its environment, the cluster's kubeconfig, sidecar URL template and token
// on its command line, /metrics and the health probes on ephemeral loopback
// ports. Its stderr (JSON log lines) goes to <cluster dir>/<name>.log, which
// tests read while it runs and which stays behind after a failure.
//
//   absl::StatusOr<std::unique_ptr<OperatorProcess>> op =
//       OperatorProcess::Start(*cluster, {"operator"});
//   REQUIRE(op.status() == absl::OkStatus());
//   REQUIRE((*op)->WaitForLog("caches synced; controllers started").status() ==
//           absl::OkStatus());
//   ...
//   absl::StatusOr<ExitStatus> exit = (*op)->Terminate();  // SIGTERM, drained
#ifndef SEI_CMD_OPERATOR_E2E_OPERATOR_PROCESS_H_
#define SEI_CMD_OPERATOR_E2E_OPERATOR_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "cmd/operator/e2e/e2e_cluster.h"
#include "cmd/operator/e2e/http_get.h"
#include "cmd/operator/e2e/prometheus_text.h"
#include "cmd/operator/e2e/subprocess.h"

namespace sei::e2e {

struct OperatorOptions {
  // The process's POD_NAME (the first part of its leader-election identity
  // and of its events' reportingInstance) and its log file's name.
  std::string name = "operator";
  // --leader-elect. Off by default: a single operator needs no Lease.
  bool leader_elect = false;
  // With leader_elect: short enough that a failover takes seconds.
  absl::Duration lease_duration = absl::Seconds(4);
  absl::Duration renew_deadline = absl::Seconds(3);
  absl::Duration retry_period = absl::Seconds(1);
  // --kube-api-timeout; must be shorter than renew_deadline.
  absl::Duration kube_api_timeout = absl::Seconds(2);
  // Appended after the fixture's flags (a later flag wins).
  std::vector<std::string> extra_flags;
  // Environment entries added to, or replacing, the platform configuration.
  std::map<std::string, std::string> env;
  // Platform variables to leave out.
  std::vector<std::string> unset_env;
};

class OperatorProcess {
 public:
  // Starts the operator. Returns once the process runs; it may still fail
  // to start its controllers (WaitForLog tells). Errors: the binary or the
  // platform env file missing from the runfiles, fork/exec failures.
  static absl::StatusOr<std::unique_ptr<OperatorProcess>> Start(const E2eCluster& cluster,
                                                                OperatorOptions options = {});
  ~OperatorProcess();  // SIGKILLs and reaps the process if it still runs

  OperatorProcess(const OperatorProcess&) = delete;
  OperatorProcess& operator=(const OperatorProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& name() const { return options_.name; }
  const std::string& log_path() const { return log_path_; }
  // The full command line, for failure messages.
  const std::vector<std::string>& argv() const { return argv_; }

  // The log so far: every line, and the JSON ones parsed (others skipped).
  std::vector<std::string> LogLines() const;
  std::vector<nlohmann::json> LogRecords() const;
  // The parsed lines whose "msg" is `message`.
  std::vector<nlohmann::json> LogRecordsWithMessage(absl::string_view message) const;
  // The last `count` lines, for failure messages.
  std::string LogTail(size_t count = 30) const;
  // Waits for the first line with "msg" == `message` and returns it. The
  // timeout error carries the log's tail; a process that exits first fails
  // at once with its exit status.
  absl::StatusOr<nlohmann::json> WaitForLog(absl::string_view message,
                                            absl::Duration timeout = absl::Seconds(60));

  // The ports logged as `"msg":"serving endpoints","endpoints":"metrics"`
  // and `... "health probes"` (waits for the line).
  absl::StatusOr<uint16_t> MetricsPort(absl::Duration timeout = absl::Seconds(30));
  absl::StatusOr<uint16_t> HealthProbePort(absl::Duration timeout = absl::Seconds(30));
  // GET /metrics, parsed.
  absl::StatusOr<std::vector<MetricSample>> Metrics();

  // Whether the process is still running (reaps it when it has ended).
  bool Running();
  // How it ended, once it has.
  std::optional<ExitStatus> exit_status() const { return exit_status_; }

  // SIGTERM, then waits up to `timeout` for the exit. On timeout the
  // process is SIGKILLed and the error says so.
  absl::StatusOr<ExitStatus> Terminate(absl::Duration timeout = absl::Seconds(30));
  // SIGKILL (a crash: no drain, no Lease release), reaped before returning.
  absl::StatusOr<ExitStatus> Kill();

 private:
  OperatorProcess() = default;
  absl::StatusOr<uint16_t> EndpointPort(absl::string_view endpoints, absl::Duration timeout);
  // Reaps the process within `timeout`, remembering how it ended.
  absl::StatusOr<ExitStatus> Reap(absl::Duration timeout);

  OperatorOptions options_;
  std::vector<std::string> argv_;
  std::string log_path_;
  pid_t pid_ = -1;
  std::optional<ExitStatus> exit_status_;
};

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_OPERATOR_PROCESS_H_
