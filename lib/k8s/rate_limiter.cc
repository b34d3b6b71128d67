#include "lib/k8s/rate_limiter.h"

#include <algorithm>
#include <utility>

namespace sei::k8s {

RateLimiter::RateLimiter(RateLimiterOptions options)
    : options_(std::move(options)),
      capacity_(std::max(1, options_.burst)),
      tokens_(capacity_),
      last_(options_.now()) {}

void RateLimiter::RefillLocked(absl::Time now) {
  if (now <= last_) return;
  tokens_ = std::min(capacity_, tokens_ + absl::ToDoubleSeconds(now - last_) * options_.qps);
  last_ = now;
}

absl::Duration RateLimiter::Reserve() {
  if (options_.qps <= 0) return absl::ZeroDuration();
  absl::MutexLock lock(&mu_);
  RefillLocked(options_.now());
  tokens_ -= 1;
  if (tokens_ >= 0) return absl::ZeroDuration();
  // The deficit is repaid at qps tokens a second.
  return absl::Seconds(-tokens_ / options_.qps);
}

void RateLimiter::Acquire() {
  absl::Duration wait = Reserve();
  if (wait > absl::ZeroDuration()) options_.sleep(wait);
}

bool RateLimiter::TryAcquire() {
  if (options_.qps <= 0) return true;
  absl::MutexLock lock(&mu_);
  RefillLocked(options_.now());
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

}  // namespace sei::k8s
