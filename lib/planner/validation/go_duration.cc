#include "lib/planner/validation/go_duration.h"

#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::planner {
namespace {

constexpr uint64_t kTwoTo63 = uint64_t{1} << 63;

// Go's time.quote: ASCII control bytes and every byte of a non-ASCII
// sequence become \xNN, so the error text is stable whatever the input.
std::string GoTimeQuote(absl::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x80 || c < ' ') {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      if (c == '"' || c == '\\') out += '\\';
      out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

absl::Status InvalidDuration(absl::string_view orig) {
  return absl::InvalidArgumentError(absl::StrCat("time: invalid duration ", GoTimeQuote(orig)));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Go's leadingInt: consumes [0-9]*; false on overflow past 2^63.
bool LeadingInt(absl::string_view* s, uint64_t* value) {
  uint64_t x = 0;
  size_t i = 0;
  for (; i < s->size() && IsDigit((*s)[i]); ++i) {
    if (x > kTwoTo63 / 10) return false;
    x = x * 10 + static_cast<uint64_t>((*s)[i] - '0');
    if (x > kTwoTo63) return false;
  }
  *value = x;
  s->remove_prefix(i);
  return true;
}

// Go's leadingFraction: consumes [0-9]*, silently dropping digits that no
// longer fit (they are below nanosecond precision anyway).
void LeadingFraction(absl::string_view* s, uint64_t* value, double* scale) {
  uint64_t x = 0;
  double sc = 1;
  bool overflow = false;
  size_t i = 0;
  for (; i < s->size() && IsDigit((*s)[i]); ++i) {
    if (overflow) continue;
    if (x > (kTwoTo63 - 1) / 10) {
      overflow = true;
      continue;
    }
    uint64_t y = x * 10 + static_cast<uint64_t>((*s)[i] - '0');
    if (y > kTwoTo63) {
      overflow = true;
      continue;
    }
    x = y;
    sc *= 10;
  }
  *value = x;
  *scale = sc;
  s->remove_prefix(i);
}

// Nanoseconds per unit; 0 when the unit is unknown.
uint64_t UnitNanos(absl::string_view unit) {
  if (unit == "ns") return 1;
  // "us", U+00B5 MICRO SIGN + s, U+03BC GREEK SMALL LETTER MU + s.
  if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") return 1000;
  if (unit == "ms") return 1000 * 1000;
  if (unit == "s") return 1000 * 1000 * 1000;
  if (unit == "m") return uint64_t{60} * 1000 * 1000 * 1000;
  if (unit == "h") return uint64_t{3600} * 1000 * 1000 * 1000;
  return 0;
}

// Go's fmtFrac: writes ".ddd" of v/10^prec without trailing zeros (nothing
// at all when the fraction is zero) in front of `*out`; returns v/10^prec.
uint64_t PrependFraction(uint64_t v, int prec, std::string* out) {
  std::string digits;
  bool print = false;
  for (int i = 0; i < prec; ++i) {
    uint64_t digit = v % 10;
    print = print || digit != 0;
    if (print) digits.insert(digits.begin(), static_cast<char>('0' + digit));
    v /= 10;
  }
  if (print) out->insert(0, absl::StrCat(".", digits));
  return v;
}

}  // namespace

absl::StatusOr<absl::Duration> ParseGoDuration(absl::string_view text) {
  const absl::string_view orig = text;
  absl::string_view s = text;
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return absl::ZeroDuration();
  if (s.empty()) return InvalidDuration(orig);

  uint64_t total = 0;
  while (!s.empty()) {
    if (!(s[0] == '.' || IsDigit(s[0]))) return InvalidDuration(orig);

    const size_t before_int = s.size();
    uint64_t v = 0;
    if (!LeadingInt(&s, &v)) return InvalidDuration(orig);
    const bool pre = before_int != s.size();

    uint64_t f = 0;
    double scale = 1;
    bool post = false;
    if (!s.empty() && s[0] == '.') {
      s.remove_prefix(1);
      const size_t before_frac = s.size();
      LeadingFraction(&s, &f, &scale);
      post = before_frac != s.size();
    }
    if (!pre && !post) return InvalidDuration(orig);  // e.g. ".s"

    size_t i = 0;
    while (i < s.size() && s[i] != '.' && !IsDigit(s[i])) ++i;
    if (i == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("time: missing unit in duration ", GoTimeQuote(orig)));
    }
    const absl::string_view unit_text = s.substr(0, i);
    s.remove_prefix(i);
    const uint64_t unit = UnitNanos(unit_text);
    if (unit == 0) {
      return absl::InvalidArgumentError(absl::StrCat("time: unknown unit ", GoTimeQuote(unit_text),
                                                     " in duration ", GoTimeQuote(orig)));
    }
    if (v > kTwoTo63 / unit) return InvalidDuration(orig);
    v *= unit;
    if (f > 0) {
      // Same float64 arithmetic as Go, so fractional hours round identically.
      v += static_cast<uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
      if (v > kTwoTo63) return InvalidDuration(orig);
    }
    total += v;
    if (total > kTwoTo63) return InvalidDuration(orig);
  }
  if (neg) {
    // -2^63 is representable although +2^63 is not.
    if (total == kTwoTo63) return absl::Nanoseconds(std::numeric_limits<int64_t>::min());
    return absl::Nanoseconds(-static_cast<int64_t>(total));
  }
  if (total > kTwoTo63 - 1) return InvalidDuration(orig);
  return absl::Nanoseconds(static_cast<int64_t>(total));
}

std::string FormatGoDuration(absl::Duration d) {
  const int64_t nanos = absl::ToInt64Nanoseconds(d);
  const bool neg = nanos < 0;
  // Two's-complement negation in uint64 handles INT64_MIN, as Go does.
  uint64_t u = static_cast<uint64_t>(nanos);
  if (neg) u = ~u + 1;

  std::string out;
  constexpr uint64_t kSecond = 1000 * 1000 * 1000;
  if (u < kSecond) {
    // Below one second Go switches to the largest fitting sub-unit (1.2ms).
    int prec = 0;
    std::string unit;
    if (u == 0) return "0s";
    if (u < 1000) {
      prec = 0;
      unit = "ns";
    } else if (u < 1000 * 1000) {
      prec = 3;
      unit = "\xC2\xB5s";  // U+00B5 MICRO SIGN, as Go prints it
    } else {
      prec = 6;
      unit = "ms";
    }
    out = unit;
    u = PrependFraction(u, prec, &out);
    out.insert(0, absl::StrCat(u));
  } else {
    out = "s";
    u = PrependFraction(u, 9, &out);
    // u is now whole seconds.
    out.insert(0, absl::StrCat(u % 60));
    u /= 60;
    if (u > 0) {
      out.insert(0, absl::StrCat(u % 60, "m"));
      u /= 60;
      if (u > 0) out.insert(0, absl::StrCat(u, "h"));
    }
  }
  if (neg) out.insert(0, "-");
  return out;
}

}  // namespace sei::planner
