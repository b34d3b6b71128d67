#include "lib/controlplane/sidecar/go_json.h"

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "lib/controlplane/sidecar/go_format.h"

namespace sei::controlplane::sidecar {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF included), as
// Go's utf8.DecodeRuneInString judges it. `rune` receives the code point.
size_t Utf8SequenceAt(absl::string_view text, size_t i, uint32_t* rune) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  size_t len;
  uint32_t cp;
  uint32_t min;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2, cp = b0 & 0x1f, min = 0x80;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3, cp = b0 & 0x0f, min = 0x800;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4, cp = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  *rune = cp;
  return len;
}

// encodeState.string with HTML escaping on (json.Encoder's default).
void AppendGoString(absl::string_view text, std::string* out) {
  out->push_back('"');
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"': *out += "\\\""; break;
        case '\\': *out += "\\\\"; break;
        case '\b': *out += "\\b"; break;
        case '\f': *out += "\\f"; break;
        case '\n': *out += "\\n"; break;
        case '\r': *out += "\\r"; break;
        case '\t': *out += "\\t"; break;
        default:
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            *out += absl::StrFormat("\\u00%02x", c);
          } else {
            out->push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    uint32_t rune = 0;
    const size_t len = Utf8SequenceAt(text, i, &rune);
    if (len == 0) {
      *out += "\\ufffd";
      ++i;
    } else if (rune == 0x2028 || rune == 0x2029) {
      *out += absl::StrFormat("\\u%04x", rune);
      i += len;
    } else {
      out->append(text.data() + i, len);
      i += len;
    }
  }
  out->push_back('"');
}

// encoding/json's float64 encoder: 'f' unless the magnitude needs an
// exponent, then 'e' with a negative two-digit exponent shortened (e-07 ->
// e-7).
std::string GoJsonFloat(double v) {
  if (std::isnan(v) || std::isinf(v)) return "null";  // Go refuses; never decoded
  const double abs = std::fabs(v);
  if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
    std::string s = GoFormatFloat(v, 'e');
    const size_t n = s.size();
    if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') s.erase(n - 2, 1);
    return s;
  }
  return GoFormatFloat(v, 'f');
}

template <typename Json>
void AppendGoJson(const Json& value, std::string* out) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out->push_back(',');
        first = false;
        AppendGoString(it.key(), out);
        out->push_back(':');
        AppendGoJson(it.value(), out);
      }
      out->push_back('}');
      return;
    }
    case nlohmann::json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& element : value) {
        if (!first) out->push_back(',');
        first = false;
        AppendGoJson(element, out);
      }
      out->push_back(']');
      return;
    }
    case nlohmann::json::value_t::string:
      AppendGoString(value.template get_ref<const std::string&>(), out);
      return;
    case nlohmann::json::value_t::boolean:
      *out += value.template get<bool>() ? "true" : "false";
      return;
    case nlohmann::json::value_t::number_integer:
      *out += std::to_string(value.template get<int64_t>());
      return;
    case nlohmann::json::value_t::number_unsigned:
      *out += std::to_string(value.template get<uint64_t>());
      return;
    case nlohmann::json::value_t::number_float:
      *out += GoJsonFloat(value.template get<double>());
      return;
    default:  // null, and kinds a decoded body cannot hold
      *out += "null";
      return;
  }
}

template <typename Json>
std::string Encode(const Json& value) {
  std::string out;
  AppendGoJson(value, &out);
  out.push_back('\n');  // Encoder.Encode terminates each value with a newline
  return out;
}

nlohmann::json GoFloat64(double v) {
  // Exactly integral values below 2^63 print identically as integers.
  if (std::trunc(v) == v && std::fabs(v) < 9223372036854775808.0) {
    return static_cast<int64_t>(v);
  }
  return v;
}

}  // namespace

std::string EncodeGoJson(const nlohmann::ordered_json& value) { return Encode(value); }
std::string EncodeGoJson(const nlohmann::json& value) { return Encode(value); }

std::optional<nlohmann::ordered_json> DecodeFirstJsonValue(absl::string_view text) {
  std::istringstream in{std::string(text)};
  nlohmann::ordered_json value;
  try {
    // operator>> parses one value without requiring the end of input, which
    // is what Go's Decoder.Decode does.
    in >> value;
  } catch (const nlohmann::ordered_json::exception&) {
    return std::nullopt;
  }
  return value;
}

std::optional<nlohmann::ordered_json> DecodeWholeJson(absl::string_view text) {
  nlohmann::ordered_json value = nlohmann::ordered_json::parse(
      text.begin(), text.end(), /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return std::nullopt;
  return value;
}

nlohmann::json GoAnyRoundTrip(const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::object: {
      nlohmann::json out = nlohmann::json::object();
      // Document order, so a later duplicate overwrites an earlier one.
      for (auto it = value.begin(); it != value.end(); ++it) {
        out[it.key()] = GoAnyRoundTrip(it.value());
      }
      return out;
    }
    case nlohmann::ordered_json::value_t::array: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& element : value) out.push_back(GoAnyRoundTrip(element));
      return out;
    }
    case nlohmann::ordered_json::value_t::number_integer:
    case nlohmann::ordered_json::value_t::number_unsigned:
    case nlohmann::ordered_json::value_t::number_float:
      return GoFloat64(value.get<double>());
    case nlohmann::ordered_json::value_t::string:
      return value.get<std::string>();
    case nlohmann::ordered_json::value_t::boolean:
      return value.get<bool>();
    default:
      return nullptr;
  }
}

std::string GoTimeString(absl::Time t) {
  // %E*S prints the fraction with trailing zeros (and the '.') removed.
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E*SZ", t, absl::UTCTimeZone());
}

}  // namespace sei::controlplane::sidecar
