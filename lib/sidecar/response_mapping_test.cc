#include "lib/sidecar/response_mapping.h"

#include <catch2/catch.hpp>
#include <string>

#include "absl/strings/match.h"

namespace sei::sidecar {
namespace {

using absl::StatusCode;

const AnswerContext kContext{"prod"};
constexpr char kId[] = "a9b1c2d3-0000-4000-8000-000000000001";

HttpAnswer Answer(int status, std::string body = "") { return HttpAnswer{status, std::move(body)}; }

TEST_CASE("Submit: 201 and 202 with a UUID are accepted", "[sidecar][mapping]") {
  const std::string body = std::string(R"({"id":")") + kId + R"("})";
  CHECK(MapSubmitAnswer("mark-ready", kContext, Answer(201, body)).ok());
  CHECK(MapSubmitAnswer("mark-ready", kContext, Answer(202, body)).ok());
}

TEST_CASE("Submit: 201 without a body or with the nil UUID is an error", "[sidecar][mapping]") {
  absl::Status empty = MapSubmitAnswer("mark-ready", kContext, Answer(201));
  CHECK(empty.code() == StatusCode::kDataLoss);
  CHECK(absl::StartsWith(empty.message(),
                         "sidecar mark-ready task submission returned 201 without a usable id"));
  absl::Status nil = MapSubmitAnswer(
      "mark-ready", kContext, Answer(202, R"({"id":"00000000-0000-0000-0000-000000000000"})"));
  CHECK(nil.code() == StatusCode::kDataLoss);
  CHECK(absl::StrContains(nil.message(), "nil UUID"));
}

TEST_CASE("Submit: 400 is a terminal rejection with the sidecar's message", "[sidecar][mapping]") {
  absl::Status s = MapSubmitAnswer("config-apply", kContext,
                                   Answer(400, R"({"error":"unknown task type: config-apply"})"));
  CHECK(s.code() == StatusCode::kInvalidArgument);
  CHECK(s.message() == "sidecar rejected config-apply task: unknown task type: config-apply");
  // A non-JSON 400 quotes the body.
  absl::Status plain = MapSubmitAnswer("x", kContext, Answer(400, "bad\n"));
  CHECK(plain.message() == "sidecar rejected x task: bad");
}

TEST_CASE("Submit: a `persist task:` 400 is transient", "[sidecar][mapping]") {
  absl::Status s = MapSubmitAnswer("mark-ready", kContext,
                                   Answer(400, R"({"error":"persist task: database is locked"})"));
  CHECK(s.code() == StatusCode::kUnavailable);
  CHECK(s.message() == "sidecar rejected mark-ready task: persist task: database is locked");
}

TEST_CASE("Submit: other codes are transient and quote the body", "[sidecar][mapping]") {
  absl::Status s = MapSubmitAnswer("mark-ready", kContext, Answer(503, "overloaded\n"));
  CHECK(s.code() == StatusCode::kUnavailable);
  CHECK(s.message() == "sidecar mark-ready task submission returned 503: overloaded");
  CHECK(MapSubmitAnswer("mark-ready", kContext, Answer(200, "{}")).code() ==
        StatusCode::kUnavailable);
}

TEST_CASE("401 is Unauthenticated, 403 names the missing permission", "[sidecar][mapping]") {
  absl::Status unauthenticated =
      MapSubmitAnswer("mark-ready", kContext, Answer(401, "Unauthorized\n"));
  CHECK(unauthenticated.code() == StatusCode::kUnauthenticated);
  CHECK(absl::StartsWith(unauthenticated.message(),
                         "sidecar mark-ready task submission returned 401: Unauthorized"));

  absl::Status create = MapSubmitAnswer("mark-ready", kContext, Answer(403, "Forbidden"));
  CHECK(create.code() == StatusCode::kPermissionDenied);
  CHECK(absl::StrContains(create.message(),
                          "lacks \"create\" on seinodetasks.sei.io in namespace \"prod\""));

  auto get = MapPollAnswer(kId, kContext, Answer(403, "Forbidden"));
  CHECK(get.status().code() == StatusCode::kPermissionDenied);
  CHECK(absl::StrContains(get.status().message(), "lacks \"get\" on seinodetasks.sei.io"));
  CHECK(MapHealthAnswer(kContext, Answer(401)).status().code() == StatusCode::kUnauthenticated);
  CHECK(MapNodeIdAnswer(kContext, Answer(403)).status().code() == StatusCode::kPermissionDenied);
}

TEST_CASE("Poll: 200 results, 404 not found, garbage is DataLoss", "[sidecar][mapping]") {
  const std::string completed =
      std::string(R"({"id":")") + kId + R"(","type":"mark-ready","status":"completed","run":1})";
  auto ok = MapPollAnswer(kId, kContext, Answer(200, completed));
  REQUIRE(ok.ok());
  CHECK(ok->state == TaskState::kCompleted);

  auto missing = MapPollAnswer(kId, kContext, Answer(404, R"({"error":"task not found"})"));
  CHECK(missing.status().code() == StatusCode::kNotFound);
  CHECK(missing.status().message() ==
        std::string("sidecar has no task ") + kId + ": task not found");

  auto garbage = MapPollAnswer(kId, kContext, Answer(200, "<html>"));
  CHECK(garbage.status().code() == StatusCode::kDataLoss);
  auto empty = MapPollAnswer(kId, kContext, Answer(200));
  CHECK(empty.status().code() == StatusCode::kDataLoss);
  auto other = MapPollAnswer("other-id", kContext, Answer(200, completed));
  CHECK(other.status().code() == StatusCode::kDataLoss);
  CHECK(absl::StrContains(other.status().message(), "the result of task"));

  auto failing = MapPollAnswer(kId, kContext, Answer(500, "boom"));
  CHECK(failing.status().code() == StatusCode::kUnavailable);
  CHECK(failing.status().message() ==
        std::string("sidecar task ") + kId + " poll returned 500: boom");
}

TEST_CASE("Healthz: 200 ready, 503 not ready, others an error", "[sidecar][mapping]") {
  CHECK(*MapHealthAnswer(kContext, Answer(200)) == Health::kReady);
  CHECK(*MapHealthAnswer(kContext, Answer(503)) == Health::kNotReady);
  auto other = MapHealthAnswer(kContext, Answer(500, "store down"));
  CHECK(other.status().code() == StatusCode::kUnavailable);
  CHECK(other.status().message() == "sidecar healthz returned 500: store down");
}

TEST_CASE("Node ID: 200 with nodeId, else errors", "[sidecar][mapping]") {
  auto ok = MapNodeIdAnswer(
      kContext, Answer(200, R"({"nodeId":"56475aa75463474c0285df5dbf2bcab73da65135"})"));
  REQUIRE(ok.ok());
  CHECK(*ok == "56475aa75463474c0285df5dbf2bcab73da65135");
  CHECK(MapNodeIdAnswer(kContext, Answer(200, R"({"nodeId":""})")).status().code() ==
        StatusCode::kDataLoss);
  CHECK(MapNodeIdAnswer(kContext, Answer(200, "{}")).status().code() == StatusCode::kDataLoss);
  CHECK(MapNodeIdAnswer(kContext, Answer(200, "nope")).status().code() == StatusCode::kDataLoss);
  auto failed = MapNodeIdAnswer(kContext, Answer(500, R"({"error":"node_key.json not found"})"));
  CHECK(failed.status().code() == StatusCode::kUnavailable);
  CHECK(failed.status().message() ==
        R"(node-id returned 500: {"error":"node_key.json not found"})");
}

TEST_CASE("Quoted bodies are bounded and made valid UTF-8", "[sidecar][mapping]") {
  absl::Status huge = MapSubmitAnswer("x", kContext, Answer(500, std::string(5000, 'a')));
  CHECK(huge.message().size() < 600);
  CHECK(absl::EndsWith(huge.message(), "…"));
  absl::Status binary = MapSubmitAnswer("x", kContext, Answer(500, "\xff\xfe ok"));
  CHECK(absl::StrContains(binary.message(), "\xEF\xBF\xBD"));  // U+FFFD
  CHECK_FALSE(absl::StrContains(binary.message(), "\xff"));
}

}  // namespace
}  // namespace sei::sidecar
