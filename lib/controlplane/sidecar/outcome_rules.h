// Scripted task outcomes (sidecar-protocol.md §13 "Scriptable outcomes"):
// how and when each simulated handler run ends. Rules are matched per task
// type or task ID, fleet-wide or for one node.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_OUTCOME_RULES_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_OUTCOME_RULES_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::controlplane::sidecar {

// How one handler run ends. Timing conditions combine: a run finishes once
// `duration` has elapsed since it started AND (when running_polls > 0) it has
// been polled more than `running_polls` times.
struct Outcome {
  enum class Result {
    kComplete,    // handler succeeds (its simulated effect still applies)
    kFail,        // handler returns `error`
    kRunForever,  // never returns while the process lives (snapshot-upload)
  };

  Result result = Result::kComplete;
  // The failure text (TaskResult.error) for kFail and for failing runs.
  std::string error;
  // With kComplete: runs numbered first_failing_run..last_failing_run fail
  // with `error` (TaskResult.run; 0..0 = none).
  int first_failing_run = 0;
  int last_failing_run = 0;
  // Polls (GET /v0/tasks/{id}) answered `running` before the run may finish.
  int running_polls = 0;
  // Virtual time from the run's start until it may finish.
  absl::Duration duration = absl::ZeroDuration();

  // Finishes within the request that starts it.
  static Outcome CompleteImmediately();
  // `polls` polls see `running`; the next one sees `completed`.
  static Outcome CompleteAfterPolls(int polls);
  // Completes `delay` after the run started (submit or restart).
  static Outcome CompleteAfter(absl::Duration delay);
  // Every run fails with `error` (add timing with AfterPolls/After).
  static Outcome Fail(std::string error);
  // Runs 1..last_failing_run fail with `error`; later runs complete.
  static Outcome FailThroughRun(int last_failing_run, std::string error);
  // Only run `run` fails with `error`.
  static Outcome FailOnRun(int run, std::string error);
  // Stays `running` until the process restarts (then runs again).
  static Outcome RunForever();

  // Copies with a timing condition added.
  Outcome AfterPolls(int polls) const;
  Outcome After(absl::Duration delay) const;

  // Whether run number `run` ends in failure.
  bool FailsOnRun(int run) const;
};

// Which runs a rule applies to. Empty fields match anything; at least one of
// task_type / task_id should be set. ns and node scope the rule to one node
// (node set) or one namespace (only ns set).
struct OutcomeRule {
  std::string task_type;
  std::string task_id;
  std::string ns;
  std::string node;
  Outcome outcome;
};

// The fleet's rules. Resolution is evaluated whenever a run is checked (not
// frozen at submit), so changing a rule can release a run that was held
// `running`; the run's poll count and start time are kept.
class OutcomeRules {
 public:
  void Add(OutcomeRule rule);
  void Clear();

  // The most specific matching rule's outcome (a task-ID match beats a type
  // match, then a node scope beats a namespace scope beats fleet-wide; among
  // equals the later rule wins), else DefaultOutcome(type).
  Outcome Resolve(absl::string_view ns, absl::string_view node, absl::string_view task_id,
                  absl::string_view task_type) const;

  // Without rules every run completes immediately, except snapshot-upload,
  // which runs forever as the reference's upload loop does (§7).
  static Outcome DefaultOutcome(absl::string_view task_type);

 private:
  std::vector<OutcomeRule> rules_;
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_OUTCOME_RULES_H_
