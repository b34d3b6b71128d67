// Kubernetes-style condition upsert with the reference's exact semantics
// (api.md §9.1).
#ifndef SEI_LIB_PLANNER_CORE_CONDITIONS_H_
#define SEI_LIB_PLANNER_CORE_CONDITIONS_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "proto/sei/v1alpha1/meta.pb.h"

namespace sei::planner {

using Conditions = google::protobuf::RepeatedPtrField<v1alpha1::Condition>;

inline constexpr absl::string_view kConditionTrue = "True";
inline constexpr absl::string_view kConditionFalse = "False";
inline constexpr absl::string_view kConditionUnknown = "Unknown";

struct ConditionUpdate {
  absl::string_view type;
  absl::string_view status;  // True | False | Unknown
  absl::string_view reason;
  absl::string_view message;
};

// Finds the condition by type. Absent → appended with lastTransitionTime =
// now. Present → reason, message and observedGeneration overwritten;
// lastTransitionTime changes only when the status value changes. Every write
// stamps observedGeneration = `generation`.
void SetCondition(Conditions* conditions, const ConditionUpdate& update, int64_t generation,
                  absl::Time now);

// The condition of that type, or nullptr.
const v1alpha1::Condition* FindCondition(const Conditions& conditions, absl::string_view type);

// True iff a condition of that type exists with status "True".
bool IsConditionTrue(const Conditions& conditions, absl::string_view type);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_CONDITIONS_H_
