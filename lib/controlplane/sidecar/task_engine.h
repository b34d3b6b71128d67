// One sidecar's task engine (sidecar-protocol.md §6): the results store, the
// handler runs in flight, and the ready flag, simulated in virtual time.
//
// There are no threads. A run's end is decided lazily: every call passes the
// current time, and Advance finishes, in completion-time order, each run whose
// Outcome (outcome_rules.h) is due. Callers serialise access (the sidecar's
// mutex).
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_TASK_ENGINE_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_TASK_ENGINE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/controlplane/sidecar/metrics.h"
#include "lib/controlplane/sidecar/outcome_rules.h"
#include "lib/controlplane/sidecar/task_record.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

// The simulated effect of a handler run that its Outcome lets succeed. A
// non-OK status fails the run with the status message as TaskResult.error.
class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  virtual absl::Status Run(absl::string_view task_type, const nlohmann::json& params) = 0;
};

class TaskEngine {
 public:
  // The Outcome currently scripted for a task (re-evaluated on every check).
  using OutcomeLookup =
      absl::FunctionRef<Outcome(absl::string_view task_id, absl::string_view task_type)>;

  struct Submission {
    std::string id;  // "" = generate a random UUIDv4
    std::string type;
    nlohmann::json params = nlohmann::json::object();  // Go `any` shape
  };

  // `runner` and `metrics` must outlive the engine. `seed` drives generated IDs.
  TaskEngine(TaskRunner* runner, SidecarMetrics* metrics, uint64_t seed);

  // §6.1 steps 3–9 (steps 1–2 are the HTTP handler's). An error's message is
  // the 400 body: `unknown task type: <type>`, `task ID must be a valid
  // UUID: "<id>"`, or `persist task: <err>` when `store` is not OK. On
  // success returns the ID; an existing running/completed record is left
  // untouched (new params ignored), a failed one re-runs with run+1.
  absl::StatusOr<std::string> Submit(const Submission& submission, absl::Time now,
                                     OutcomeLookup outcomes, const absl::Status& store);

  // Finishes the runs due at `now` (§6.2 upsert-on-finish; a deleted record
  // reappears, §6.5). Call before serving anything that reads state.
  void Advance(absl::Time now, OutcomeLookup outcomes);

  // GET /v0/tasks/{id}: counts one poll for every run of `id` in flight,
  // finishes what is then due, and returns the record (nullopt = 404).
  std::optional<TaskRecord> Poll(absl::string_view id, absl::Time now, OutcomeLookup outcomes);

  // The record without counting a poll (for inspection).
  std::optional<TaskRecord> Find(absl::string_view id) const;

  // Up to `limit` records, newest submittedAt first (ties: later submission
  // first).
  std::vector<TaskRecord> Recent(size_t limit) const;

  // DELETE: removes the record only; its run keeps going (§6.5).
  bool Delete(absl::string_view id);

  // A process restart on the same data volume (§6.4): runs in flight die,
  // the ready flag clears, and every record still `running` is run again
  // from `now` without incrementing `run` (a type without a handler is
  // failed with `no handler registered for task type`).
  void Restart(absl::Time now);

  // Set by a successful mark-ready run in this process (§6.2).
  bool ready() const { return ready_; }

 private:
  // A handler run in flight.
  struct Execution {
    std::string id;
    std::string type;
    int run = 1;
    nlohmann::json params;
    absl::Time submitted_at;
    absl::Time started_at;
    uint64_t sequence = 0;
    int polls = 0;
  };

  void Start(const TaskRecord& record, absl::Time now);
  void Finish(const Execution& execution, const Outcome& outcome, absl::Time completed_at);

  TaskRunner* runner_;
  SidecarMetrics* metrics_;
  std::mt19937_64 rng_;
  std::map<std::string, TaskRecord, std::less<>> records_;
  std::vector<Execution> executions_;
  uint64_t next_sequence_ = 1;
  bool ready_ = false;
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_TASK_ENGINE_H_
