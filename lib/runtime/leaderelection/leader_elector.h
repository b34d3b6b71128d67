// Leader election on a coordination.k8s.io/v1 Lease, as client-go's
// leaderelection package does it, so that of several operator replicas
// exactly one runs the controllers:
//
//  - acquire: a candidate takes the lease when it is absent, released (no
//    holder) or expired (renewTime + leaseDurationSeconds < now), retrying
//    every retry period;
//  - renew: the leader rewrites renewTime every retry period with an
//    optimistic-concurrency Update (resourceVersion precondition); a 409
//    means another candidate wrote first, and the next attempt re-reads;
//  - lose: when no renewal succeeded within the renew deadline, or another
//    holder is seen with a valid lease, the leader stops leading at once;
//  - release: on Stop() the leader first stops its work
//    (on_stopped_leading), then clears holderIdentity so another candidate
//    takes over without waiting for the lease to expire.
//
// Expiry compares the lease's renewTime with this process's clock (injected),
// so candidates' clocks are assumed roughly in sync (client-go instead times
// how long it has watched a record unchanged; skew up to the gap between
// lease duration and renew deadline is harmless either way).
#ifndef SEI_LIB_RUNTIME_LEADERELECTION_LEADER_ELECTOR_H_
#define SEI_LIB_RUNTIME_LEADERELECTION_LEADER_ELECTOR_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/k8s/kube_client.h"
#include "lib/runtime/clock/clock.h"
#include "lib/runtime/leaderelection/leader_election_config.h"
#include "lib/runtime/leaderelection/lease_record.h"
#include "lib/runtime/logging/logger.h"

namespace sei::runtime {

struct LeaderCallbacks {
  // Called on the Run() thread once the lease is won. Must return promptly
  // (start the controllers on threads of their own): renewal waits for it.
  std::function<void()> on_started_leading;
  // Called on the Run() thread when leading ends, for whatever reason;
  // never called by a candidate that did not lead. After a lost lease the
  // process should stop its controllers and exit, as controller-runtime
  // does: it can no longer be sure it is alone.
  std::function<void()> on_stopped_leading;
  // Optional: the observed holder changed (including to this candidate).
  std::function<void(const std::string& identity)> on_new_leader;
};

class LeaderElector {
 public:
  // InvalidArgument for a config ValidateLeaderElectionConfig rejects.
  static absl::StatusOr<std::unique_ptr<LeaderElector>> Create(k8s::KubeClient* client,
                                                               LeaderElectionConfig config,
                                                               LeaderCallbacks callbacks,
                                                               Clock* clock, Logger logger);

  // One attempt to acquire or renew the lease. true: this candidate holds
  // it now. false: another candidate holds a valid lease, or won a race for
  // it (409 / AlreadyExists). An error: the API could not be asked.
  absl::StatusOr<bool> TryAcquireOrRenew();

  // Acquires (retrying), leads while renewals succeed, and returns when
  // leadership is lost or Stop() is called; releases the lease on Stop().
  // Returns at once, without leading, if Stop() came first.
  void Run();
  // Makes Run() return (from any thread). Idempotent.
  void Stop();

  // Clears holderIdentity if this candidate holds the lease (Run() does
  // this on Stop()). OK when there is nothing to release.
  absl::Status Release();

  // Between on_started_leading and on_stopped_leading of Run().
  bool IsLeader() const;
  // The holder last seen on the lease ("" when none or not read yet).
  std::string ObservedLeader() const;

 private:
  LeaderElector(k8s::KubeClient* client, LeaderElectionConfig config, LeaderCallbacks callbacks,
                Clock* clock, Logger logger);

  // Records what was read or written; reports a new holder.
  void Observe(const LeaseRecord& record);
  // Another holder's lease, still valid at `now`, was the last thing seen.
  bool HeldByOtherAt(absl::Time now) const;
  // Waits `d` on the clock; true when Stop() was called meanwhile.
  bool WaitOrStop(absl::Duration d);
  void Renew();  // the leading phase of Run()

  k8s::KubeClient* const client_;
  const LeaderElectionConfig config_;
  const LeaderCallbacks callbacks_;
  Clock* const clock_;
  const Logger log_;

  mutable absl::Mutex mu_;
  bool stopped_ ABSL_GUARDED_BY(mu_) = false;
  bool leading_ ABSL_GUARDED_BY(mu_) = false;
  LeaseRecord observed_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LEADERELECTION_LEADER_ELECTOR_H_
