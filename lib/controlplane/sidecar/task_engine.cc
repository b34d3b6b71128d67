#include "lib/controlplane/sidecar/task_engine.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/sidecar/task_types.h"
#include "lib/controlplane/sidecar/uuid.h"

namespace sei::controlplane::sidecar {
namespace {

// When a run may finish under `outcome`, or nullopt while it must keep
// running. A time-only condition finishes at its exact due time; anything a
// poll (or a changed rule) released finishes at the moment it is noticed.
std::optional<absl::Time> CompletionTime(const Outcome& outcome, absl::Time started_at,
                                         int polls, absl::Time now) {
  if (outcome.result == Outcome::Result::kRunForever) return std::nullopt;
  if (outcome.running_polls > 0 && polls <= outcome.running_polls) return std::nullopt;
  const absl::Time due = started_at + outcome.duration;
  if (due > now) return std::nullopt;
  return outcome.running_polls == 0 && outcome.duration > absl::ZeroDuration() ? due : now;
}

}  // namespace

TaskEngine::TaskEngine(TaskRunner* runner, SidecarMetrics* metrics, uint64_t seed)
    : runner_(runner), metrics_(metrics), rng_(seed) {}

absl::StatusOr<std::string> TaskEngine::Submit(const Submission& submission, absl::Time now,
                                               OutcomeLookup outcomes, const absl::Status& store) {
  if (!IsKnownTaskType(submission.type)) {
    return absl::InvalidArgumentError(absl::StrCat("unknown task type: ", submission.type));
  }
  if (!submission.id.empty() && !IsGoParsableUuid(submission.id)) {
    return absl::InvalidArgumentError(
        absl::StrCat("task ID must be a valid UUID: \"", submission.id, "\""));
  }
  const std::string id = submission.id.empty() ? NewRandomUuid(rng_) : submission.id;
  // The reference ignores the lookup's error, so with a failing store every
  // submission reaches the failing save.
  if (!store.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("persist task: ", store.message()));
  }
  int run = 1;
  if (auto it = records_.find(id); it != records_.end()) {
    if (it->second.status != TaskStatus::kFailed) return id;  // step 5: no-op
    run = it->second.run + 1;                                // step 6: re-run
  }
  TaskRecord record;
  record.id = id;
  record.type = submission.type;
  record.status = TaskStatus::kRunning;
  record.run = run;
  record.params = submission.params;
  record.submitted_at = now;
  record.sequence = next_sequence_++;
  records_[id] = record;
  metrics_->CountSubmission(record.type);
  Start(record, now);
  Advance(now, outcomes);  // an immediate outcome finishes within the request
  return id;
}

void TaskEngine::Start(const TaskRecord& record, absl::Time now) {
  Execution execution;
  execution.id = record.id;
  execution.type = record.type;
  execution.run = record.run;
  execution.params = record.params;
  execution.submitted_at = record.submitted_at;
  execution.started_at = now;
  execution.sequence = record.sequence;
  executions_.push_back(std::move(execution));
}

void TaskEngine::Advance(absl::Time now, OutcomeLookup outcomes) {
  struct Due {
    absl::Time completed_at;
    uint64_t sequence;
    size_t index;
    Outcome outcome;
  };
  std::vector<Due> due;
  for (size_t i = 0; i < executions_.size(); ++i) {
    const Execution& e = executions_[i];
    Outcome outcome = outcomes(e.id, e.type);
    if (std::optional<absl::Time> at = CompletionTime(outcome, e.started_at, e.polls, now)) {
      due.push_back(Due{*at, e.sequence, i, std::move(outcome)});
    }
  }
  if (due.empty()) return;
  // Upserts land in completion order, so the last run to finish wins.
  std::sort(due.begin(), due.end(), [](const Due& a, const Due& b) {
    return std::tie(a.completed_at, a.sequence, a.index) <
           std::tie(b.completed_at, b.sequence, b.index);
  });
  std::vector<Execution> finished;
  for (const Due& d : due) finished.push_back(executions_[d.index]);
  std::vector<bool> remove(executions_.size(), false);
  for (const Due& d : due) remove[d.index] = true;
  std::vector<Execution> still_running;
  for (size_t i = 0; i < executions_.size(); ++i) {
    if (!remove[i]) still_running.push_back(std::move(executions_[i]));
  }
  executions_ = std::move(still_running);
  for (size_t k = 0; k < due.size(); ++k) Finish(finished[k], due[k].outcome, due[k].completed_at);
}

void TaskEngine::Finish(const Execution& execution, const Outcome& outcome,
                        absl::Time completed_at) {
  absl::Status status;
  if (outcome.FailsOnRun(execution.run)) {
    status = absl::UnknownError(outcome.error);
  } else {
    status = runner_->Run(execution.type, execution.params);
  }
  metrics_->CountFinish(execution.type, status.ok(), completed_at - execution.started_at);
  if (status.ok() && execution.type == task_type::kMarkReady) ready_ = true;

  TaskRecord record;
  record.id = execution.id;
  record.type = execution.type;
  record.status = status.ok() ? TaskStatus::kCompleted : TaskStatus::kFailed;
  record.run = execution.run;
  record.params = execution.params;
  record.error = std::string(status.message());
  record.submitted_at = execution.submitted_at;
  record.completed_at = completed_at;
  record.sequence = execution.sequence;
  records_[record.id] = std::move(record);  // upsert: recreates a deleted record
}

std::optional<TaskRecord> TaskEngine::Poll(absl::string_view id, absl::Time now,
                                           OutcomeLookup outcomes) {
  for (Execution& e : executions_) {
    if (e.id == id) ++e.polls;
  }
  Advance(now, outcomes);
  return Find(id);
}

std::optional<TaskRecord> TaskEngine::Find(absl::string_view id) const {
  auto it = records_.find(id);
  if (it == records_.end()) return std::nullopt;
  return it->second;
}

std::vector<TaskRecord> TaskEngine::Recent(size_t limit) const {
  std::vector<TaskRecord> all;
  all.reserve(records_.size());
  for (const auto& [id, record] : records_) all.push_back(record);
  std::sort(all.begin(), all.end(), [](const TaskRecord& a, const TaskRecord& b) {
    return std::tie(a.submitted_at, a.sequence) > std::tie(b.submitted_at, b.sequence);
  });
  if (all.size() > limit) all.resize(limit);
  return all;
}

bool TaskEngine::Delete(absl::string_view id) {
  auto it = records_.find(id);
  if (it == records_.end()) return false;
  records_.erase(it);
  return true;
}

void TaskEngine::Restart(absl::Time now) {
  executions_.clear();
  ready_ = false;
  std::vector<const TaskRecord*> stale;
  for (auto& [id, record] : records_) {
    if (record.status == TaskStatus::kRunning) stale.push_back(&record);
  }
  std::sort(stale.begin(), stale.end(),
            [](const TaskRecord* a, const TaskRecord* b) { return a->sequence < b->sequence; });
  for (const TaskRecord* record : stale) {
    if (!IsKnownTaskType(record->type)) {
      TaskRecord& failed = records_[record->id];
      failed.status = TaskStatus::kFailed;
      failed.error = "no handler registered for task type";
      failed.completed_at = now;
      continue;
    }
    Start(*record, now);
  }
}

}  // namespace sei::controlplane::sidecar
