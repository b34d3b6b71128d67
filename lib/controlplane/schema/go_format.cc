#include "lib/controlplane/schema/go_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

constexpr char32_t kRuneError = 0xFFFD;

// utf8.DecodeRuneInString: the code point at `pos` and its length in bytes;
// (U+FFFD, 1) for a byte that does not start a well-formed sequence
// (overlong forms, surrogates and values above U+10FFFF are ill-formed).
std::pair<char32_t, int> DecodeRune(absl::string_view s, size_t pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c0 = byte(pos);
  if (c0 < 0x80) return {c0, 1};
  const size_t left = s.size() - pos;
  const auto continuation = [&](size_t i, unsigned char lo, unsigned char hi) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  if (c0 >= 0xC2 && c0 <= 0xDF) {
    if (left < 2 || !continuation(pos + 1, 0x80, 0xBF)) return {kRuneError, 1};
    return {static_cast<char32_t>(((c0 & 0x1F) << 6) | (byte(pos + 1) & 0x3F)), 2};
  }
  if (c0 >= 0xE0 && c0 <= 0xEF) {
    const unsigned char lo = c0 == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c0 == 0xED ? 0x9F : 0xBF;
    if (left < 3 || !continuation(pos + 1, lo, hi) || !continuation(pos + 2, 0x80, 0xBF)) {
      return {kRuneError, 1};
    }
    return {static_cast<char32_t>(((c0 & 0x0F) << 12) | ((byte(pos + 1) & 0x3F) << 6) |
                                  (byte(pos + 2) & 0x3F)),
            3};
  }
  if (c0 >= 0xF0 && c0 <= 0xF4) {
    const unsigned char lo = c0 == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c0 == 0xF4 ? 0x8F : 0xBF;
    if (left < 4 || !continuation(pos + 1, lo, hi) || !continuation(pos + 2, 0x80, 0xBF) ||
        !continuation(pos + 3, 0x80, 0xBF)) {
      return {kRuneError, 1};
    }
    return {static_cast<char32_t>(((c0 & 0x07) << 18) | ((byte(pos + 1) & 0x3F) << 12) |
                                  ((byte(pos + 2) & 0x3F) << 6) | (byte(pos + 3) & 0x3F)),
            4};
  }
  return {kRuneError, 1};
}

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

// The shortest decimal digits of a positive finite `value` that read back
// exactly, and the decimal exponent of the first digit (value ≈ d.ddd·10^exp).
// std::to_chars gives exactly Go's shortest digits, independent of locale.
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

// Digits in positional notation (strconv's 'f' with the shortest digits).
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

// Digits in strconv's 'e' notation: d[.ddd]e±XX with at least two exponent
// digits.
std::string ExponentNotation(const std::string& digits, int exponent) {
  std::string out(1, digits[0]);
  if (digits.size() > 1) absl::StrAppend(&out, ".", digits.substr(1));
  const int magnitude = exponent < 0 ? -exponent : exponent;
  absl::StrAppend(&out, exponent < 0 ? "e-" : "e+", magnitude < 10 ? "0" : "", magnitude);
  return out;
}

// encoding/json's float64 encoding: 'f' unless the magnitude is below 1e-6
// or at least 1e21, then 'e' with a one-digit negative exponent unpadded.
std::string GoJsonFloat(double value) {
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  const double magnitude = std::fabs(value);
  std::string digits;
  int exponent = 0;
  ShortestDigits(magnitude, &digits, &exponent);
  std::string out = value < 0 ? "-" : "";
  if (magnitude < 1e-6 || magnitude >= 1e21) {
    std::string text = ExponentNotation(digits, exponent);
    const size_t n = text.size();
    if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0') {
      text.erase(n - 2, 1);
    }
    return out + text;
  }
  return out + FixedNotation(digits, exponent);
}

