#include "lib/planner/validation/go_duration.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <limits>
#include <string>

namespace sei::planner {
namespace {

constexpr int64_t kMaxNs = std::numeric_limits<int64_t>::max();
constexpr int64_t kMinNs = std::numeric_limits<int64_t>::min();

struct ParseCase {
  std::string text;
  absl::Duration want;
};

// Largely Go's own time.ParseDuration test table.
TEST_CASE("ParseGoDuration accepts Go's grammar", "[go_duration]") {
  using absl::Hours;
  using absl::Microseconds;
  using absl::Milliseconds;
  using absl::Minutes;
  using absl::Nanoseconds;
  using absl::Seconds;
  const ParseCase cases[] = {
      {"0", absl::ZeroDuration()},
      {"-0", absl::ZeroDuration()},
      {"+0", absl::ZeroDuration()},
      {"0s", absl::ZeroDuration()},
      {"5s", Seconds(5)},
      {"30s", Seconds(30)},
      {"1478s", Seconds(1478)},
      {"-5s", Seconds(-5)},
      {"+5s", Seconds(5)},
      {"5.0s", Seconds(5)},
      {"5.6s", Milliseconds(5600)},
      {"5.s", Seconds(5)},
      {"1.s", Seconds(1)},
      {".5s", Milliseconds(500)},
      {"1.0s", Seconds(1)},
      {"1.00s", Seconds(1)},
      {"1.004s", Milliseconds(1004)},
      {"1.0040s", Milliseconds(1004)},
      {"100.00100s", Seconds(100) + Milliseconds(1)},
      {"10ns", Nanoseconds(10)},
      {"11us", Microseconds(11)},
      {"12\xC2\xB5s", Microseconds(12)},  // U+00B5 micro sign
      {"12\xCE\xBCs", Microseconds(12)},  // U+03BC Greek mu
      {"13ms", Milliseconds(13)},
      {"14s", Seconds(14)},
      {"15m", Minutes(15)},
      {"16h", Hours(16)},
      {"1.5h", Minutes(90)},
      {"90s", Seconds(90)},
      {"5m", Minutes(5)},
      {"10m", Minutes(10)},
      {"1h30m", Minutes(90)},
      {"9999h0m0s", Hours(9999)},
      {"3h30m", Hours(3) + Minutes(30)},
      {"10.5s4m", Minutes(4) + Milliseconds(10500)},
      {"-2m3.4s", -(Minutes(2) + Milliseconds(3400))},
      {"1h2m3s4ms5us6ns",
       Hours(1) + Minutes(2) + Seconds(3) + Milliseconds(4) + Microseconds(5) + Nanoseconds(6)},
      {"39h9m14.425s", Hours(39) + Minutes(9) + Milliseconds(14425)},
      {"52763797000ns", Nanoseconds(52763797000)},
      {"0.3333333333333333333h", Minutes(20)},
      {"9007199254740993ns", Nanoseconds((int64_t{1} << 53) + 1)},
      {"9223372036854775807ns", Nanoseconds(kMaxNs)},
      {"9223372036854775.807us", Nanoseconds(kMaxNs)},
      {"9223372036s854ms775us807ns", Nanoseconds(kMaxNs)},
      {"-9223372036854775808ns", Nanoseconds(kMinNs)},
      {"-9223372036854775.808us", Nanoseconds(kMinNs)},
      {"-9223372036s854ms775us808ns", Nanoseconds(kMinNs)},
      {"-2562047h47m16.854775808s", Nanoseconds(kMinNs)},
      {"0.100000000000000000000h", Minutes(6)},
      {"0.830103483285477580700h", Minutes(49) + Seconds(48) + Nanoseconds(372539827)},
  };
  for (const ParseCase& c : cases) {
    INFO("input: " << c.text);
    const absl::StatusOr<absl::Duration> got = ParseGoDuration(c.text);
    REQUIRE(got.ok());
    CHECK(*got == c.want);
  }
}

struct ErrorCase {
  std::string text;
  std::string message;
};

TEST_CASE("ParseGoDuration rejects with Go's messages", "[go_duration]") {
  const ErrorCase cases[] = {
      {"", "time: invalid duration \"\""},
      {"3", "time: missing unit in duration \"3\""},
      {"-", "time: invalid duration \"-\""},
      {"+", "time: invalid duration \"+\""},
      {"s", "time: invalid duration \"s\""},
      {".", "time: invalid duration \".\""},
      {"-.", "time: invalid duration \"-.\""},
      {".s", "time: invalid duration \".s\""},
      {"+.s", "time: invalid duration \"+.s\""},
      {"00", "time: missing unit in duration \"00\""},
      {"1h30", "time: missing unit in duration \"1h30\""},
      {"1d", "time: unknown unit \"d\" in duration \"1d\""},
      {"5 minutes", "time: unknown unit \" minutes\" in duration \"5 minutes\""},
      {"1H", "time: unknown unit \"H\" in duration \"1H\""},
      {"1\xC2\xB5", "time: unknown unit \"\\xc2\\xb5\" in duration \"1\\xc2\\xb5\""},
      {"\x85\x85", "time: invalid duration \"\\x85\\x85\""},
      {"\xff"
       "ff",
       "time: invalid duration \"\\xffff\""},
      {"hello \xff"
       "ff world",
       "time: invalid duration \"hello \\xffff world\""},
      {"1.5.5s", "time: missing unit in duration \"1.5.5s\""},
      {"9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""},
      {"9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\""},
      {"9223372036854ms775us808ns", "time: invalid duration \"9223372036854ms775us808ns\""},
      {"-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\""},
      {"3000000h", "time: invalid duration \"3000000h\""},
      {"99999999999999999999s", "time: invalid duration \"99999999999999999999s\""},
  };
  for (const ErrorCase& c : cases) {
    INFO("input: " << c.text);
    const absl::StatusOr<absl::Duration> got = ParseGoDuration(c.text);
    REQUIRE_FALSE(got.ok());
    CHECK(got.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(std::string(got.status().message()) == c.message);
  }
}

struct FormatCase {
  absl::Duration d;
  std::string want;
};

// Go's Duration.String() test table plus the forms the controller prints.
TEST_CASE("FormatGoDuration matches Duration.String()", "[go_duration]") {
  using absl::Hours;
  using absl::Milliseconds;
  using absl::Minutes;
  using absl::Nanoseconds;
  using absl::Seconds;
  const FormatCase cases[] = {
      {absl::ZeroDuration(), "0s"},
      {Nanoseconds(1), "1ns"},
      {Nanoseconds(1100), "1.1\xC2\xB5s"},
      {Nanoseconds(1000), "1\xC2\xB5s"},
      {Nanoseconds(2200000), "2.2ms"},
      {Milliseconds(500), "500ms"},
      {Milliseconds(3300), "3.3s"},
      {Milliseconds(1500), "1.5s"},
      {Seconds(1), "1s"},
      {Seconds(90), "1m30s"},
      {Minutes(5), "5m0s"},
      {Minutes(2), "2m0s"},
      {Minutes(10), "10m0s"},
      {Minutes(90), "1h30m0s"},
      {Hours(9999), "9999h0m0s"},
      {Minutes(4) + Seconds(5), "4m5s"},
      {Minutes(4) + Milliseconds(5001), "4m5.001s"},
      {Hours(5) + Minutes(6) + Milliseconds(7001), "5h6m7.001s"},
      {Minutes(8) + Nanoseconds(1), "8m0.000000001s"},
      {-Minutes(5), "-5m0s"},
      {-Milliseconds(1), "-1ms"},
      {Nanoseconds(kMaxNs), "2562047h47m16.854775807s"},
      {Nanoseconds(kMinNs), "-2562047h47m16.854775808s"},
      // absl precision beyond Go's: truncated toward zero, then saturated.
      {Nanoseconds(1) / 2, "0s"},
      {absl::InfiniteDuration(), "2562047h47m16.854775807s"},
  };
  for (const FormatCase& c : cases) {
    INFO("want: " << c.want);
    CHECK(FormatGoDuration(c.d) == c.want);
  }
}

TEST_CASE("Parse and format round-trip Go's canonical strings", "[go_duration]") {
  for (const char* text : {"0s", "1ns", "1.5s", "500ms", "5m0s", "1h30m0s", "-2m3.4s",
                           "2562047h47m16.854775807s", "-2562047h47m16.854775808s"}) {
    INFO("input: " << text);
    const absl::StatusOr<absl::Duration> parsed = ParseGoDuration(text);
    REQUIRE(parsed.ok());
    CHECK(FormatGoDuration(*parsed) == text);
  }
}

}  // namespace
}  // namespace sei::planner
