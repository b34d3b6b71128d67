#include "lib/k8s/watch_event_decoder.h"

#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"

namespace sei::k8s {
namespace {

TEST_CASE("watch lines decode into events", "[watch]") {
  auto added = DecodeWatchEvent(
      R"({"type":"ADDED","object":{"kind":"ConfigMap","metadata":{"name":"a","resourceVersion":"5"}}})");
  REQUIRE(added.ok());
  CHECK(added->type == WatchEvent::Type::kAdded);
  CHECK(added->object["metadata"]["name"] == "a");
  CHECK(DecodeWatchEvent(R"({"type":"MODIFIED","object":{}})")->type ==
        WatchEvent::Type::kModified);
  CHECK(DecodeWatchEvent(R"({"type":"DELETED","object":{}})")->type == WatchEvent::Type::kDeleted);
  auto bookmark =
      DecodeWatchEvent(R"({"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}})");
  REQUIRE(bookmark.ok());
  CHECK(bookmark->type == WatchEvent::Type::kBookmark);
}

TEST_CASE("an ERROR event is the error it carries", "[watch]") {
  auto gone = DecodeWatchEvent(
      R"({"type":"ERROR","object":{"kind":"Status","status":"Failure","reason":"Expired",)"
      R"j("code":410,"message":"too old resource version: 1 (50)"}})j");
  REQUIRE_FALSE(gone.ok());
  CHECK(IsApiGone(gone.status()));
  CHECK(HttpCodeOf(gone.status()) == 410);
  CHECK(gone.status().message() == "too old resource version: 1 (50)");
  auto internal = DecodeWatchEvent(R"({"type":"ERROR","object":{"kind":"Status"}})");
  CHECK(ReasonOf(internal.status()) == ErrorReason::kInternal);
}

TEST_CASE("lines that are not events break the stream", "[watch]") {
  for (const char* line : {"not json", "[]", R"({"object":{}})", R"({"type":"ADDED"})",
                           R"({"type":"SOMETHING","object":{}})", R"({"type":1,"object":{}})"}) {
    INFO(line);
    auto event = DecodeWatchEvent(line);
    REQUIRE_FALSE(event.ok());
    CHECK(ReasonOf(event.status()) == ErrorReason::kTransport);
  }
}

}  // namespace
}  // namespace sei::k8s
