#include "lib/k8s/api_error.h"

#include <catch2/catch.hpp>

namespace sei::k8s {
namespace {

TEST_CASE("a metav1.Status body gives its reason, code and message") {
  absl::Status s = ApiErrorFromResponse(
      409, R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"AlreadyExists",)"
           R"("message":"pods \"p\" already exists","code":409})");
  CHECK(IsApiAlreadyExists(s));
  CHECK_FALSE(IsApiConflict(s));
  CHECK(s.code() == absl::StatusCode::kAlreadyExists);
  CHECK(HttpCodeOf(s) == 409);
  CHECK(s.message() == "pods \"p\" already exists");
}

TEST_CASE("409 Conflict and 410 Expired are told apart from their bodies") {
  CHECK(IsApiConflict(ApiErrorFromResponse(
      409, R"({"kind":"Status","reason":"Conflict","message":"stale","code":409})")));
  absl::Status gone = ApiErrorFromResponse(
      410,
      R"({"kind":"Status","reason":"Expired","message":"too old resource version","code":410})");
  CHECK(IsApiGone(gone));
  CHECK(gone.code() == absl::StatusCode::kOutOfRange);
}

TEST_CASE("a body that is not a Status falls back to the HTTP code") {
  absl::Status s = ApiErrorFromResponse(403, "forbidden by proxy");
  CHECK(IsApiForbidden(s));
  CHECK(HttpCodeOf(s) == 403);
  CHECK(s.message() == "the server answered 403: forbidden by proxy");
  CHECK(ReasonOf(ApiErrorFromResponse(503, "")) == ErrorReason::kInternal);
  CHECK(ReasonOf(ApiErrorFromResponse(504, "")) == ErrorReason::kTimeout);
  CHECK(ReasonOf(ApiErrorFromResponse(418, "")) == ErrorReason::kOther);
}

TEST_CASE("plain statuses and OK carry no API reason") {
  CHECK(ReasonOf(absl::OkStatus()) == ErrorReason::kNone);
  CHECK(ReasonOf(absl::NotFoundError("not an API error")) == ErrorReason::kNone);
  CHECK_FALSE(IsApiNotFound(absl::NotFoundError("x")));
  CHECK(HttpCodeOf(absl::InternalError("x")) == 0);
}

TEST_CASE("transport errors have no HTTP code") {
  absl::Status s = ApiError(ErrorReason::kTransport, 0, "connection refused");
  CHECK(ReasonOf(s) == ErrorReason::kTransport);
  CHECK(s.code() == absl::StatusCode::kUnavailable);
  CHECK(HttpCodeOf(s) == 0);
}

}  // namespace
}  // namespace sei::k8s