void AppendJsonString(absl::string_view text, std::string* out) {
  out->push_back('"');
  size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        default:
          // HTML-sensitive characters are escaped too: encoding/json's
          // default (SetEscapeHTML(true)) is what the apiserver uses.
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            absl::StrAppendFormat(out, "\\u%04x", c);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++pos;
      continue;
    }
    const auto [rune, size] = DecodeRune(text, pos);
    if (rune == kRuneError && size == 1) {
      out->append("\\ufffd");
    } else if (rune == 0x2028 || rune == 0x2029) {
      absl::StrAppendFormat(out, "\\u%04x", static_cast<unsigned>(rune));
    } else {
      out->append(text.data() + pos, size);
    }
    pos += size;
  }
  out->push_back('"');
}

void AppendJson(const Json& value, std::string* out) {
  switch (GoKindOf(value)) {
    case GoKind::kNull:
      out->append("null");
      return;
    case GoKind::kBool:
      out->append(value.get<bool>() ? "true" : "false");
      return;
    case GoKind::kInt64:
      absl::StrAppend(out, GoInt64(value));
      return;
    case GoKind::kFloat64:
      out->append(GoJsonFloat(GoFloat64(value)));
      return;
    case GoKind::kString:
      AppendJsonString(value.get_ref<const std::string&>(), out);
      return;
    case GoKind::kSlice: {
      out->push_back('[');
      bool first = true;
      for (const Json& item : value) {
        if (!first) out->push_back(',');
        first = false;
        AppendJson(item, out);
      }
      out->push_back(']');
      return;
    }
    case GoKind::kMap: {
      // nlohmann::json keeps members sorted bytewise, as json.Marshal sorts
      // map keys.
      out->push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(it.key(), out);
        out->push_back(':');
        AppendJson(it.value(), out);
      }
      out->push_back('}');
      return;
    }
  }
}

}  // namespace

GoKind GoKindOf(const Json& value) {
  switch (value.type()) {
    case Json::value_t::boolean:
      return GoKind::kBool;
    case Json::value_t::number_integer:
      return GoKind::kInt64;
    case Json::value_t::number_unsigned:
      return value.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
                 ? GoKind::kInt64
                 : GoKind::kFloat64;
    case Json::value_t::number_float:
      return GoKind::kFloat64;
    case Json::value_t::string:
      return GoKind::kString;
    case Json::value_t::array:
      return GoKind::kSlice;
    case Json::value_t::object:
      return GoKind::kMap;
    default:
      return GoKind::kNull;
  }
}

int64_t GoInt64(const Json& value) {
  if (value.is_number_unsigned()) return static_cast<int64_t>(value.get<uint64_t>());
  if (value.is_number_integer()) return value.get<int64_t>();
  return GoTruncateToInt64(GoFloat64(value));
}

double GoFloat64(const Json& value) {
  if (value.is_number_unsigned()) return static_cast<double>(value.get<uint64_t>());
  if (value.is_number_integer()) return static_cast<double>(value.get<int64_t>());
  if (value.is_number_float()) return value.get<double>();
  return 0;
}

int64_t GoTruncateToInt64(double value) {
  if (std::isnan(value)) return 0;
  if (value >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (value <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value);
}

std::string GoFormatFloat(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return std::signbit(value) ? "-0" : "0";
  std::string digits;
  int exponent = 0;
  ShortestDigits(std::fabs(value), &digits, &exponent);
  const std::string sign = value < 0 ? "-" : "";
  if (exponent < -4 || exponent >= 6) return sign + ExponentNotation(digits, exponent);
  return sign + FixedNotation(digits, exponent);
}

std::string GoQuote(absl::string_view text) {
  std::string out = "\"";
  size_t pos = 0;
  while (pos < text.size()) {
    const auto [rune, size] = DecodeRune(text, pos);
    if (rune == kRuneError && size == 1) {
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

std::string GoJsonMarshal(const Json& value) {
  std::string out;
  AppendJson(value, &out);
  return out;
}

int64_t GoRuneCount(absl::string_view text) {
  int64_t count = 0;
  for (size_t pos = 0; pos < text.size(); ++count) pos += DecodeRune(text, pos).second;
  return count;
}

}  // namespace sei::controlplane
