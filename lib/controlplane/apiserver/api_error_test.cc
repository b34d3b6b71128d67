#include "lib/controlplane/apiserver/api_error.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace sei::controlplane {
namespace {

TEST_CASE("NotFoundError renders the apiserver's Status", "[api_error]") {
  const absl::Status status = NotFoundError("statefulsets", "apps", "n");
  CHECK(HttpCode(status) == 404);
  CHECK(Reason(status) == "NotFound");
  CHECK(status.code() == absl::StatusCode::kNotFound);
  const nlohmann::json expected = {
      {"kind", "Status"},
      {"apiVersion", "v1"},
      {"metadata", nlohmann::json::object()},
      {"status", "Failure"},
      {"message", "statefulsets.apps \"n\" not found"},
      {"reason", "NotFound"},
      {"details", {{"name", "n"}, {"group", "apps"}, {"kind", "statefulsets"}}},
      {"code", 404}};
  CHECK(StatusObject(status) == expected);
}

TEST_CASE("core-group errors omit the group", "[api_error]") {
  const nlohmann::json status = StatusObject(AlreadyExistsError("pods", "", "p"));
  CHECK(status["message"] == "pods \"p\" already exists");
  CHECK(status["details"] == nlohmann::json({{"name", "p"}, {"kind", "pods"}}));
  CHECK(status["code"] == 409);
  CHECK(status["reason"] == "AlreadyExists");
}

TEST_CASE("ConflictError words the reason after the resource", "[api_error]") {
  const absl::Status status = ConflictError("pods", "", "p", "the object has been modified");
  CHECK(HttpCode(status) == 409);
  CHECK(Reason(status) == "Conflict");
  CHECK(status.message() == "Operation cannot be fulfilled on pods \"p\": the object has been modified");
}

TEST_CASE("BadRequest has no details", "[api_error]") {
  const nlohmann::json status = StatusObject(BadRequestError("nope"));
  CHECK(status["code"] == 400);
  CHECK(status["reason"] == "BadRequest");
  CHECK_FALSE(status.contains("details"));
}

TEST_CASE("non-API errors become 500 InternalError; OK is Success", "[api_error]") {
  const nlohmann::json status = StatusObject(absl::UnknownError("boom"));
  CHECK(status["code"] == 500);
  CHECK(status["reason"] == "InternalError");
  CHECK(status["message"] == "Internal error occurred: boom");
  CHECK(HttpCode(absl::UnknownError("x")) == 500);
  CHECK(StatusObject(absl::OkStatus())["status"] == "Success");
  CHECK(HttpCode(absl::OkStatus()) == 200);
}

TEST_CASE("a Status object round-trips through absl::Status", "[api_error]") {
  const absl::Status original = ApiError(410, "Expired", "too old resource version: 1 (5)");
  const absl::Status copy = ApiErrorFromStatusObject(StatusObject(original));
  CHECK(StatusObject(copy) == StatusObject(original));
  CHECK(HttpCode(copy) == 410);
  CHECK(copy.code() == absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace sei::controlplane
