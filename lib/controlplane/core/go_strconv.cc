#include "lib/controlplane/core/go_strconv.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/controlplane/core/go_utf8.h"

namespace sei::controlplane {
namespace {

// An approximation of unicode.IsPrint for non-ASCII code points: Go treats
// letters, marks, numbers, punctuation and symbols as printable; this table
// covers the non-printable ranges that realistic text can contain (controls,
// spaces other than U+0020, format characters, private use, noncharacters)
// but not unassigned code points.
bool IsGoPrintable(char32_t r) {
  if (r < 0x80) return r >= 0x20 && r < 0x7F;
  if (r <= 0xA0) return false;  // C1 controls and NO-BREAK SPACE
  if (r == 0xAD || r == 0x1680 || r == 0x180E) return false;
  if (r >= 0x2000 && r <= 0x200F) return false;
  if (r >= 0x2028 && r <= 0x202F) return false;
  if (r >= 0x205F && r <= 0x206F) return false;
  if (r == 0x3000 || r == 0xFEFF) return false;
  if (r >= 0xD800 && r <= 0xF8FF) return false;  // surrogates, private use
  if (r >= 0xFFF9 && r <= 0xFFFB) return false;
  if ((r & 0xFFFE) == 0xFFFE) return false;  // noncharacters U+xxFFFE/F
  if (r >= 0xE0000) return false;            // tags, private use planes
  return true;
}

// The shortest decimal digits of a finite, non-negative `value` that read
// back exactly, and the decimal exponent of the first digit
// (value ≈ d.ddd·10^exp; zero is "0" with exponent 0). std::to_chars gives
// exactly Go's shortest digits, independent of locale.
void ShortestDigits(double value, std::string* digits, int* exponent) {
  char buffer[64];
  const std::to_chars_result result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  const std::string text(buffer, result.ptr);  // "d[.ddd]e±XX"
  const size_t e = text.find('e');
  digits->clear();
  for (size_t i = 0; i < e; ++i) {
    if (text[i] != '.') digits->push_back(text[i]);
  }
  *exponent = std::atoi(text.c_str() + e + 1);
}

// Digits in positional notation ('f' with the shortest digits).
std::string FixedNotation(const std::string& digits, int exponent) {
  if (exponent < 0) {
    return absl::StrCat("0.", std::string(-exponent - 1, '0'), digits);
  }
  const size_t integer_digits = static_cast<size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    return digits + std::string(integer_digits - digits.size(), '0');
  }
  return absl::StrCat(digits.substr(0, integer_digits), ".", digits.substr(integer_digits));
}

// Digits in 'e' notation: d[.ddd]e±XX with at least two exponent digits.
std::string ExponentNotation(const std::string& digits, int exponent) {
  std::string out(1, digits[0]);
  if (digits.size() > 1) absl::StrAppend(&out, ".", digits.substr(1));
  const int magnitude = exponent < 0 ? -exponent : exponent;
  absl::StrAppend(&out, exponent < 0 ? "e-" : "e+", magnitude < 10 ? "0" : "", magnitude);
  return out;
}

}  // namespace

std::string GoFormatFloat(double value, char format) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::string digits;
  int exponent = 0;
  ShortestDigits(std::fabs(value), &digits, &exponent);
  bool exponent_form = format == 'e';
  // Go decides 'g' with precision 6 when formatting the shortest digits.
  if (format == 'g') exponent_form = exponent < -4 || exponent >= 6;
  const std::string body =
      exponent_form ? ExponentNotation(digits, exponent) : FixedNotation(digits, exponent);
  return std::signbit(value) ? "-" + body : body;
}

std::string GoQuote(absl::string_view text) {
  std::string out = "\"";
  size_t pos = 0;
  while (pos < text.size()) {
    const auto [rune, size] = GoDecodeRune(text, pos);
    if (rune == kGoRuneError && size == 1) {
      absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned char>(text[pos]));
      ++pos;
      continue;
    }
    if (rune == '"' || rune == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(rune));
    } else if (IsGoPrintable(rune)) {
      out.append(text.data() + pos, size);
    } else {
      switch (rune) {
        case '\a':
          out.append("\\a");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\v':
          out.append("\\v");
          break;
        default:
          if (rune < 0x20 || rune == 0x7F) {
            absl::StrAppendFormat(&out, "\\x%02x", static_cast<unsigned>(rune));
          } else if (rune < 0x10000) {
            absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned>(rune));
          } else {
            absl::StrAppendFormat(&out, "\\U%08x", static_cast<unsigned>(rune));
          }
      }
    }
    pos += size;
  }
  out.push_back('"');
  return out;
}

}  // namespace sei::controlplane
