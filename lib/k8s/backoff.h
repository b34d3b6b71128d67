// Exponential backoff between retries of a failing operation (a LIST or
// WATCH that errors): initial, then doubled each failure up to a cap, back
// to initial after a success. Not thread-safe; one per retry loop.
#ifndef SEI_LIB_K8S_BACKOFF_H_
#define SEI_LIB_K8S_BACKOFF_H_

#include "absl/time/time.h"

namespace sei::k8s {

class Backoff {
 public:
  Backoff(absl::Duration initial, absl::Duration max) : initial_(initial), max_(max) {}

  // The delay before the next attempt; the one after it is twice as long.
  absl::Duration Next() {
    absl::Duration delay = current_ == absl::ZeroDuration() ? initial_ : current_;
    if (delay > max_) delay = max_;
    current_ = delay * 2;
    return delay;
  }

  void Reset() { current_ = absl::ZeroDuration(); }

 private:
  const absl::Duration initial_;
  const absl::Duration max_;
  absl::Duration current_ = absl::ZeroDuration();
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_BACKOFF_H_
