// Status conditions as Kubernetes controllers maintain them: a condition's
// lastTransitionTime changes only when its status flips, so rewriting the
// same conditions every reconcile produces an identical object (and the
// store then skips the write: no resourceVersion bump, no watch event).
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_CONDITIONS_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_CONDITIONS_H_

#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::controlplane {

struct Condition {
  std::string type;
  bool status = false;  // "True" / "False"
  std::string reason;   // omitted when empty
  std::string message;  // omitted when empty
};

// How a kind stamps lastProbeTime: pods write `null` (the kubelet never
// fills it for these conditions), Jobs write the time of the update.
enum class ProbeTime { kNull, kNow };

// The condition as it should now read: lastTransitionTime is kept from the
// condition of the same type in `previous` (an array, or anything else for
// "none") when its status did not change, else `now`.
nlohmann::json NextCondition(const nlohmann::json& previous, const Condition& condition,
                             absl::Time now, ProbeTime probe_time);

// The condition of `type` in `conditions`, or nullptr.
const nlohmann::json* FindCondition(const nlohmann::json& conditions, absl::string_view type);

// status.conditions[type].status == "True".
bool ConditionIsTrue(const nlohmann::json& object, absl::string_view type);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_CONDITIONS_H_
