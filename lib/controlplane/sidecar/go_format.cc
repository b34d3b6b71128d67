#include "lib/controlplane/sidecar/go_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace sei::controlplane::sidecar {
namespace {

// The shortest decimal digits of |v| that round-trip, and the position of the
// decimal point relative to them (value = 0.<digits> * 10^point).
struct Decimal {
  std::string digits;
  int point = 0;
};

Decimal ShortestDecimal(double v) {
  Decimal d;
  v = std::fabs(v);
  if (v == 0) return d;
  char buf[40];
  for (int precision = 0; precision <= 16; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*e", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  // buf is "d[.ddd]e±XX".
  const std::string text = buf;
  const size_t e = text.find('e');
  for (size_t i = 0; i < e; ++i) {
    if (text[i] != '.') d.digits.push_back(text[i]);
  }
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  d.point = std::atoi(text.c_str() + e + 1) + 1;
  return d;
}

std::string FixedForm(const Decimal& d) {
  const int n = static_cast<int>(d.digits.size());
  if (n == 0) return "0";
  if (d.point <= 0) return absl::StrCat("0.", std::string(-d.point, '0'), d.digits);
  if (d.point >= n) return absl::StrCat(d.digits, std::string(d.point - n, '0'));
  return absl::StrCat(d.digits.substr(0, d.point), ".", d.digits.substr(d.point));
}

std::string ExponentForm(const Decimal& d) {
  if (d.digits.empty()) return "0e+00";
  std::string out(1, d.digits[0]);
  if (d.digits.size() > 1) absl::StrAppend(&out, ".", d.digits.substr(1));
  const int exp = d.point - 1;
  absl::StrAppend(&out, exp < 0 ? "e-" : "e+", absl::StrFormat("%02d", std::abs(exp)));
  return out;
}

}  // namespace

std::string GoFormatFloat(double v, char format) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  const Decimal d = ShortestDecimal(v);
  bool exponent = format == 'e';
  if (format == 'g') {
    const int exp = d.point - 1;
    // Go uses precision 6 for this decision when formatting the shortest form.
    exponent = !d.digits.empty() && (exp < -4 || exp >= 6);
  }
  const std::string body = exponent ? ExponentForm(d) : FixedForm(d);
  return std::signbit(v) ? absl::StrCat("-", body) : body;
}

std::string GoQuote(absl::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          absl::StrAppend(&out, absl::StrFormat("\\x%02x", static_cast<unsigned char>(c)));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace sei::controlplane::sidecar
