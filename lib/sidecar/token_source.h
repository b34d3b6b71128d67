// The bearer token the operator presents to every node's in-pod proxy
// (tasks.md §6.3, sidecar-protocol.md H10/H11). Kubernetes rotates projected
// service-account tokens in place, so the file is re-read once the cached
// copy is older than the refresh interval, and at once after the proxy
// answered 401 (Invalidate).
#ifndef SEI_LIB_SIDECAR_TOKEN_SOURCE_H_
#define SEI_LIB_SIDECAR_TOKEN_SOURCE_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace sei::sidecar {

inline constexpr char kServiceAccountTokenPath[] =
    "/var/run/secrets/kubernetes.io/serviceaccount/token";

class TokenSource {
 public:
  virtual ~TokenSource() = default;
  // The token to send as `Authorization: Bearer <token>`.
  virtual absl::StatusOr<std::string> Token() = 0;
  // The token was refused (401): the next Token() must not reuse it.
  virtual void Invalidate() = 0;
};

// A token read from a file, cached, re-read when older than
// `refresh_interval` or after Invalidate(). Thread-safe.
class FileTokenSource : public TokenSource {
 public:
  struct Options {
    std::string path = kServiceAccountTokenPath;
    absl::Duration refresh_interval = absl::Minutes(1);
    // Injectable for tests; defaults to absl::Now.
    std::function<absl::Time()> now;
  };

  explicit FileTokenSource(Options options);

  // Errors: the file cannot be read or holds only whitespace
  // (FailedPrecondition), unless a cached token that was never invalidated
  // is still at hand: a failed periodic re-read keeps the previous token, so
  // a rotation caught mid-write does not fail a sidecar call.
  absl::StatusOr<std::string> Token() override;
  void Invalidate() override;

 private:
  const Options options_;
  absl::Mutex mu_;
  std::optional<std::string> cached_ ABSL_GUARDED_BY(mu_);
  absl::Time read_at_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

// A fixed token (tests, or a token given on the command line).
class StaticTokenSource : public TokenSource {
 public:
  explicit StaticTokenSource(std::string token) : token_(std::move(token)) {}
  absl::StatusOr<std::string> Token() override { return token_; }
  void Invalidate() override {}

 private:
  const std::string token_;
};

}  // namespace sei::sidecar

#endif  // SEI_LIB_SIDECAR_TOKEN_SOURCE_H_
