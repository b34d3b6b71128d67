#include "lib/controlplane/core/json_pointer.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace sei::controlplane {
namespace {

using nlohmann::json;

// RFC 6901 §5.
const json& Rfc6901Document() {
  static const json* const doc = new json(json::parse(R"({
    "foo": ["bar", "baz"], "": 0, "a/b": 1, "c%d": 2, "e^f": 3, "g|h": 4,
    "i\\j": 5, "k\"l": 6, " ": 7, "m~n": 8
  })"));
  return *doc;
}

json Lookup(const std::string& pointer) {
  absl::StatusOr<JsonPointer> parsed = JsonPointer::Parse(pointer);
  REQUIRE(parsed.ok());
  absl::StatusOr<const json*> found = parsed->Resolve(Rfc6901Document());
  REQUIRE(found.ok());
  return **found;
}

TEST_CASE("JSON Pointer resolves every RFC 6901 section 5 example", "[json_pointer]") {
  CHECK(Lookup("") == Rfc6901Document());
  CHECK(Lookup("/foo") == json::parse(R"(["bar", "baz"])"));
  CHECK(Lookup("/foo/0") == "bar");
  CHECK(Lookup("/") == 0);
  CHECK(Lookup("/a~1b") == 1);
  CHECK(Lookup("/c%d") == 2);
  CHECK(Lookup("/e^f") == 3);
  CHECK(Lookup("/g|h") == 4);
  CHECK(Lookup("/i\\j") == 5);
  CHECK(Lookup("/k\"l") == 6);
  CHECK(Lookup("/ ") == 7);
  CHECK(Lookup("/m~0n") == 8);
}

TEST_CASE("JSON Pointer unescapes ~1 before ~0 is applied, left to right", "[json_pointer]") {
  // "~01" is "~1", never "/": the escape is read as '~0' then a literal '1'.
  auto pointer = JsonPointer::Parse("/~01/~10/a~0~1b");
  REQUIRE(pointer.ok());
  CHECK(pointer->tokens() == std::vector<std::string>{"~1", "/0", "a~/b"});
}

TEST_CASE("JSON Pointer rejects malformed text", "[json_pointer]") {
  for (const char* text : {"foo", "foo/bar", "/a~", "/a~2", "/~x"}) {
    INFO(text);
    absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse(text);
    REQUIRE_FALSE(pointer.ok());
    CHECK(pointer.status().code() == absl::StatusCode::kInvalidArgument);
  }
}

TEST_CASE("JSON Pointer distinguishes missing paths from bad indexes", "[json_pointer]") {
  const json doc = json::parse(R"({"a": [10, 20], "s": "x"})");
  auto resolve = [&doc](const std::string& text) {
    absl::StatusOr<JsonPointer> pointer = JsonPointer::Parse(text);
    REQUIRE(pointer.ok());
    return pointer->Resolve(doc).status();
  };
  CHECK(resolve("/a/1").ok());
  CHECK(resolve("/b").code() == absl::StatusCode::kNotFound);
  CHECK(resolve("/a/2").code() == absl::StatusCode::kNotFound);
  CHECK(resolve("/s/0").code() == absl::StatusCode::kNotFound);  // into a scalar
  CHECK(resolve("/a/01").code() == absl::StatusCode::kInvalidArgument);
  CHECK(resolve("/a/-").code() == absl::StatusCode::kInvalidArgument);
  CHECK(resolve("/a/-1").code() == absl::StatusCode::kInvalidArgument);
  CHECK(resolve("/a/1x").code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("ParseArrayIndex follows RFC 6901 section 4", "[json_pointer]") {
  CHECK(ParseArrayIndex("0") == 0u);
  CHECK(ParseArrayIndex("7") == 7u);
  CHECK(ParseArrayIndex("120") == 120u);
  CHECK_FALSE(ParseArrayIndex("").has_value());
  CHECK_FALSE(ParseArrayIndex("00").has_value());
  CHECK_FALSE(ParseArrayIndex("01").has_value());
  CHECK_FALSE(ParseArrayIndex("-").has_value());
  CHECK_FALSE(ParseArrayIndex("+1").has_value());
  CHECK_FALSE(ParseArrayIndex("99999999999999999999999").has_value());  // overflow
}

TEST_CASE("IsProperPrefixOf is strict ancestry by whole tokens", "[json_pointer]") {
  auto p = [](const char* text) { return *JsonPointer::Parse(text); };
  CHECK(p("").IsProperPrefixOf(p("/a")));
  CHECK(p("/a").IsProperPrefixOf(p("/a/b")));
  CHECK_FALSE(p("/a").IsProperPrefixOf(p("/a")));
  CHECK_FALSE(p("/a").IsProperPrefixOf(p("/ab")));
  CHECK_FALSE(p("/a/b").IsProperPrefixOf(p("/a")));
}

}  // namespace
}  // namespace sei::controlplane
