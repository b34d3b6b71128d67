#include "cmd/operator/run_operator.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "lib/controller/common/random_uuid.h"
#include "lib/controller/manager/manager_metrics.h"
#include "lib/controller/manager/operator_manager.h"
#include "lib/controller/reporting/operator_metrics.h"
#include "lib/controller/reporting/runtime_reporters.h"
#include "lib/k8s/config_sources.h"
#include "lib/k8s/observed_kube_client.h"
#include "lib/k8s/rest_client.h"
#include "lib/k8s/token_source.h"
#include "lib/runtime/clock/clock.h"
#include "lib/runtime/events/event_recorder.h"
#include "lib/runtime/http/endpoint_server.h"
#include "lib/runtime/http/health_checks.h"
#include "lib/runtime/http/standard_endpoints.h"
#include "lib/runtime/leaderelection/leader_elector.h"
#include "lib/runtime/logging/logger.h"
#include "lib/runtime/metrics/registry.h"
#include "lib/runtime/signals/shutdown_signals.h"
#include "lib/sidecar/http_sidecar_client_factory.h"
#include "lib/sidecar/observed_sidecar_client.h"
#include "lib/tasks/platform/platform_config.h"
#include "lib/tasks/platform/process_env.h"

namespace sei::operator_cli {
namespace {

// Long enough for a slow first LIST of a large namespace, short enough that
// a missing CRD or RBAC rule surfaces as a clear exit rather than a hang.
constexpr absl::Duration kCacheSyncTimeout = absl::Seconds(60);

// How this process names itself: the pod name in a cluster, else the host.
std::string InstanceName() {
  if (const char* pod = std::getenv("POD_NAME"); pod != nullptr && *pod != '\0') return pod;
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) == 0 && host[0] != '\0') return host;
  return "sei-operator";
}

// Why the process must stop, set once by whichever part fails first.
class FatalError {
 public:
  void Set(int exit_code) {
    if (!set_.exchange(true)) {
      exit_code_ = exit_code;
      notification_.Notify();
    }
  }
  bool IsSet() const { return notification_.HasBeenNotified(); }
  int exit_code() const { return exit_code_; }

 private:
  std::atomic<bool> set_{false};
  int exit_code_ = kExitOk;
  absl::Notification notification_;
};

// The sidecar bearer token. The default path exists only inside a pod; an
// operator run from a workstation without it sends no token (and says so),
// while a path the user named must exist.
absl::StatusOr<std::shared_ptr<k8s::TokenSource>> SidecarTokenSource(const Options& o,
                                                                     const runtime::Logger& log) {
  if (o.sidecar_token_file.empty()) return std::shared_ptr<k8s::TokenSource>();
  if (!std::filesystem::exists(o.sidecar_token_file)) {
    if (o.sidecar_token_file == Options().sidecar_token_file) {
      log.Warn("no service-account token; sidecar calls carry no Authorization header",
               {{"path", o.sidecar_token_file}});
      return std::shared_ptr<k8s::TokenSource>();
    }
    return absl::InvalidArgumentError(
        absl::StrCat("--sidecar-token-file: ", o.sidecar_token_file, " does not exist"));
  }
  return std::shared_ptr<k8s::TokenSource>(k8s::TokenSource::FromFile(o.sidecar_token_file));
}

// Binds `address` ("0" disables) with `routes`; logs where it listens.
absl::StatusOr<std::unique_ptr<runtime::EndpointServer>> ServeEndpoints(
    const std::string& address, absl::string_view what,
    std::vector<std::pair<std::string, runtime::EndpointHandler>> routes,
    const runtime::Logger& log) {
  if (address == "0") return std::unique_ptr<runtime::EndpointServer>();
  auto server = std::make_unique<runtime::EndpointServer>(address);
  for (auto& [path, handler] : routes) {
    if (absl::Status s = server->Route(path, std::move(handler)); !s.ok()) return s;
  }
  absl::StatusOr<uint16_t> port = server->Start();
  if (!port.ok()) {
    return absl::Status(port.status().code(),
                        absl::StrCat(what, " endpoint on \"", address, "\": ",
                                     port.status().message()));
  }
  log.Info("serving endpoints", {{"endpoints", what}, {"address", address}, {"port", *port}});
  return server;
}

}  // namespace

