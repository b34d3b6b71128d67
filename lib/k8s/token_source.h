// The bearer token a request carries. A literal token never changes; a token
// file (a projected service-account token, which the kubelet rotates in
// place) is cached and re-read when the file's modification time or size
// changes, and after the server answered 401 (Invalidate), so a rotated
// token is picked up without a restart. Thread-safe.
#ifndef SEI_LIB_K8S_TOKEN_SOURCE_H_
#define SEI_LIB_K8S_TOKEN_SOURCE_H_

#include <ctime>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

namespace sei::k8s {

class TokenSource {
 public:
  static std::unique_ptr<TokenSource> FromString(std::string token);
  static std::unique_ptr<TokenSource> FromFile(std::string path);

  // The token, surrounding whitespace trimmed ("" for an empty literal: no
  // Authorization header). Errors: the file cannot be read, or is empty.
  // When a re-read fails after an earlier success, the error is returned;
  // the stale token is never used silently.
  absl::StatusOr<std::string> Token();

  // The server rejected the token: the next Token() re-reads the file.
  void Invalidate();

  // Whether a rejected token may be replaced by re-reading (a file source).
  bool CanRefresh() const { return !path_.empty(); }

  // How many times the file was read (for tests and debugging).
  int reads() const;

 private:
  TokenSource(std::string token, std::string path);

  // The file's identity as far as change detection goes.
  struct Stamp {
    timespec mtime{};
    off_t size = -1;
    bool operator==(const Stamp& o) const {
      return mtime.tv_sec == o.mtime.tv_sec && mtime.tv_nsec == o.mtime.tv_nsec && size == o.size;
    }
  };

  const std::string path_;  // empty: a literal token
  mutable absl::Mutex mu_;
  std::string token_ ABSL_GUARDED_BY(mu_);
  Stamp stamp_ ABSL_GUARDED_BY(mu_);
  bool valid_ ABSL_GUARDED_BY(mu_) = false;
  int reads_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_TOKEN_SOURCE_H_
