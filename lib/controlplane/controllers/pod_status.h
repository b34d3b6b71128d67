// The pod statuses a kubelet (and, for unschedulable pods, the scheduler)
// reports, built from the pod's spec: the phase, the five pod conditions of
// Kubernetes 1.32 in the kubelet's order, IPs, and one status per container
// and init container. Shared by the simulated kubelet (pending, running)
// and the Job controller (whose simulated process exit ends a Job's pod).
//
// Every builder keeps lastTransitionTime of conditions whose status did not
// change, so rebuilding the status of an unchanged pod yields an identical
// object and no write.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_POD_STATUS_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_POD_STATUS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::controlplane {

// The simulated node every pod runs on: the loopback host.
inline constexpr absl::string_view kHostIp = "127.0.0.1";

// What the kubelet knows about one running pod.
struct PodRun {
  absl::Time accepted;  // the kubelet took the pod on: status.startTime
  absl::Time started;   // the containers started: state.running.startedAt
  std::string pod_ip;
  bool ready = false;  // readiness probes pass (and the pod is not terminating)
};

// Not placed: phase Pending, PodScheduled=False reason Unschedulable with
// the scheduler's `message`, no container statuses.
nlohmann::json UnschedulablePodStatus(const nlohmann::json& pod, absl::string_view message,
                                      absl::Time now);

// Placed, containers not started yet (volumes not ready, start delay):
// phase Pending, init containers waiting PodInitializing, containers waiting
// PodInitializing (with init containers) or ContainerCreating.
nlohmann::json CreatingPodStatus(const nlohmann::json& pod, absl::Time accepted, absl::Time now);

// Running: phase Running, every container running and started; containers
// with a readiness probe (all containers when none has one) are ready iff
// run.ready; regular init containers terminated with exit code 0; init
// containers with restartPolicy Always (native sidecars) running.
nlohmann::json RunningPodStatus(const nlohmann::json& pod, const PodRun& run, absl::Time now);

// The pod's processes exited at `finished`: phase Succeeded (every
// container exit code 0, reason Completed) or Failed (exit code 1, reason
// Error); IPs and startTime kept from the pod's current status.
nlohmann::json TerminatedPodStatus(const nlohmann::json& pod, bool succeeded, absl::Time finished,
                                   absl::Time now);

// status.phase is Succeeded or Failed.
bool PodFinished(const nlohmann::json& pod);

// Running and condition Ready=True.
bool PodRunningAndReady(const nlohmann::json& pod);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_POD_STATUS_H_
