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
#include "lib/controlplane/controllers/simulated_cluster_setup.h"
#include "lib/controlplane/http/control_plane.h"

namespace {

using sei::controlplane::ControlPlane;

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
  sei::controlplane::AttachSimulatedCluster(**plane);
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
