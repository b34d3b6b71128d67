#include "lib/planner/core/conditions.h"

#include <string>

#include "lib/planner/core/time_util.h"

namespace sei::planner {

void SetCondition(Conditions* conditions, const ConditionUpdate& update, int64_t generation,
                  absl::Time now) {
  v1alpha1::Condition* existing = nullptr;
  for (v1alpha1::Condition& c : *conditions) {
    if (c.type() == update.type) {
      existing = &c;
      break;
    }
  }
  if (existing == nullptr) {
    existing = conditions->Add();
    existing->set_type(std::string(update.type));
    StampTime(now, existing->mutable_last_transition_time());
  } else if (existing->status() != update.status) {
    StampTime(now, existing->mutable_last_transition_time());
  }
  existing->set_status(std::string(update.status));
  existing->set_reason(std::string(update.reason));
  existing->set_message(std::string(update.message));
  existing->set_observed_generation(generation);
}

const v1alpha1::Condition* FindCondition(const Conditions& conditions, absl::string_view type) {
  for (const v1alpha1::Condition& c : conditions) {
    if (c.type() == type) return &c;
  }
  return nullptr;
}

bool IsConditionTrue(const Conditions& conditions, absl::string_view type) {
  const v1alpha1::Condition* c = FindCondition(conditions, type);
  return c != nullptr && c->status() == kConditionTrue;
}

}  // namespace sei::planner
