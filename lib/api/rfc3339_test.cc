#include "lib/api/rfc3339.h"

#include <catch2/catch.hpp>

namespace sei::api {
namespace {

google::protobuf::Timestamp MustParse(const char* text) {
  auto ts = ParseRfc3339(text);
  INFO(text << ": " << ts.status().ToString());
  REQUIRE(ts.ok());
  return *ts;
}

TEST_CASE("ParseRfc3339 reads UTC, fractions and offsets", "[rfc3339]") {
  auto ts = MustParse("2026-06-06T16:31:50Z");
  CHECK(ts.seconds() == 1780763510);
  CHECK(ts.nanos() == 0);

  ts = MustParse("2026-06-06T16:31:50.25Z");
  CHECK(ts.seconds() == 1780763510);
  CHECK(ts.nanos() == 250000000);

  ts = MustParse("2026-06-06T16:31:50.123456789123Z");  // extra digits truncated
  CHECK(ts.nanos() == 123456789);

  // Offsets are normalised to UTC.
  CHECK(MustParse("2026-06-06T18:31:50+02:00").seconds() == 1780763510);
  CHECK(MustParse("2026-06-06T11:01:50-05:30").seconds() == 1780763510);
  CHECK(MustParse("2026-06-06t16:31:50z").seconds() == 1780763510);

  CHECK(MustParse("1970-01-01T00:00:00Z").seconds() == 0);
  CHECK(MustParse("0001-01-01T00:00:00Z").seconds() == -62135596800);
  CHECK(MustParse("9999-12-31T23:59:59Z").seconds() == 253402300799);
  CHECK(MustParse("2024-02-29T00:00:00Z").seconds() == 1709164800);
}

TEST_CASE("ParseRfc3339 rejects malformed or out-of-range text", "[rfc3339]") {
  for (const char* bad :
       {"", "yesterday", "2026-06-06", "2026-06-06 16:31:50Z", "2026-06-06T16:31:50",
        "2026-06-06T16:31Z", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-06-06T24:00:00Z", "2026-06-06T16:60:00Z", "2026-06-06T16:31:60Z",
        "2026-06-06T16:31:50.Z", "2026-06-06T16:31:50+2:00", "2026-06-06T16:31:50+24:00",
        "2026-06-06T16:31:50Zjunk", "0000-06-06T16:31:50Z", "9999-12-31T23:59:59-01:00",
        "２０２６-06-06T16:31:50Z"}) {
    INFO(bad);
    CHECK_FALSE(ParseRfc3339(bad).ok());
  }
  CHECK(ParseRfc3339("2026-02-30T00:00:00Z").status().message() ==
        "day out of range for the month");
}

TEST_CASE("FormatRfc3339 writes whole UTC seconds", "[rfc3339]") {
  google::protobuf::Timestamp ts;
  ts.set_seconds(1780763510);
  ts.set_nanos(999999999);  // dropped, never rounded up
  CHECK(FormatRfc3339(ts) == "2026-06-06T16:31:50Z");
  ts.set_seconds(-62135596800);
  ts.set_nanos(0);
  CHECK(FormatRfc3339(ts) == "0001-01-01T00:00:00Z");
}

}  // namespace
}  // namespace sei::api
