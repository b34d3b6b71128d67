// The simulated Job controller (with the TTL-after-finished controller):
// a Job runs pods from its template; each pod's process "exits" after a
// simulated run time, successfully or not, and the Job completes or fails
// like a batch/v1 Job of Kubernetes 1.32.
//
// One Step() is one pass over every Job:
//   - Pods: while unfinished (and not suspended), the Job keeps
//     min(parallelism, completions - succeeded) active pods (both default
//     1), created from the template with generateName `<job>-`, labels
//     `batch.kubernetes.io/controller-uid`, `batch.kubernetes.io/job-name`,
//     `controller-uid`, `job-name` and a controller owner reference.
//   - Run: a pod that has been Running (per the kubelet) for the Job's run
//     duration — annotation sim.sei.io/duration (a duration such as "5s",
//     "1m30s", "250ms") or the default — terminates: phase Succeeded, or
//     Failed when the Job should fail (annotation sim.sei.io/fail: "true",
//     or the `fails` predicate). The bootstrap Job's seid exiting at its
//     halt height is this.
//   - Status: startTime, active, ready, terminating, succeeded, failed,
//     uncountedTerminatedPods; when `completions` pods succeeded:
//     completionTime and conditions SuccessCriteriaMet and Complete (reason
//     CompletionsReached); when more than backoffLimit (default 6) pods
//     failed: conditions FailureTarget and Failed (reason
//     BackoffLimitExceeded, message "Job has reached the specified backoff
//     limit"), remaining active pods deleted. A failed pod is replaced at
//     once (no exponential back-off).
//   - TTL: a finished Job with spec.ttlSecondsAfterFinished is deleted
//     (propagation Foreground, its pods with it) that long after it
//     finished (completionTime, or the Failed condition's time).
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_JOB_CONTROLLER_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_JOB_CONTROLLER_H_

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/controllers/cluster_types.h"
#include "lib/controlplane/controllers/pod_hooks.h"
#include "lib/controlplane/controllers/step_errors.h"

namespace sei::controlplane {

// Job annotations the simulation reads.
inline constexpr char kSimDurationAnnotation[] = "sim.sei.io/duration";
inline constexpr char kSimFailAnnotation[] = "sim.sei.io/fail";

struct JobControllerOptions {
  // Time source; nullptr = RealClock(). Must outlive the controller.
  const Clock* clock = nullptr;
  // How long a Job's pod runs before its process exits, unless the Job's
  // sim.sei.io/duration annotation says otherwise.
  absl::Duration default_run_duration = absl::Seconds(1);
  // Jobs for which this returns true fail (as does sim.sei.io/fail: "true").
  std::function<bool(const nlohmann::json& job)> fails;
  // Called with each pod right before it is created (see
  // StatefulSetControllerOptions::on_new_pod).
  PodHook on_new_pod;
  // managedFields manager of every write.
  std::string field_manager = "kube-controller-manager";
};

class JobController {
 public:
  // `store` and `registry` must outlive the controller.
  JobController(ObjectStore* store, const ResourceRegistry* registry,
                JobControllerOptions options = JobControllerOptions());

  // One pass over every Job. Errors do not stop the pass; the first is
  // returned and the next Step retries. Not thread-safe.
  absl::Status Step();

  // The run duration of `job`: its annotation when it parses as a
  // non-negative duration, else the default.
  absl::Duration RunDuration(const nlohmann::json& job) const;
  // Whether `job`'s pods fail.
  bool Fails(const nlohmann::json& job) const;

 private:
  absl::Status StepUnguarded();
  void Sync(const nlohmann::json& job, const std::vector<nlohmann::json>& pods, StepErrors* errors);
  void ExpireIfDue(const nlohmann::json& job, StepErrors* errors);

  ObjectStore* const store_;
  const ClusterTypes types_;
  const JobControllerOptions options_;
  const Clock* const clock_;
  std::map<std::string, absl::Time> running_since_;  // pod uid → first seen Running
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_JOB_CONTROLLER_H_
