#include "lib/runtime/workqueue/backoff_rate_limiter.h"

#include <algorithm>
#include <cstdint>
#include <string>

namespace sei::runtime {

absl::Duration BackoffRateLimiter::When(absl::string_view key) {
  auto it = failures_.find(key);
  if (it == failures_.end()) it = failures_.emplace(std::string(key), 0).first;
  const int exponent = it->second++;
  // 2^62 is the largest power of two an int64 holds; a Duration product
  // saturates to infinity rather than wrapping, so the min() is always sound.
  if (exponent >= 62) return options_.cap;
  return std::min(options_.base * (int64_t{1} << exponent), options_.cap);
}

int BackoffRateLimiter::NumRequeues(absl::string_view key) const {
  auto it = failures_.find(key);
  return it == failures_.end() ? 0 : it->second;
}

void BackoffRateLimiter::Forget(absl::string_view key) {
  auto it = failures_.find(key);
  if (it != failures_.end()) failures_.erase(it);
}

}  // namespace sei::runtime
