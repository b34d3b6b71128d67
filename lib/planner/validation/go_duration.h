// Go's time.ParseDuration and time.Duration.String(), reproduced exactly
// (nodetask.md §5): SeiNodeTask.spec.target.requirePhaseTimeout is written in
// Go syntax, and the controller's messages print durations the Go way
// ("5m0s"), so both directions must agree with the reference byte for byte.
#ifndef SEI_LIB_PLANNER_VALIDATION_GO_DURATION_H_
#define SEI_LIB_PLANNER_VALIDATION_GO_DURATION_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::planner {

// Parses `[-+]?(<decimal><unit>)+` or the bare string "0". Decimals may carry
// a fraction (`1.5h`, `.5s`, `1.s`); units are ns, us, µs (U+00B5), μs
// (U+03BC), ms, s, m, h. The result is whole nanoseconds in int64 range.
// Errors are InvalidArgument with Go's own text, e.g.
//   time: invalid duration "abc"
//   time: missing unit in duration "1"
//   time: unknown unit "d" in duration "1d"
absl::StatusOr<absl::Duration> ParseGoDuration(absl::string_view text);

// Go's Duration.String(): "0s", "1.5s", "500ms", "1µs", "1m30s", "1h30m0s",
// "-5m0s". `d` is truncated toward zero to whole nanoseconds and saturated to
// the int64 range first, because Go durations cannot hold anything else.
std::string FormatGoDuration(absl::Duration d);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_VALIDATION_GO_DURATION_H_
