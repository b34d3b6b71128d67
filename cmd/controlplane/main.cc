// controlplane: the local Kubernetes-compatible control plane as a process.
// Prints its endpoints, writes a kubeconfig, serves until SIGINT/SIGTERM.
#include <signal.h>
#include <sys/resource.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cmd/controlplane/options.h"
#include "lib/controlplane/controllers/simulated_cluster.h"
#include "lib/controlplane/http/control_plane.h"

namespace {

using sei::controlplane::ControlPlane;

// The simulated cluster: StatefulSet controller, kubelet, PVC provisioner and
// Job controller over the store, with node pods' readiness and restarts tied
// to their simulated sidecars (a pod is Ready only once its sidecar has run
// mark-ready, as the real proxy readiness probe makes it).
void AddSimulatedCluster(ControlPlane& plane) {
  sei::controlplane::SimulatedClusterOptions options;
  // Kubernetes 1.32 never promotes currentRevision under OnDelete; behave
  // the same, so nothing that works here relies on what a real cluster lacks.
  options.promote_on_delete_revision = false;
  sei::controlplane::sidecar::SidecarFleet* fleet = plane.sidecars();
  sei::controlplane::UseSidecars(
      &options,
      [fleet](const std::string& ns, const std::string& node) { return fleet->Ready(ns, node); },
      [fleet](const std::string& ns, const std::string& node) { fleet->Restart(ns, node); },
      [fleet](const std::string& ns, const std::string& node) { fleet->Remove(ns, node); });
  plane.AddBackgroundLoop(std::make_unique<sei::controlplane::SimulatedCluster>(
      plane.store(), plane.registry(), std::move(options)));
}

// Each watch holds a socket: 1,000 watches need more than the usual soft
// limit of 1,024 descriptors.
void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

}  // namespace

int main(int argc, char** argv) {
  // Blocked before any thread starts, so every thread inherits the mask
  // and sigwait below is the only receiver.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  auto options =
      sei::controlplane_cli::ParseOptions(std::vector<std::string>(argv + 1, argv + argc));
  if (!options.ok()) {
    std::cerr << "controlplane: " << options.status().message() << "\n"
              << "Run 'controlplane --help' for usage.\n";
    return 2;
  }
  if (options->help) {
    std::cout << sei::controlplane_cli::UsageText();
    return 0;
  }
  RaiseFileLimit();

  sei::controlplane::ControlPlaneOptions plane_options;
  plane_options.port = options->port;
  plane_options.sidecar_port = options->sidecar_port;
  plane_options.tls = !options->insecure_http;
  if (!options->token.empty()) {
    plane_options.tokens = {{options->token, "admin", {"system:masters", "system:authenticated"}}};
  }
  if (options->pod_grace_seconds) {
    plane_options.store.pod_termination_grace = absl::Seconds(*options->pod_grace_seconds);
  }
  auto plane = ControlPlane::Create(plane_options);
  if (!plane.ok()) {
    std::cerr << "controlplane: " << plane.status().message() << "\n";
    return 1;
  }
  AddSimulatedCluster(**plane);
  if (auto status = (*plane)->Start(); !status.ok()) {
    std::cerr << "controlplane: " << status.message() << "\n";
    return 1;
  }
  if (auto status = (*plane)->WriteKubeconfig(options->kubeconfig); !status.ok()) {
    std::cerr << "controlplane: " << status.message() << "\n";
    (*plane)->Stop();
    return 1;
  }
  std::cout << "api " << (*plane)->ServerUrl() << "\n"
            << "sidecars " << (*plane)->SidecarUrlTemplate() << "\n"
            << "kubeconfig " << options->kubeconfig << "\n"
            << "token " << (*plane)->token() << "\n"
            << std::flush;

  int signal_number = 0;
  while (sigwait(&stop_signals, &signal_number) != 0) {
  }
  std::cerr << "controlplane: signal " << signal_number << ", shutting down\n";
  (*plane)->Stop();
  return 0;
}
