// An in-memory sidecar fleet for reconciler unit tests: every node's sidecar
// accepts submissions, completes them on the next poll unless a task type was
// scripted to fail or to keep running, turns healthy after mark-ready, and
// records what it was sent. The HTTP client and the protocol's edge cases are
// tested against the control plane's simulator; this double only has to be
// predictable.
#ifndef SEI_LIB_CONTROLLER_TESTING_SCRIPTED_SIDECAR_H_
#define SEI_LIB_CONTROLLER_TESTING_SCRIPTED_SIDECAR_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lib/sidecar/sidecar_client.h"

namespace sei::controller::testing {

class ScriptedSidecars : public sidecar::SidecarClientFactory {
 public:
  absl::StatusOr<std::unique_ptr<sidecar::SidecarClient>> ForNode(absl::string_view ns,
                                                                  absl::string_view name) override;

  // Every submission of `type` (on any node) fails with `error` when polled.
  void FailType(std::string type, std::string error);
  // Submissions of `type` stay running.
  void HoldType(std::string type);
  // How many polls a task needs before it finishes (default 1: the first
  // poll completes it). More than one spreads a plan over several passes, as
  // real sidecar work does.
  void SetPollsToFinish(int polls);
  // Held submissions of `type` complete from the next poll on.
  void ReleaseType(const std::string& type);
  // The node's sidecar is unreachable (every call: Unavailable).
  void SetUnreachable(const std::string& ns, const std::string& name, bool unreachable);
  // The sidecar restarted: it forgets readiness (healthz 503) but keeps tasks.
  void LoseReadiness(const std::string& ns, const std::string& name);
  void SetNodeId(const std::string& ns, const std::string& name, std::string id);

  // Types submitted to the node, in order (resubmissions of one ID once).
  std::vector<std::string> SubmittedTypes(const std::string& ns, const std::string& name) const;
  int SubmitCalls(const std::string& ns, const std::string& name) const;
  bool Ready(const std::string& ns, const std::string& name) const;

 private:
  friend class ScriptedSidecarClient;
  struct Node {
    std::map<std::string, sidecar::TaskResult> tasks;
    std::map<std::string, int> polls;  // by task ID, for the current run
    std::vector<std::string> submitted_types;
    int submit_calls = 0;
    bool ready = false;
    bool unreachable = false;
    std::string node_id = "0123456789abcdef0123456789abcdef01234567";
  };
  using Key = std::pair<std::string, std::string>;

  mutable absl::Mutex mu_;
  std::map<Key, Node> nodes_ ABSL_GUARDED_BY(mu_);
  std::map<std::string, std::string> failing_types_ ABSL_GUARDED_BY(mu_);
  std::set<std::string> held_types_ ABSL_GUARDED_BY(mu_);
  int polls_to_finish_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace sei::controller::testing

#endif  // SEI_LIB_CONTROLLER_TESTING_SCRIPTED_SIDECAR_H_
