// Per-key exponential backoff for failed reconciles, as controller-runtime's
// default item limiter: the n-th consecutive failure of a key waits
// base * 2^(n-1), capped; Forget(key) starts the key over. (controller-runtime
// also applies an overall 10 qps bucket; a per-key limiter is what keeps one
// failing object from spinning, so that is all this keeps.)
#ifndef SEI_LIB_RUNTIME_WORKQUEUE_BACKOFF_RATE_LIMITER_H_
#define SEI_LIB_RUNTIME_WORKQUEUE_BACKOFF_RATE_LIMITER_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::runtime {

struct BackoffOptions {
  absl::Duration base = absl::Milliseconds(5);
  absl::Duration cap = absl::Seconds(1000);
};

// Not thread-safe: the work queue calls it under its own lock.
class BackoffRateLimiter {
 public:
  explicit BackoffRateLimiter(BackoffOptions options = {}) : options_(options) {}

  // The delay before the next retry of `key`, counting this failure.
  absl::Duration When(absl::string_view key);
  // Failures counted for `key` since it was last forgotten.
  int NumRequeues(absl::string_view key) const;
  void Forget(absl::string_view key);

 private:
  BackoffOptions options_;
  std::map<std::string, int, std::less<>> failures_;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_WORKQUEUE_BACKOFF_RATE_LIMITER_H_