int RunOperator(const Options& o) {
  runtime::LoggerOptions logger_options;
  logger_options.level = *runtime::ParseLogLevel(o.log_level);     // validated by ValidateOptions
  logger_options.format = *runtime::ParseLogFormat(o.log_format);  // likewise
  const runtime::Logger root(logger_options);
  const runtime::Logger log = root.WithName("setup");
  runtime::Clock* clock = runtime::RealClock();

  absl::StatusOr<const absl::Notification*> shutdown = runtime::InstallShutdownSignalHandlers();
  if (!shutdown.ok()) {
    log.Error("cannot install signal handlers", {{"error", shutdown.status()}});
    return kExitFailure;
  }

  // Platform configuration first: a missing SEI_* variable is a deployment
  // mistake to report before touching the cluster.
  absl::StatusOr<tasks::PlatformConfig> platform = tasks::LoadPlatformConfig(tasks::ProcessEnv());
  if (!platform.ok()) {
    log.Error("invalid platform configuration", {{"error", platform.status()}});
    return kExitUsage;
  }

  k8s::ConfigSourceOptions sources;
  sources.kubeconfig_path = o.kubeconfig;
  sources.context = o.kube_context;
  absl::StatusOr<k8s::ResolvedConfig> resolved = k8s::ResolveClusterConfig(sources);
  if (!resolved.ok()) {
    log.Error("no usable Kubernetes configuration", {{"error", resolved.status()}});
    return kExitFailure;
  }
  resolved->config.qps = o.kube_api_qps;
  resolved->config.burst = o.kube_api_burst;
  resolved->config.timeout = o.kube_api_timeout;
  absl::StatusOr<std::unique_ptr<k8s::RestKubeClient>> rest =
      k8s::RestKubeClient::Create(resolved->config);
  if (!rest.ok()) {
    log.Error("cannot create the Kubernetes client", {{"error", rest.status()}});
    return kExitFailure;
  }
  log.Info("connecting to Kubernetes",
           {{"source", resolved->source}, {"server", resolved->config.server}});

  runtime::metrics::Registry registry;
  absl::StatusOr<controller::OperatorMetrics> operator_metrics =
      controller::OperatorMetrics::Register(&registry);
  absl::StatusOr<controller::ManagerMetrics> manager_metrics =
      controller::ManagerMetrics::Register(&registry);
  if (!operator_metrics.ok() || !manager_metrics.ok()) {
    log.Error("cannot register metrics",
              {{"error", operator_metrics.ok() ? manager_metrics.status()
                                               : operator_metrics.status()}});
    return kExitFailure;
  }
  const controller::ManagerMetrics* metrics = &*manager_metrics;
  k8s::ObservedKubeClient kube(rest->get(), [metrics](const k8s::ApiRequest& request) {
    metrics->ObserveApiRequest(request.verb, request.resource->plural, request.code);
  });

  absl::StatusOr<std::shared_ptr<k8s::TokenSource>> token = SidecarTokenSource(o, log);
  if (!token.ok()) {
    log.Error("invalid sidecar configuration", {{"error", token.status()}});
    return kExitUsage;
  }
  sidecar::HttpSidecarClientFactoryOptions sidecar_options;
  sidecar_options.url_template = o.sidecar_url_template;
  sidecar_options.client.token_source = *token;
  absl::StatusOr<std::unique_ptr<sidecar::HttpSidecarClientFactory>> http_sidecars =
      sidecar::HttpSidecarClientFactory::Create(sidecar_options);
  if (!http_sidecars.ok()) {
    log.Error("invalid sidecar configuration", {{"error", http_sidecars.status()}});
    return kExitUsage;
  }
  sidecar::ObservedSidecarClientFactory sidecars(
      http_sidecars->get(), [metrics](const sidecar::SidecarCall& call) {
        metrics->ObserveSidecarCall(call.call, call.outcome);
      });

  const std::string instance = InstanceName();
  runtime::EventRecorder node_events(&kube, {"seinode-controller", instance}, clock,
                                     root);
  runtime::EventRecorder task_events(&kube, {"seinodetask-controller", instance}, clock,
                                     root);
  controller::RuntimeNodeReporter node_reporter(&node_events, *operator_metrics,
                                                root.WithName("seinode-controller"));
  controller::RuntimeTaskReporter task_reporter(&task_events, *operator_metrics,
                                                root.WithName("seinodetask-controller"));

  controller::OperatorManagerDeps deps;
  deps.kube = &kube;
  deps.sidecars = &sidecars;
  deps.platform = &*platform;
  deps.node_reporter = &node_reporter;
  deps.task_reporter = &task_reporter;
  deps.metrics = metrics;
  deps.registry = &registry;
  deps.clock = clock;
  deps.logger = root.WithName("manager");
  controller::OperatorManagerOptions manager_options;
  manager_options.namespaces = o.namespaces;
  manager_options.workers = o.workers;
  manager_options.resync = o.resync;
  absl::StatusOr<std::unique_ptr<controller::OperatorManager>> created =
      controller::OperatorManager::Create(deps, manager_options);
  if (!created.ok()) {
    log.Error("cannot create the controller manager", {{"error", created.status()}});
    return kExitFailure;
  }
  controller::OperatorManager& manager = **created;

  FatalError fatal;
  std::atomic<bool> shutting_down{false};
  std::unique_ptr<runtime::LeaderElector> elector;
  // What the readiness check (on a server thread) reads of the elector.
  std::atomic<const runtime::LeaderElector*> candidate{nullptr};

  // Endpoints come up before the election so a standby replica answers its
  // probes. Ready: a standby always (it must not block a rolling update);
  // the leader once its caches have synced.
  runtime::HealthChecks healthz("healthz");
  runtime::HealthChecks readyz("readyz");
  (void)healthz.Add("ping", runtime::PingCheck());
  (void)readyz.Add("ping", runtime::PingCheck());
  (void)readyz.Add("controllers", [&]() -> absl::Status {
    const runtime::LeaderElector* e = candidate.load();
    if (e != nullptr && !e->IsLeader()) return absl::OkStatus();
    return manager.Synced() ? absl::OkStatus()
                            : absl::UnavailableError("informer caches not synced");
  });
  absl::StatusOr<std::unique_ptr<runtime::EndpointServer>> metrics_server = ServeEndpoints(
      o.metrics_bind_address, "metrics", {{"/metrics", runtime::MetricsEndpoint(&registry)}}, log);
  if (!metrics_server.ok()) {
    log.Error("cannot serve metrics", {{"error", metrics_server.status()}});
    return kExitFailure;
  }
  absl::StatusOr<std::unique_ptr<runtime::EndpointServer>> probe_server = ServeEndpoints(
      o.health_probe_bind_address, "health probes",
      {{"/healthz", runtime::HealthEndpoint(&healthz)},
       {"/readyz", runtime::HealthEndpoint(&readyz)}},
      log);
  if (!probe_server.ok()) {
    log.Error("cannot serve health probes", {{"error", probe_server.status()}});
    return kExitFailure;
  }

  // Starting waits for the caches; it runs on a thread of its own so the
  // leader elector's callback returns at once and renewals go on.
  std::thread starter;
  auto start_manager = [&] {
    starter = std::thread([&] {
      absl::Status started = manager.Start(kCacheSyncTimeout);
      if (!started.ok() && !absl::IsCancelled(started)) {
        log.Error("controllers could not start", {{"error", started}});
        fatal.Set(kExitFailure);
      }
    });
  };

  std::thread election;
  if (o.leader_election.enabled) {
    runtime::LeaderElectionConfig config;
    config.lease_name = o.leader_election.lease_name;
    config.lease_namespace = o.leader_election.lease_namespace;
    config.identity = absl::StrCat(instance, "_", controller::RandomUuid());
    config.lease_duration = o.leader_election.lease_duration;
    config.renew_deadline = o.leader_election.renew_deadline;
    config.retry_period = o.leader_election.retry_period;
    // The callbacks run on the election thread after this block has ended:
    // they capture what they need by value.
    const std::string identity = config.identity;
    runtime::LeaderCallbacks callbacks;
    callbacks.on_started_leading = [&log, &start_manager, identity] {
      log.Info("became the leader; starting controllers", {{"identity", identity}});
      start_manager();
    };
    callbacks.on_stopped_leading = [&log, &manager, &shutting_down, &fatal, identity] {
      manager.Stop();
      if (!shutting_down.load()) {
        // Another replica may act now: this one can no longer be sure it is
        // alone, so it exits and restarts as a candidate.
        log.Error("lost the leader-election lease; exiting", {{"identity", identity}});
        fatal.Set(kExitFailure);
      }
    };
    callbacks.on_new_leader = [&log, identity](const std::string& holder) {
      log.Info("leader observed", {{"leader", holder}, {"self", holder == identity}});
    };
    absl::StatusOr<std::unique_ptr<runtime::LeaderElector>> made = runtime::LeaderElector::Create(
        &kube, config, callbacks, clock, root);
    if (!made.ok()) {
      log.Error("invalid leader election settings", {{"error", made.status()}});
      return kExitUsage;
    }
    elector = *std::move(made);
    candidate.store(elector.get());
    log.Info("waiting to become the leader",
             {{"lease", absl::StrCat(config.lease_namespace, "/", config.lease_name)},
              {"identity", config.identity}});
    election = std::thread([&] { elector->Run(); });
  } else {
    log.Info("leader election disabled; starting controllers");
    start_manager();
  }

  while (!(*shutdown)->WaitForNotificationWithTimeout(absl::Milliseconds(100))) {
    if (fatal.IsSet()) break;
  }
  shutting_down.store(true);
  log.Info(fatal.IsSet() ? "stopping after a fatal error" : "shutdown signal received; draining");
  if (elector != nullptr) {
    // Run() stops the controllers (on_stopped_leading) before it releases
    // the Lease, so no successor acts while a reconcile is still in flight.
    elector->Stop();
    election.join();
  }
  manager.Stop();
  if (starter.joinable()) starter.join();
  if (*metrics_server != nullptr) (*metrics_server)->Stop();
  if (*probe_server != nullptr) (*probe_server)->Stop();
  const int code = fatal.IsSet() ? fatal.exit_code() : kExitOk;
  log.Info("operator stopped", {{"exitCode", code}});
  return code;
}

}  // namespace sei::operator_cli
