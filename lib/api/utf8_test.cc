#include "lib/api/utf8.h"

#include <catch2/catch.hpp>
#include <string>

namespace sei::api {
namespace {

TEST_CASE("IsValidUtf8 accepts well-formed text", "[utf8]") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("pacific-1"));
  CHECK(IsValidUtf8("caf\xC3\xA9"));           // é
  CHECK(IsValidUtf8("\xE2\x82\xAC"));          // €
  CHECK(IsValidUtf8("\xF0\x9F\x98\x80"));      // 😀
  CHECK(IsValidUtf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF
  CHECK(IsValidUtf8(std::string("a\0b", 3)));  // NUL is a valid code point
}

TEST_CASE("IsValidUtf8 rejects malformed text", "[utf8]") {
  CHECK_FALSE(IsValidUtf8("\x80"));              // lone continuation byte
  CHECK_FALSE(IsValidUtf8("\xC0\x80"));          // overlong NUL
  CHECK_FALSE(IsValidUtf8("\xE0\x80\x80"));      // overlong
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xF5\x80\x80\x80"));
  CHECK_FALSE(IsValidUtf8("\xC3"));  // truncated
  CHECK_FALSE(IsValidUtf8("\xE2\x82"));
  CHECK_FALSE(IsValidUtf8("\xC3\x28"));  // bad continuation
  CHECK_FALSE(IsValidUtf8("ok\xFF"));
}

}  // namespace
}  // namespace sei::api
