// The one way end-to-end tests wait: poll a condition until it holds or a
// deadline passes. Processes, watches and the simulated cluster all move on
// their own threads, so a test never sleeps and then asserts; it waits for
// the state it needs, and when that never comes the error says what it
// waited for, for how long, and what it saw last.
#ifndef SEI_CMD_OPERATOR_E2E_WAIT_FOR_H_
#define SEI_CMD_OPERATOR_E2E_WAIT_FOR_H_

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::e2e {

// Checks the awaited state once. Returns true when it holds; either way it
// may describe what it observed in *seen (kept for the timeout message).
using WaitCondition = std::function<bool(std::string* seen)>;

// Calls `condition` every `interval` until it returns true (OK) or `timeout`
// has passed (DeadlineExceeded: "timed out after 90s waiting for
// <description>; last seen: <seen>"). The condition runs at least once.
absl::Status WaitFor(absl::string_view description, const WaitCondition& condition,
                     absl::Duration timeout, absl::Duration interval = absl::Milliseconds(100));

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_WAIT_FOR_H_
