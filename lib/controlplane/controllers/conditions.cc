#include "lib/controlplane/controllers/conditions.h"

#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/controllers/json_fields.h"

namespace sei::controlplane {

const Json* FindCondition(const Json& conditions, absl::string_view type) {
  if (!conditions.is_array()) return nullptr;
  for (const Json& condition : conditions) {
    if (StringAt(condition, {"type"}) == type) return &condition;
  }
  return nullptr;
}

bool ConditionIsTrue(const Json& object, absl::string_view type) {
  const Json* condition = FindCondition(At(object, {"status", "conditions"}), type);
  return condition != nullptr && StringAt(*condition, {"status"}) == "True";
}

Json NextCondition(const Json& previous, const Condition& condition, absl::Time now,
                   ProbeTime probe_time) {
  const std::string status = condition.status ? "True" : "False";
  std::string transition = FormatTimestamp(now);
  if (const Json* before = FindCondition(previous, condition.type)) {
    const std::string before_transition = StringAt(*before, {"lastTransitionTime"});
    if (StringAt(*before, {"status"}) == status && !before_transition.empty()) {
      transition = before_transition;
    }
  }
  Json out = {{"type", condition.type}, {"status", status}};
  out["lastProbeTime"] =
      probe_time == ProbeTime::kNull ? Json(nullptr) : Json(FormatTimestamp(now));
  out["lastTransitionTime"] = transition;
  if (!condition.reason.empty()) out["reason"] = condition.reason;
  if (!condition.message.empty()) out["message"] = condition.message;
  return out;
}

}  // namespace sei::controlplane
