// Conversions between absl::Time and the API's timestamps, which carry whole
// seconds only (api.md §1): anything finer is dropped when stamping, so a
// value read back after a round trip compares equal to what was written.
#ifndef SEI_LIB_PLANNER_CORE_TIME_UTIL_H_
#define SEI_LIB_PLANNER_CORE_TIME_UTIL_H_

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace sei::planner {

// Writes `t`, truncated to whole seconds, into `out`.
void StampTime(absl::Time t, google::protobuf::Timestamp* out);

// Reads a timestamp; callers check presence (has_*) first.
absl::Time FromTimestamp(const google::protobuf::Timestamp& ts);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_TIME_UTIL_H_
