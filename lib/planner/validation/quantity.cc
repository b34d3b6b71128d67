#include "lib/planner/validation/quantity.h"

namespace sei::planner {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t CountDigits(absl::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && IsDigit(s[pos + n])) ++n;
  return n;
}

void ConsumeSign(absl::string_view s, size_t* pos) {
  if (*pos < s.size() && (s[*pos] == '+' || s[*pos] == '-')) ++*pos;
}

// `[0-9]+(\.[0-9]*)?|\.[0-9]+`, greedily. Greedy is exact here because no
// suffix can start with a digit or a dot, so the regex never backtracks
// into the number.
bool ConsumeNumber(absl::string_view s, size_t* pos) {
  size_t p = *pos;
  const size_t int_digits = CountDigits(s, p);
  p += int_digits;
  if (int_digits > 0) {
    if (p < s.size() && s[p] == '.') p += 1 + CountDigits(s, p + 1);
  } else {
    if (p >= s.size() || s[p] != '.') return false;
    const size_t frac_digits = CountDigits(s, p + 1);
    if (frac_digits == 0) return false;
    p += 1 + frac_digits;
  }
  *pos = p;
  return true;
}

bool IsOneOf(char c, absl::string_view set) { return set.find(c) != absl::string_view::npos; }

}  // namespace

bool IsQuantity(absl::string_view text) {
  size_t pos = 0;
  ConsumeSign(text, &pos);
  if (!ConsumeNumber(text, &pos)) return false;
  const absl::string_view suffix = text.substr(pos);
  if (suffix.empty()) return true;
  if (suffix.size() == 2 && IsOneOf(suffix[0], "KMGTPE") && suffix[1] == 'i') return true;
  if (suffix.size() == 1 && IsOneOf(suffix[0], "numkMGTPE")) return true;
  if (suffix[0] == 'e' || suffix[0] == 'E') {
    size_t p = 1;
    ConsumeSign(suffix, &p);
    return ConsumeNumber(suffix, &p) && p == suffix.size();
  }
  return false;
}

}  // namespace sei::planner
