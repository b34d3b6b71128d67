#include "lib/api/rfc3339.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace sei::api {
namespace {

// google.protobuf.Timestamp's documented range: 0001-01-01T00:00:00Z to
// 9999-12-31T23:59:59Z.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;

// A cursor over the input that reads fixed-width digit groups.
class Scanner {
 public:
  explicit Scanner(absl::string_view text) : text_(text) {}

  bool Digits(int width, int* out) {
    if (text_.size() - pos_ < static_cast<size_t>(width)) return false;
    int value = 0;
    for (int i = 0; i < width; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + (c - '0');
    }
    pos_ += width;
    *out = value;
    return true;
  }

  bool Literal(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  bool AtEnd() const { return pos_ == text_.size(); }
  char Peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void Skip() { ++pos_; }

 private:
  absl::string_view text_;
  size_t pos_ = 0;
};

absl::Status Invalid(absl::string_view what) { return absl::InvalidArgumentError(what); }

}  // namespace

absl::StatusOr<google::protobuf::Timestamp> ParseRfc3339(absl::string_view text) {
  Scanner s(text);
  int year, month, day, hour, minute, second;
  if (!s.Digits(4, &year) || !s.Literal('-') || !s.Digits(2, &month) || !s.Literal('-') ||
      !s.Digits(2, &day)) {
    return Invalid("the date must be written YYYY-MM-DD");
  }
  // RFC 3339 §5.6 allows a lower-case separator and zone designator.
  if (!s.Literal('T') && !s.Literal('t')) {
    return Invalid("the date and time must be separated by 'T'");
  }
  if (!s.Digits(2, &hour) || !s.Literal(':') || !s.Digits(2, &minute) || !s.Literal(':') ||
      !s.Digits(2, &second)) {
    return Invalid("the time must be written hh:mm:ss");
  }
  int32_t nanos = 0;
  if (s.Literal('.')) {
    int digits = 0;
    while (s.Peek() >= '0' && s.Peek() <= '9') {
      if (digits < 9) nanos = nanos * 10 + (s.Peek() - '0');
      ++digits;
      s.Skip();
    }
    if (digits == 0) return Invalid("the fractional seconds have no digits");
    for (int i = digits; i < 9; ++i) nanos *= 10;
  }
  int offset_seconds = 0;
  if (s.Literal('Z') || s.Literal('z')) {
    // UTC.
  } else if (s.Peek() == '+' || s.Peek() == '-') {
    const int sign = s.Peek() == '-' ? -1 : 1;
    s.Skip();
    int oh, om;
    if (!s.Digits(2, &oh) || !s.Literal(':') || !s.Digits(2, &om)) {
      return Invalid("the UTC offset must be written +hh:mm or -hh:mm");
    }
    if (oh > 23 || om > 59) return Invalid("the UTC offset is out of range");
    offset_seconds = sign * (oh * 3600 + om * 60);
  } else {
    return Invalid("a time zone is required ('Z' or an offset like +02:00)");
  }
  if (!s.AtEnd()) return Invalid("unexpected text after the time zone");

  if (month < 1 || month > 12) return Invalid("month out of range");
  const absl::CivilDay civil_day(year, month, day);
  // CivilDay normalises out-of-range days (Feb 30 → Mar 2); a mismatch means
  // the day does not exist in that month.
  if (day < 1 || civil_day.month() != month || civil_day.day() != day) {
    return Invalid("day out of range for the month");
  }
  if (hour > 23) return Invalid("hour out of range");
  if (minute > 59) return Invalid("minute out of range");
  // Go's time package (and so the Kubernetes API) rejects leap seconds.
  if (second > 59) return Invalid("second out of range");

  const absl::CivilSecond civil(year, month, day, hour, minute, second);
  const int64_t local = absl::ToUnixSeconds(absl::FromCivil(civil, absl::UTCTimeZone()));
  const int64_t utc = local - offset_seconds;
  if (utc < kMinSeconds || utc > kMaxSeconds) {
    return Invalid("outside the supported range 0001-01-01..9999-12-31 UTC");
  }
  google::protobuf::Timestamp ts;
  ts.set_seconds(utc);
  ts.set_nanos(nanos);
  return ts;
}

std::string FormatRfc3339(const google::protobuf::Timestamp& ts) {
  // nanos is non-negative for a valid Timestamp, so dropping it truncates
  // towards the past, as Go's Time.Truncate(time.Second) does.
  // Formatted from civil fields because %Y would not zero-pad years < 1000.
  const absl::CivilSecond c =
      absl::ToCivilSecond(absl::FromUnixSeconds(ts.seconds()), absl::UTCTimeZone());
  return absl::StrFormat("%04d-%02d-%02dT%02d:%02d:%02dZ", c.year(), c.month(), c.day(), c.hour(),
                         c.minute(), c.second());
}

}  // namespace sei::api
