#include "lib/planner/core/conditions.h"

#include <string>

#include "lib/planner/core/time_util.h"

namespace sei::planner {
namespace {

// Overwrites `out` in place (reusing its buffer when the condition exists).
void Assign(absl::string_view value, std::string* out) { out->assign(value.data(), value.size()); }

}  // namespace

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
    Assign(update.type, existing->mutable_type());
    StampTime(now, existing->mutable_last_transition_time());
  } else if (existing->status() != update.status) {
    StampTime(now, existing->mutable_last_transition_time());
  }
  Assign(update.status, existing->mutable_status());
  Assign(update.reason, existing->mutable_reason());
  Assign(update.message, existing->mutable_message());
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
