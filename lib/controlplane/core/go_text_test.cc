// Go's text formatting as the control plane reproduces it: strconv floats
// and quoting, utf8 decoding, encoding/json's scalars. Expected strings are
// what Go 1.22 prints for the same inputs.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "lib/controlplane/core/go_json_encoding.h"
#include "lib/controlplane/core/go_strconv.h"
#include "lib/controlplane/core/go_utf8.h"

namespace sei::controlplane {
namespace {

TEST_CASE("GoFormatFloat 'g' matches fmt's %v", "[go_text]") {
  CHECK(GoFormatFloat(1, 'g') == "1");
  CHECK(GoFormatFloat(1.5, 'g') == "1.5");
  CHECK(GoFormatFloat(-2.25, 'g') == "-2.25");
  CHECK(GoFormatFloat(0.1, 'g') == "0.1");
  CHECK(GoFormatFloat(0.005, 'g') == "0.005");
  CHECK(GoFormatFloat(0.1 + 0.2, 'g') == "0.30000000000000004");
  CHECK(GoFormatFloat(123456, 'g') == "123456");
  CHECK(GoFormatFloat(1e6, 'g') == "1e+06");
  CHECK(GoFormatFloat(1234567, 'g') == "1.234567e+06");
  CHECK(GoFormatFloat(2147483647, 'g') == "2.147483647e+09");
  CHECK(GoFormatFloat(3e9, 'g') == "3e+09");
  CHECK(GoFormatFloat(1e21, 'g') == "1e+21");
  CHECK(GoFormatFloat(1e100, 'g') == "1e+100");
  CHECK(GoFormatFloat(0.0001, 'g') == "0.0001");
  CHECK(GoFormatFloat(0.00001, 'g') == "1e-05");
  CHECK(GoFormatFloat(0, 'g') == "0");
  CHECK(GoFormatFloat(-0.0, 'g') == "-0");
}

TEST_CASE("GoFormatFloat 'e' and 'f' match strconv", "[go_text]") {
  CHECK(GoFormatFloat(-1.5, 'f') == "-1.5");
  CHECK(GoFormatFloat(1e21, 'f') == "1000000000000000000000");
  CHECK(GoFormatFloat(0.00012, 'f') == "0.00012");
  CHECK(GoFormatFloat(1e21, 'e') == "1e+21");
  CHECK(GoFormatFloat(1.25e-7, 'e') == "1.25e-07");
  CHECK(GoFormatFloat(0, 'e') == "0e+00");
  CHECK(GoFormatFloat(std::nan(""), 'g') == "NaN");
  CHECK(GoFormatFloat(std::numeric_limits<double>::infinity(), 'f') == "+Inf");
  CHECK(GoFormatFloat(-std::numeric_limits<double>::infinity(), 'e') == "-Inf");
}

TEST_CASE("GoQuote matches strconv.Quote", "[go_text]") {
  CHECK(GoQuote("Foo") == "\"Foo\"");
  CHECK(GoQuote("") == "\"\"");
  CHECK(GoQuote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(GoQuote("l1\nl2\tx\r") == "\"l1\\nl2\\tx\\r\"");
  CHECK(GoQuote("\a\b\f\v") == "\"\\a\\b\\f\\v\"");
  CHECK(GoQuote(std::string("\x01\x7f", 2)) == "\"\\x01\\x7f\"");
  CHECK(GoQuote("caf\xC3\xA9") == "\"caf\xC3\xA9\"");            // é prints as is
  CHECK(GoQuote("\xF0\x9F\x98\x80") == "\"\xF0\x9F\x98\x80\"");  // 😀 too
  CHECK(GoQuote("ok\xFF") == "\"ok\\xff\"");                     // invalid UTF-8
  CHECK(GoQuote("a\xC2\xA0"
                "b") == "\"a\\u00a0b\"");                   // NO-BREAK SPACE
  CHECK(GoQuote("\xE2\x80\x8B") == "\"\\u200b\"");          // ZERO WIDTH SPACE
  CHECK(GoQuote("\xF3\xA0\x80\x81") == "\"\\U000e0001\"");  // LANGUAGE TAG
}

TEST_CASE("GoDecodeRune and GoRuneCount follow utf8's well-formedness", "[go_text]") {
  CHECK(GoDecodeRune("a", 0) == std::pair<char32_t, int>{'a', 1});
  CHECK(GoDecodeRune("h\xC3\xA9", 1) == std::pair<char32_t, int>{0xE9, 2});
  CHECK(GoDecodeRune("\xF0\x9F\x98\x80", 0) == std::pair<char32_t, int>{0x1F600, 4});
  CHECK(GoDecodeRune("\xC0\x80", 0) == std::pair<char32_t, int>{kGoRuneError, 1});      // overlong
  CHECK(GoDecodeRune("\xED\xA0\x80", 0) == std::pair<char32_t, int>{kGoRuneError, 1});  // surrogate
  CHECK(GoDecodeRune("\xF4\x90\x80\x80", 0) ==
        std::pair<char32_t, int>{kGoRuneError, 1});  // above U+10FFFF

  CHECK(GoRuneCount("") == 0);
  CHECK(GoRuneCount("pacific-1") == 9);
  CHECK(GoRuneCount("h\xC3\xA9llo") == 5);
  CHECK(GoRuneCount("\xF0\x9F\x98\x80") == 1);
  CHECK(GoRuneCount("\xFF\xFE") == 2);
  CHECK(GoRuneCount("\xE2\x82") == 2);  // truncated sequence
}

TEST_CASE("encoding/json scalars", "[go_text]") {
  std::string out;
  AppendGoJsonString("<a&b> \xE2\x80\xA8 \x01 \t \xC3\xA9 \xFF", &out);
  CHECK(out == "\"\\u003ca\\u0026b\\u003e \\u2028 \\u0001 \\t \xC3\xA9 \\ufffd\"");

  CHECK(GoJsonFloat(1.5) == "1.5");
  CHECK(GoJsonFloat(100) == "100");
  CHECK(GoJsonFloat(1e20) == "100000000000000000000");
  CHECK(GoJsonFloat(1e21) == "1e+21");
  CHECK(GoJsonFloat(0.000001) == "0.000001");
  CHECK(GoJsonFloat(1e-7) == "1e-7");
  CHECK(GoJsonFloat(-1.5e-10) == "-1.5e-10");
  CHECK(GoJsonFloat(0) == "0");
  CHECK(GoJsonFloat(std::nan("")) == "null");
}

}  // namespace
}  // namespace sei::controlplane
