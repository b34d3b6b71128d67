#include "lib/k8s/api_error.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace sei::k8s {
namespace {

// The payloads that travel with the status; their presence is what makes a
// status an API error.
constexpr absl::string_view kReasonPayload = "type.sei.io/k8s.ErrorReason";
constexpr absl::string_view kCodePayload = "type.sei.io/k8s.HttpCode";

absl::StatusCode CodeFor(ErrorReason reason) {
  switch (reason) {
    case ErrorReason::kNone:
      return absl::StatusCode::kUnknown;
    case ErrorReason::kNotFound:
      return absl::StatusCode::kNotFound;
    case ErrorReason::kAlreadyExists:
      return absl::StatusCode::kAlreadyExists;
    case ErrorReason::kConflict:
      return absl::StatusCode::kAborted;
    case ErrorReason::kGone:
      return absl::StatusCode::kOutOfRange;
    case ErrorReason::kInvalid:
    case ErrorReason::kBadRequest:
      return absl::StatusCode::kInvalidArgument;
    case ErrorReason::kUnauthorized:
      return absl::StatusCode::kUnauthenticated;
    case ErrorReason::kForbidden:
      return absl::StatusCode::kPermissionDenied;
    case ErrorReason::kTooManyRequests:
      return absl::StatusCode::kResourceExhausted;
    case ErrorReason::kTimeout:
      return absl::StatusCode::kDeadlineExceeded;
    case ErrorReason::kTransport:
    case ErrorReason::kInternal:
      return absl::StatusCode::kUnavailable;
    case ErrorReason::kOther:
      return absl::StatusCode::kUnknown;
  }
  return absl::StatusCode::kUnknown;
}

// The reason a code stands for when the body names none (or an unknown one).
ErrorReason ReasonForCode(int code) {
  switch (code) {
    case 400:
      return ErrorReason::kBadRequest;
    case 401:
      return ErrorReason::kUnauthorized;
    case 403:
      return ErrorReason::kForbidden;
    case 404:
      return ErrorReason::kNotFound;
    case 409:
      return ErrorReason::kConflict;
    case 410:
      return ErrorReason::kGone;
    case 422:
      return ErrorReason::kInvalid;
    case 429:
      return ErrorReason::kTooManyRequests;
    case 504:
      return ErrorReason::kTimeout;
    default:
      return code >= 500 ? ErrorReason::kInternal : ErrorReason::kOther;
  }
}

// metav1.StatusReason spellings; 409 is the one code two reasons share.
ErrorReason ReasonFromStatusObject(absl::string_view reason, int code) {
  if (reason == "AlreadyExists") return ErrorReason::kAlreadyExists;
  if (reason == "Conflict") return ErrorReason::kConflict;
  if (reason == "NotFound") return ErrorReason::kNotFound;
  if (reason == "Expired" || reason == "Gone") return ErrorReason::kGone;
  if (reason == "Invalid") return ErrorReason::kInvalid;
  if (reason == "BadRequest") return ErrorReason::kBadRequest;
  if (reason == "Unauthorized") return ErrorReason::kUnauthorized;
  if (reason == "Forbidden") return ErrorReason::kForbidden;
  if (reason == "TooManyRequests") return ErrorReason::kTooManyRequests;
  if (reason == "Timeout") return ErrorReason::kTimeout;
  return ReasonForCode(code);
}

}  // namespace

absl::Status ApiError(ErrorReason reason, int http_code, absl::string_view message) {
  if (reason == ErrorReason::kNone) reason = ErrorReason::kOther;
  absl::Status status(CodeFor(reason), message);
  status.SetPayload(kReasonPayload, absl::Cord(ReasonName(reason)));
  status.SetPayload(kCodePayload, absl::Cord(absl::StrCat(http_code)));
  return status;
}

absl::Status ApiErrorFromResponse(int http_code, absl::string_view body) {
  nlohmann::json parsed = nlohmann::json::parse(body.begin(), body.end(), nullptr,
                                                /*allow_exceptions=*/false);
  if (parsed.is_object() && parsed.value("kind", "") == "Status") {
    int code = http_code;
    if (parsed.contains("code") && parsed["code"].is_number_integer()) {
      code = parsed["code"].get<int>();
    }
    std::string reason = parsed.value("reason", "");
    std::string message = parsed.value("message", "");
    if (message.empty()) message = absl::StrCat("the server answered ", code, " ", reason);
    return ApiError(ReasonFromStatusObject(reason, code), code, message);
  }
  std::string message =
      body.empty() ? absl::StrCat("the server answered ", http_code)
                   : absl::StrCat("the server answered ", http_code, ": ", body.substr(0, 512));
  return ApiError(ReasonForCode(http_code), http_code, message);
}

ErrorReason ReasonOf(const absl::Status& status) {
  if (status.ok()) return ErrorReason::kNone;
  auto payload = status.GetPayload(kReasonPayload);
  if (!payload.has_value()) return ErrorReason::kNone;
  std::string name(*payload);
  for (ErrorReason r : {ErrorReason::kNotFound, ErrorReason::kAlreadyExists, ErrorReason::kConflict,
                        ErrorReason::kGone, ErrorReason::kInvalid, ErrorReason::kBadRequest,
                        ErrorReason::kUnauthorized, ErrorReason::kForbidden,
                        ErrorReason::kTooManyRequests, ErrorReason::kTimeout,
                        ErrorReason::kTransport, ErrorReason::kInternal, ErrorReason::kOther}) {
    if (ReasonName(r) == name) return r;
  }
  return ErrorReason::kNone;
}

int HttpCodeOf(const absl::Status& status) {
  auto payload = status.GetPayload(kCodePayload);
  int code = 0;
  if (payload.has_value() && absl::SimpleAtoi(std::string(*payload), &code)) return code;
  return 0;
}

absl::string_view ReasonName(ErrorReason reason) {
  switch (reason) {
    case ErrorReason::kNone:
      return "None";
    case ErrorReason::kNotFound:
      return "NotFound";
    case ErrorReason::kAlreadyExists:
      return "AlreadyExists";
    case ErrorReason::kConflict:
      return "Conflict";
    case ErrorReason::kGone:
      return "Gone";
    case ErrorReason::kInvalid:
      return "Invalid";
    case ErrorReason::kBadRequest:
      return "BadRequest";
    case ErrorReason::kUnauthorized:
      return "Unauthorized";
    case ErrorReason::kForbidden:
      return "Forbidden";
    case ErrorReason::kTooManyRequests:
      return "TooManyRequests";
    case ErrorReason::kTimeout:
      return "Timeout";
    case ErrorReason::kTransport:
      return "Transport";
    case ErrorReason::kInternal:
      return "InternalError";
    case ErrorReason::kOther:
      return "Other";
  }
  return "Other";
}

}  // namespace sei::k8s
