// Runs a Step function on its own thread, as a BackgroundLoop of the
// control plane: every `interval` (timed transitions: start delays, run
// durations, TTLs, sidecar readiness), and promptly after any change to the
// watched resources (a watch callback only raises a flag; the step runs on
// the loop thread, never on the store's delivery threads).
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_STEP_LOOP_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_STEP_LOOP_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_type.h"
#include "lib/controlplane/http/background_loop.h"

namespace sei::controlplane {

struct StepLoopOptions {
  std::string name = "step-loop";  // BackgroundLoop::Name()
  // Longest wait between two steps (real time).
  absl::Duration interval = absl::Milliseconds(100);
  // Shortest gap between two steps, so a burst of watch events (including
  // those of the step's own writes) costs one extra step, not one each.
  absl::Duration min_gap = absl::Milliseconds(5);
  // Changes to these resources (all namespaces) wake the loop.
  std::vector<const ResourceType*> watched;
};

class StepLoop : public BackgroundLoop {
 public:
  // `store` must outlive the loop. `step` runs on the loop thread only.
  StepLoop(ObjectStore* store, StepLoopOptions options, std::function<absl::Status()> step);
  ~StepLoop() override;  // Stop()s

  StepLoop(const StepLoop&) = delete;
  StepLoop& operator=(const StepLoop&) = delete;

  std::string Name() const override { return options_.name; }
  // Starts the thread and the watches; a second Start is a no-op.
  void Start() override;
  // Ends the watches, wakes the thread and joins it (within one step's
  // duration). Idempotent; the loop cannot be started again.
  void Stop() override;

  // What the last step returned (OK before the first).
  absl::Status last_status() const;
  // Steps run so far; for tests.
  int64_t steps() const;

 private:
  void Run();
  // (Re)establishes the watches from the current resourceVersion; a watch
  // that ended (410 Expired, cut off) is replaced on the next wake-up.
  void Watch();
  void Wake(bool watch_ended);

  ObjectStore* const store_;
  const StepLoopOptions options_;
  const std::function<absl::Status()> step_;

  mutable absl::Mutex mu_;
  bool dirty_ ABSL_GUARDED_BY(mu_) = true;
  bool rewatch_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  absl::Status last_status_ ABSL_GUARDED_BY(mu_);
  int64_t steps_ ABSL_GUARDED_BY(mu_) = 0;

  // Touched by Start/Stop and the loop thread only (never concurrently:
  // Stop joins the thread before releasing them).
  std::vector<std::unique_ptr<WatchHandle>> watches_;
  std::thread thread_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_STEP_LOOP_H_
