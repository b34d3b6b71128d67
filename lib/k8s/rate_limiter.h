// Client-side rate limiting: a token bucket that refills at `qps` tokens a
// second up to `burst`, like client-go's default limiter, so that a hot
// reconcile loop cannot flood the API server. Every request the REST client
// sends takes one token first. Thread-safe; time and sleeping are injected
// so tests run on a fake clock without waiting.
#ifndef SEI_LIB_K8S_RATE_LIMITER_H_
#define SEI_LIB_K8S_RATE_LIMITER_H_

#include <functional>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sei::k8s {

struct RateLimiterOptions {
  double qps = 20;  // <= 0: unlimited
  int burst = 30;   // bucket size; at least 1 (smaller values count as 1)
  std::function<absl::Time()> now = [] { return absl::Now(); };
  std::function<void(absl::Duration)> sleep = [](absl::Duration d) { absl::SleepFor(d); };
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimiterOptions options);

  // Takes a token, sleeping until one is available. Waiting callers are
  // served in the order they called (each reserves a future token).
  void Acquire();

  // Takes a token and returns how long the caller must wait before using
  // it (zero when one was available). Acquire() is Reserve() plus sleep.
  absl::Duration Reserve();

  // Takes a token only if one is available now.
  bool TryAcquire();

 private:
  // Adds the tokens earned since the last update. Requires mu_.
  void RefillLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  const RateLimiterOptions options_;
  const double capacity_;
  absl::Mutex mu_;
  // May go negative: tokens reserved by callers that are still waiting.
  double tokens_ ABSL_GUARDED_BY(mu_);
  absl::Time last_ ABSL_GUARDED_BY(mu_);
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_RATE_LIMITER_H_
