#include "lib/tasks/controller/storage_quantity.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/validation/quantity.h"

namespace sei::tasks {
namespace {

constexpr int kNanoDigits = 9;
// 10^20 units are 10^29 nanos, well below 2^127 (~1.7e38).
constexpr double kMaxUnits = 1e20;
constexpr int kMaxSignificantDigits = 20;

__int128 Pow(__int128 base, int exponent) {
  __int128 out = 1;
  for (int i = 0; i < exponent; ++i) out *= base;
  return out;
}

absl::Status Invalid(absl::string_view text) {
  return absl::InvalidArgumentError(absl::StrCat("\"", text, "\" is not a valid quantity"));
}

// The multiplier of a suffix as (power of two, power of ten); false when the
// suffix is not one.
bool SuffixScale(absl::string_view suffix, int* pow2, int* pow10) {
  *pow2 = 0;
  *pow10 = 0;
  static constexpr struct {
    const char* suffix;
    int pow2;
    int pow10;
  } kSuffixes[] = {{"", 0, 0},    {"Ki", 10, 0}, {"Mi", 20, 0}, {"Gi", 30, 0},
                   {"Ti", 40, 0}, {"Pi", 50, 0}, {"Ei", 60, 0}, {"n", 0, -9},
                   {"u", 0, -6},  {"m", 0, -3},  {"k", 0, 3},   {"M", 0, 6},
                   {"G", 0, 9},   {"T", 0, 12},  {"P", 0, 15},  {"E", 0, 18}};
  for (const auto& s : kSuffixes) {
    if (suffix == s.suffix) {
      *pow2 = s.pow2;
      *pow10 = s.pow10;
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<StorageQuantity> StorageQuantity::Parse(absl::string_view text) {
  if (!planner::IsQuantity(text)) return Invalid(text);
  absl::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) {
    negative = rest[0] == '-';
    rest.remove_prefix(1);
  }
  // Split the decimal number from its suffix or exponent.
  size_t number_end = 0;
  while (number_end < rest.size() &&
         (absl::ascii_isdigit(rest[number_end]) || rest[number_end] == '.')) {
    ++number_end;
  }
  const absl::string_view number = rest.substr(0, number_end);
  const absl::string_view suffix = rest.substr(number_end);
  int pow2 = 0;
  int pow10 = 0;
  if (SuffixScale(suffix, &pow2, &pow10)) {
    // A binary or decimal suffix ("Ei" and "E" included, which also start
    // like an exponent).
  } else if (!suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E')) {
    // An exponent (IsQuantity guarantees its shape); only integral ones
    // scale a storage size meaningfully.
    absl::string_view exponent = suffix.substr(1);
    bool exponent_negative = false;
    if (exponent.empty()) return Invalid(text);
    if (exponent[0] == '+' || exponent[0] == '-') {
      exponent_negative = exponent[0] == '-';
      exponent.remove_prefix(1);
    }
    int value = 0;
    for (char c : exponent) {
      if (!absl::ascii_isdigit(c)) return Invalid(text);
      value = value * 10 + (c - '0');
      if (value > 100) return Invalid(text);
    }
    pow10 = exponent_negative ? -value : value;
  } else {
    return Invalid(text);
  }

  // Bound the magnitude first (approximately is enough: the limit is far
  // from any real volume), so the exact arithmetic below cannot overflow.
  const double approx = std::strtod(std::string(number).c_str(), nullptr) * std::ldexp(1.0, pow2) *
                        std::pow(10.0, pow10);
  if (!(approx <= kMaxUnits)) return Invalid(text);

  // mantissa = the digits as an integer, `fraction` of them after the point.
  __int128 mantissa = 0;
  int fraction = 0;
  int significant = 0;
  bool after_point = false;
  for (char c : number) {
    if (c == '.') {
      after_point = true;
      continue;
    }
    if (significant > 0 || c != '0') ++significant;
    if (significant > kMaxSignificantDigits) return Invalid(text);
    mantissa = mantissa * 10 + (c - '0');
    if (after_point) ++fraction;
  }
  // nanos = mantissa * 2^pow2 * 10^(pow10 + 9 - fraction), rounded up.
  // mantissa < 10^20 and 2^pow2 <= 2^60 keep the product below 2^127.
  if (mantissa == 0) return StorageQuantity(0);
  const int scale = pow10 + kNanoDigits - fraction;
  __int128 nanos = mantissa * Pow(2, pow2);
  if (scale >= 0) {
    nanos *= Pow(10, scale);
  } else {
    // Dividing by more than 10^38 leaves 0 (or 1 after rounding up) anyway.
    const __int128 divisor = Pow(10, -scale > 38 ? 38 : -scale);
    nanos = nanos / divisor + (nanos % divisor != 0 ? 1 : 0);
  }
  return StorageQuantity(negative ? -nanos : nanos);
}

}  // namespace sei::tasks
