#include "lib/controlplane/sidecar/outcome_rules.h"

#include <utility>

#include "lib/controlplane/sidecar/task_types.h"

namespace sei::controlplane::sidecar {
namespace {

// A rule's specificity, or -1 when it does not apply.
int MatchScore(const OutcomeRule& rule, absl::string_view ns, absl::string_view node,
               absl::string_view task_id, absl::string_view task_type) {
  if (!rule.task_id.empty() && rule.task_id != task_id) return -1;
  if (!rule.task_type.empty() && rule.task_type != task_type) return -1;
  if (!rule.ns.empty() && rule.ns != ns) return -1;
  if (!rule.node.empty() && rule.node != node) return -1;
  return (rule.task_id.empty() ? 0 : 8) + (rule.node.empty() ? 0 : 4) +
         (rule.ns.empty() ? 0 : 2) + (rule.task_type.empty() ? 0 : 1);
}

}  // namespace

Outcome Outcome::CompleteImmediately() { return Outcome(); }

Outcome Outcome::CompleteAfterPolls(int polls) { return CompleteImmediately().AfterPolls(polls); }

Outcome Outcome::CompleteAfter(absl::Duration delay) { return CompleteImmediately().After(delay); }

Outcome Outcome::Fail(std::string error) {
  Outcome outcome;
  outcome.result = Result::kFail;
  outcome.error = std::move(error);
  return outcome;
}

Outcome Outcome::FailThroughRun(int last_failing_run, std::string error) {
  Outcome outcome;
  outcome.error = std::move(error);
  outcome.first_failing_run = 1;
  outcome.last_failing_run = last_failing_run;
  return outcome;
}

Outcome Outcome::FailOnRun(int run, std::string error) {
  Outcome outcome;
  outcome.error = std::move(error);
  outcome.first_failing_run = run;
  outcome.last_failing_run = run;
  return outcome;
}

Outcome Outcome::RunForever() {
  Outcome outcome;
  outcome.result = Result::kRunForever;
  return outcome;
}

Outcome Outcome::AfterPolls(int polls) const {
  Outcome copy = *this;
  copy.running_polls = polls;
  return copy;
}

Outcome Outcome::After(absl::Duration delay) const {
  Outcome copy = *this;
  copy.duration = delay;
  return copy;
}

bool Outcome::FailsOnRun(int run) const {
  if (result == Result::kFail) return true;
  return result == Result::kComplete && first_failing_run > 0 && run >= first_failing_run &&
         run <= last_failing_run;
}

void OutcomeRules::Add(OutcomeRule rule) { rules_.push_back(std::move(rule)); }

void OutcomeRules::Clear() { rules_.clear(); }

Outcome OutcomeRules::Resolve(absl::string_view ns, absl::string_view node,
                              absl::string_view task_id, absl::string_view task_type) const {
  const OutcomeRule* best = nullptr;
  int best_score = -1;
  for (const OutcomeRule& rule : rules_) {
    const int score = MatchScore(rule, ns, node, task_id, task_type);
    if (score >= 0 && score >= best_score) {  // >=: the later rule wins a tie
      best = &rule;
      best_score = score;
    }
  }
  return best != nullptr ? best->outcome : DefaultOutcome(task_type);
}

Outcome OutcomeRules::DefaultOutcome(absl::string_view task_type) {
  if (task_type == task_type::kSnapshotUpload) return Outcome::RunForever();
  // await-condition would poll the chain; without a script it completes.
  return Outcome::CompleteImmediately();
}

}  // namespace sei::controlplane::sidecar
