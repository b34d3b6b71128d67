#include "lib/controller/seinode/retry_holds.h"

namespace sei::controller {
namespace {

// The first task not Complete, or -1 when every task is.
int CurrentTask(const v1alpha1::TaskPlan& plan) {
  for (int i = 0; i < plan.tasks_size(); ++i) {
    if (plan.tasks(i).status() != v1alpha1::TASK_STATUS_COMPLETE) return i;
  }
  return -1;
}

}  // namespace

void RetryHolds::AfterPass(absl::string_view node_uid, const v1alpha1::TaskPlan& plan,
                           absl::Duration requeue_after, absl::Time now) {
  absl::MutexLock lock(&mu_);
  const int index = CurrentTask(plan);
  const bool waiting_to_retry = plan.phase() == v1alpha1::PLAN_PHASE_ACTIVE && index >= 0 &&
                                plan.tasks(index).status() == v1alpha1::TASK_STATUS_PENDING &&
                                plan.tasks(index).retry_count() > 0 &&
                                !plan.tasks(index).has_submitted_at();
  if (!waiting_to_retry || requeue_after <= absl::ZeroDuration()) {
    holds_.erase(std::string(node_uid));
    return;
  }
  holds_[std::string(node_uid)] =
      Hold{plan.id(), index, plan.tasks(index).retry_count(), now + requeue_after};
}

std::optional<absl::Duration> RetryHolds::Remaining(absl::string_view node_uid,
                                                    const v1alpha1::TaskPlan& plan,
                                                    absl::Time now) const {
  absl::MutexLock lock(&mu_);
  auto it = holds_.find(node_uid);
  if (it == holds_.end()) return std::nullopt;
  const Hold& hold = it->second;
  const int index = CurrentTask(plan);
  if (index < 0 || plan.id() != hold.plan_id || index != hold.task_index ||
      plan.tasks(index).retry_count() != hold.retry_count || now >= hold.due) {
    return std::nullopt;
  }
  return hold.due - now;
}

void RetryHolds::Forget(absl::string_view node_uid) {
  absl::MutexLock lock(&mu_);
  holds_.erase(std::string(node_uid));
}

}  // namespace sei::controller
