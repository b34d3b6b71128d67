// Keeps a task that is waiting out its retry backoff (plans.md §11: 10 s,
// 20 s, then 30 s between attempts) from being re-attempted early. The
// backoff exists only as the reconcile's requeue_after, and any watch event
// wakes the node sooner: the bind of its PVC, a Service update, a pod turning
// Ready. Without a hold, each such event would start the next attempt at
// once, so a task like discover-peers burnt its 20-attempt budget in
// seconds instead of the ~9.5 minutes the spec intends for peers to come up.
//
// The hold lives in memory: the wire status has no field for the due time
// (and must stay wire-compatible). A restarted operator therefore retries a
// held task once at start-up and holds again from then on.
#ifndef SEI_LIB_CONTROLLER_SEINODE_RETRY_HOLDS_H_
#define SEI_LIB_CONTROLLER_SEINODE_RETRY_HOLDS_H_

#include <map>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::controller {

class RetryHolds {
 public:
  // After a pass that asked to run again after `requeue_after`: when the
  // plan's current task (its first task not Complete) is Pending with
  // retries consumed, it may not be attempted before now + requeue_after.
  // Any other state clears the node's hold.
  void AfterPass(absl::string_view node_uid, const v1alpha1::TaskPlan& plan,
                 absl::Duration requeue_after, absl::Time now);
  // Before a pass: how long the current task must still wait, or nullopt
  // when it may run (no hold, or the hold is for another plan, task or
  // attempt — progress made elsewhere is never blocked).
  std::optional<absl::Duration> Remaining(absl::string_view node_uid,
                                          const v1alpha1::TaskPlan& plan, absl::Time now) const;
  // The node is gone.
  void Forget(absl::string_view node_uid);

 private:
  struct Hold {
    std::string plan_id;
    int task_index = 0;
    int retry_count = 0;
    absl::Time due;
  };

  mutable absl::Mutex mu_;
  std::map<std::string, Hold, std::less<>> holds_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_SEINODE_RETRY_HOLDS_H_
