// Errors of the Kubernetes API as absl::Status values. Every KubeClient call
// returns one of these on failure, whatever the transport, so callers branch
// on IsApiNotFound(status) & co. instead of on HTTP codes. The status carries
// the reason, the HTTP code and the server's message (the `message` of the
// metav1.Status it answered with).
#ifndef SEI_LIB_K8S_API_ERROR_H_
#define SEI_LIB_K8S_API_ERROR_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sei::k8s {

enum class ErrorReason {
  kNone,             // OK, or a status that is not an API error
  kNotFound,         // 404
  kAlreadyExists,    // 409 reason AlreadyExists
  kConflict,         // 409 reason Conflict (stale resourceVersion, precondition)
  kGone,             // 410 Expired/Gone: a watch or continue token too old, re-list
  kInvalid,          // 422
  kBadRequest,       // 400
  kUnauthorized,     // 401
  kForbidden,        // 403
  kTooManyRequests,  // 429
  kTimeout,          // 504 from the server, or the client's own deadline
  kTransport,        // no HTTP answer: connect/TLS/read failure
  kInternal,         // 5xx other than 504
  kOther,            // any other HTTP code
};

// A status for `reason`. The absl code follows the reason (kNotFound →
// NotFound, kAlreadyExists → AlreadyExists, kConflict → Aborted, kGone →
// OutOfRange, kInvalid/kBadRequest → InvalidArgument, kUnauthorized →
// Unauthenticated, kForbidden → PermissionDenied, kTooManyRequests →
// ResourceExhausted, kTimeout → DeadlineExceeded, kTransport/kInternal →
// Unavailable, kOther → Unknown). `http_code` is 0 when there was no answer.
absl::Status ApiError(ErrorReason reason, int http_code, absl::string_view message);

// The error a non-2xx answer stands for: the body's metav1.Status when it is
// one (reason, message), else the code alone with the body as message.
absl::Status ApiErrorFromResponse(int http_code, absl::string_view body);

ErrorReason ReasonOf(const absl::Status& status);
int HttpCodeOf(const absl::Status& status);        // 0 when unknown
absl::string_view ReasonName(ErrorReason reason);  // "NotFound", "Conflict", ...

inline bool IsApiNotFound(const absl::Status& s) { return ReasonOf(s) == ErrorReason::kNotFound; }
inline bool IsApiAlreadyExists(const absl::Status& s) {
  return ReasonOf(s) == ErrorReason::kAlreadyExists;
}
inline bool IsApiConflict(const absl::Status& s) { return ReasonOf(s) == ErrorReason::kConflict; }
inline bool IsApiGone(const absl::Status& s) { return ReasonOf(s) == ErrorReason::kGone; }
inline bool IsApiInvalid(const absl::Status& s) { return ReasonOf(s) == ErrorReason::kInvalid; }
inline bool IsApiUnauthorized(const absl::Status& s) {
  return ReasonOf(s) == ErrorReason::kUnauthorized;
}
inline bool IsApiForbidden(const absl::Status& s) { return ReasonOf(s) == ErrorReason::kForbidden; }

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_API_ERROR_H_
