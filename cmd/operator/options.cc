#include "cmd/operator/options.h"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

ABSL_FLAG(std::string, kubeconfig, "",
          "Path to a kubeconfig. Default: $KUBECONFIG; without either the in-cluster "
          "service account is used.");
ABSL_FLAG(std::string, context, "", "kubeconfig context (default: its current-context).");
ABSL_FLAG(double, kube_api_qps, 50,
          "Client-side rate limit for Kubernetes API calls (per second).");
ABSL_FLAG(int, kube_api_burst, 100, "Burst allowed above --kube-api-qps.");
ABSL_FLAG(absl::Duration, kube_api_timeout, absl::Seconds(8),
          "Deadline of one Kubernetes API request (watches excepted).");
ABSL_FLAG(std::string, namespaces, "",
          "Comma-separated namespaces to watch; empty watches all namespaces.");
ABSL_FLAG(int, workers, 4, "Concurrent reconciles per controller.");
ABSL_FLAG(absl::Duration, resync, absl::Minutes(10),
          "Safety resync of a settled Running SeiNode; 0 disables it.");
ABSL_FLAG(std::string, sidecar_url_template,
          "http://{name}-0.{name}.{namespace}.svc.cluster.local:8443",
          "URL of a node's sidecar; {name} and {namespace} are replaced.");
ABSL_FLAG(std::string, sidecar_token_file, "/var/run/secrets/kubernetes.io/serviceaccount/token",
          "Bearer token sent to sidecars (re-read when it changes); empty sends none.");
ABSL_FLAG(std::string, metrics_bind_address, ":8080", "Where /metrics is served; \"0\" disables.");
ABSL_FLAG(std::string, health_probe_bind_address, ":8081",
          "Where /healthz and /readyz are served; \"0\" disables.");
ABSL_FLAG(bool, leader_elect, true,
          "Elect a leader on a coordination.k8s.io Lease so only one replica acts.");
ABSL_FLAG(std::string, leader_election_id, "bc1f5b0a.sei.io", "Name of the leader-election Lease.");
ABSL_FLAG(std::string, leader_election_namespace, "",
          "Namespace of the Lease (default: $POD_NAMESPACE, else \"default\").");
ABSL_FLAG(absl::Duration, leader_election_lease_duration, absl::Seconds(15),
          "How long a lease is valid without renewal.");
ABSL_FLAG(absl::Duration, leader_election_renew_deadline, absl::Seconds(10),
          "How long the leader retries renewing before it gives up leading.");
ABSL_FLAG(absl::Duration, leader_election_retry_period, absl::Seconds(2),
          "How often candidates try to acquire or renew.");
ABSL_FLAG(std::string, log_level, "info", "debug, info, warn or error.");
ABSL_FLAG(std::string, log_format, "json", "json (one object per line) or text.");
// Accepted for compatibility with the reference's manager flags; the values
// they would turn on are not offered, so anything but false is refused.
ABSL_FLAG(bool, metrics_secure, false, "Serve metrics over HTTPS (not supported: must be false).");
ABSL_FLAG(bool, enable_http2, false, "Allow HTTP/2 (not supported: must be false).");

