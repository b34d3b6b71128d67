#include "lib/sidecar/task_json.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "absl/strings/match.h"

namespace sei::sidecar {
namespace {

using nlohmann::json;

TEST_CASE("A task request leaves out null params", "[sidecar][json]") {
  TaskRequest request{"0b6f0d2e-6c9a-5b1e-9a53-2f4c8e1d7a10", "mark-ready", nullptr};
  CHECK(json::parse(EncodeTaskRequest(request)) ==
        json{{"id", "0b6f0d2e-6c9a-5b1e-9a53-2f4c8e1d7a10"}, {"type", "mark-ready"}});
  request.params = {{"targetHeight", 5}};
  CHECK(json::parse(EncodeTaskRequest(request))["params"] == json{{"targetHeight", 5}});
  request.id.clear();
  CHECK_FALSE(json::parse(EncodeTaskRequest(request)).contains("id"));
}

TEST_CASE("A submit answer needs a non-nil UUID id", "[sidecar][json]") {
  auto ok = ParseSubmittedId(R"({"id":"0B6F0D2E-6C9A-5B1E-9A53-2F4C8E1D7A10"})");
  REQUIRE(ok.ok());
  CHECK(*ok == "0B6F0D2E-6C9A-5B1E-9A53-2F4C8E1D7A10");
  for (const char* body : {"", "null", "[]", R"({"id":7})", R"({"id":"not-a-uuid"})",
                           R"({"id":"00000000-0000-0000-0000-000000000000"})", "{"}) {
    INFO(body);
    CHECK(ParseSubmittedId(body).status().code() == absl::StatusCode::kInvalidArgument);
  }
}

TEST_CASE("A complete TaskResult parses", "[sidecar][json]") {
  auto result = ParseTaskResult(R"({
    "id":"a9b1c2d3-0000-4000-8000-000000000001","type":"config-apply","status":"failed",
    "run":2,"params":{"mode":"full"},"error":"config validation failed: []",
    "submittedAt":"2024-05-01T10:00:00.123456Z","completedAt":"2024-05-01T10:00:01Z",
    "extra":true})");
  REQUIRE(result.ok());
  CHECK(result->id == "a9b1c2d3-0000-4000-8000-000000000001");
  CHECK(result->type == "config-apply");
  CHECK(result->state == TaskState::kFailed);
  CHECK(result->run == 2);
  CHECK(result->params == json{{"mode", "full"}});
  CHECK(result->error == "config validation failed: []");
  REQUIRE(result->submitted_at.has_value());
  CHECK(*result->submitted_at == absl::FromUnixSeconds(1714557600) + absl::Microseconds(123456));
  REQUIRE(result->completed_at.has_value());
  CHECK(*result->completed_at == absl::FromUnixSeconds(1714557601));
}

TEST_CASE("A minimal running TaskResult parses", "[sidecar][json]") {
  auto result = ParseTaskResult(R"({"id":"x","type":"mark-ready","status":"running","run":1,
                                    "error":null})");
  REQUIRE(result.ok());
  CHECK(result->state == TaskState::kRunning);
  CHECK(result->params.is_null());
  CHECK(result->error.empty());
  CHECK_FALSE(result->submitted_at.has_value());
  CHECK(TaskStateName(result->state) == "running");
  CHECK(TaskStateName(TaskState::kCompleted) == "completed");
}

TEST_CASE("A malformed TaskResult is rejected with the reason", "[sidecar][json]") {
  struct Case {
    const char* body;
    const char* why;
  };
  for (const Case& c : {
           Case{"not json", "not a JSON object"},
           Case{R"({"type":"x","status":"running"})", "no string `id`"},
           Case{R"({"id":"x","status":"done"})", "`status` \"done\""},
           Case{R"({"id":"x"})", "`status` \"\""},
           Case{R"({"id":"x","status":"running","run":"1"})", "`run` is not an integer"},
           Case{R"({"id":"x","status":"running","params":[]})", "`params` is not an object"},
           Case{R"({"id":"x","status":"failed","error":5})", "`error` is not a string"},
           Case{R"({"id":"x","status":"running","submittedAt":"yesterday"})",
                "`submittedAt` is not an RFC 3339 time"},
       }) {
    INFO(c.body);
    auto result = ParseTaskResult(c.body);
    REQUIRE_FALSE(result.ok());
    CHECK(absl::StrContains(result.status().message(), c.why));
  }
}

}  // namespace
}  // namespace sei::sidecar
