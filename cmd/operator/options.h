// The operator binary's configuration: its command-line flags (tasks.md §6.1
// "Manager flags" plus what a production operator needs), validated into one
// struct before anything starts. Platform settings come from SEI_*
// environment variables instead (lib/tasks/platform).
#ifndef SEI_CMD_OPERATOR_OPTIONS_H_
#define SEI_CMD_OPERATOR_OPTIONS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sei::operator_cli {

struct LeaderElectionOptions {
  bool enabled = true;
  std::string lease_name = "bc1f5b0a.sei.io";
  std::string lease_namespace;  // empty: $POD_NAMESPACE, else "default"
  absl::Duration lease_duration = absl::Seconds(15);
  absl::Duration renew_deadline = absl::Seconds(10);
  absl::Duration retry_period = absl::Seconds(2);
};

struct Options {
  // Where the API server is: a kubeconfig file (--kubeconfig, else
  // $KUBECONFIG), or the in-cluster service account when neither is given.
  std::string kubeconfig;
  std::string kube_context;  // empty: the kubeconfig's current-context
  double kube_api_qps = 50;
  int kube_api_burst = 100;
  // Shorter than the leader election's renew deadline, so one hung request
  // cannot make the leader miss its renewal.
  absl::Duration kube_api_timeout = absl::Seconds(8);

  std::vector<std::string> namespaces;  // empty: every namespace
  int workers = 4;                      // per controller
  // Safety resync of a settled Running node (plans.md D8); 0 disables it.
  absl::Duration resync = absl::Minutes(10);

  std::string sidecar_url_template = "http://{name}-0.{name}.{namespace}.svc.cluster.local:8443";
  std::string sidecar_token_file = "/var/run/secrets/kubernetes.io/serviceaccount/token";

  std::string metrics_bind_address = ":8080";
  std::string health_probe_bind_address = ":8081";
  LeaderElectionOptions leader_election;

  std::string log_level = "info";   // debug | info | warn | error
  std::string log_format = "json";  // json | text
};

// Abseil spells flags with underscores; the manager flags users know
// (tasks.md §6.1: --leader-elect, --metrics-bind-address, ...) use dashes.
// Rewrites every `--some-flag[=v]` argument's name to `--some_flag[=v]`;
// values and positional arguments are left alone.
std::vector<std::string> UnderscoreFlagNames(const std::vector<std::string>& args);

// Reads the flags (absl::ParseCommandLine must have run) and validates them.
// Errors are InvalidArgument, one line naming the flag.
absl::StatusOr<Options> OptionsFromFlags();

// The same checks on an already filled struct (tests).
absl::Status ValidateOptions(const Options& options);

}  // namespace sei::operator_cli

#endif  // SEI_CMD_OPERATOR_OPTIONS_H_