namespace sei::operator_cli {
namespace {

absl::Status FlagError(absl::string_view flag, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", why));
}

}  // namespace

std::vector<std::string> UnderscoreFlagNames(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  out.reserve(args.size());
  bool after_terminator = false;
  for (const std::string& arg : args) {
    if (after_terminator || arg == "--" || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      after_terminator = after_terminator || arg == "--";
      out.push_back(arg);
      continue;
    }
    std::string rewritten = arg;
    const size_t name_end = std::min(rewritten.find('='), rewritten.size());
    std::replace(rewritten.begin() + 2, rewritten.begin() + name_end, '-', '_');
    out.push_back(std::move(rewritten));
  }
  return out;
}

absl::Status ValidateOptions(const Options& o) {
  if (o.kube_api_qps <= 0) return FlagError("kube-api-qps", "must be positive");
  if (o.kube_api_burst < 1) return FlagError("kube-api-burst", "must be at least 1");
  if (o.kube_api_timeout <= absl::ZeroDuration()) {
    return FlagError("kube-api-timeout", "must be positive");
  }
  if (o.leader_election.enabled && o.kube_api_timeout >= o.leader_election.renew_deadline) {
    return FlagError("kube-api-timeout", "must be shorter than --leader-election-renew-deadline");
  }
  if (o.workers < 1 || o.workers > 64) return FlagError("workers", "must be between 1 and 64");
  if (o.resync < absl::ZeroDuration()) return FlagError("resync", "must not be negative");
  if (o.sidecar_url_template.find("{name}") == std::string::npos) {
    return FlagError("sidecar-url-template", "must contain {name}");
  }
  const LeaderElectionOptions& le = o.leader_election;
  if (le.enabled) {
    if (le.lease_name.empty()) return FlagError("leader-election-id", "must not be empty");
    if (le.retry_period <= absl::ZeroDuration()) {
      return FlagError("leader-election-retry-period", "must be positive");
    }
    if (le.renew_deadline <= le.retry_period) {
      return FlagError("leader-election-renew-deadline",
                       "must be longer than --leader-election-retry-period");
    }
    if (le.lease_duration <= le.renew_deadline) {
      return FlagError("leader-election-lease-duration",
                       "must be longer than --leader-election-renew-deadline");
    }
  }
  if (o.log_level != "debug" && o.log_level != "info" && o.log_level != "warn" &&
      o.log_level != "error") {
    return FlagError("log-level", absl::StrCat("unknown level \"", o.log_level,
                                               "\"; use debug, info, warn or error"));
  }
  if (o.log_format != "json" && o.log_format != "text") {
    return FlagError("log-format",
                     absl::StrCat("unknown format \"", o.log_format, "\"; use json or text"));
  }
  return absl::OkStatus();
}

absl::StatusOr<Options> OptionsFromFlags() {
  if (absl::GetFlag(FLAGS_metrics_secure)) {
    return FlagError("metrics-secure", "HTTPS metrics are not supported; leave it false");
  }
  if (absl::GetFlag(FLAGS_enable_http2)) {
    return FlagError("enable-http2", "HTTP/2 is not supported; leave it false");
  }
  Options o;
  o.kubeconfig = absl::GetFlag(FLAGS_kubeconfig);
  if (o.kubeconfig.empty()) {
    if (const char* env = std::getenv("KUBECONFIG"); env != nullptr) {
      // Like kubectl, take the first file of a path list.
      std::vector<std::string> paths = absl::StrSplit(env, ':');
      o.kubeconfig = paths.front();
    }
  }
  o.kube_context = absl::GetFlag(FLAGS_context);
  o.kube_api_qps = absl::GetFlag(FLAGS_kube_api_qps);
  o.kube_api_burst = absl::GetFlag(FLAGS_kube_api_burst);
  o.kube_api_timeout = absl::GetFlag(FLAGS_kube_api_timeout);
  for (absl::string_view ns :
       absl::StrSplit(absl::GetFlag(FLAGS_namespaces), ',', absl::SkipWhitespace())) {
    o.namespaces.emplace_back(absl::StripAsciiWhitespace(ns));
  }
  o.workers = absl::GetFlag(FLAGS_workers);
  o.resync = absl::GetFlag(FLAGS_resync);
  o.sidecar_url_template = absl::GetFlag(FLAGS_sidecar_url_template);
  o.sidecar_token_file = absl::GetFlag(FLAGS_sidecar_token_file);
  o.metrics_bind_address = absl::GetFlag(FLAGS_metrics_bind_address);
  o.health_probe_bind_address = absl::GetFlag(FLAGS_health_probe_bind_address);
  o.leader_election.enabled = absl::GetFlag(FLAGS_leader_elect);
  o.leader_election.lease_name = absl::GetFlag(FLAGS_leader_election_id);
  o.leader_election.lease_namespace = absl::GetFlag(FLAGS_leader_election_namespace);
  if (o.leader_election.lease_namespace.empty()) {
    const char* pod_ns = std::getenv("POD_NAMESPACE");
    o.leader_election.lease_namespace = pod_ns != nullptr && *pod_ns != '\0' ? pod_ns : "default";
  }
  o.leader_election.lease_duration = absl::GetFlag(FLAGS_leader_election_lease_duration);
  o.leader_election.renew_deadline = absl::GetFlag(FLAGS_leader_election_renew_deadline);
  o.leader_election.retry_period = absl::GetFlag(FLAGS_leader_election_retry_period);
  o.log_level = absl::GetFlag(FLAGS_log_level);
  o.log_format = absl::GetFlag(FLAGS_log_format);
  if (absl::Status s = ValidateOptions(o); !s.ok()) return s;
  return o;
}

}  // namespace sei::operator_cli
