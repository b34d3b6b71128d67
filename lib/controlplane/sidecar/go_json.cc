#include "lib/controlplane/sidecar/go_json.h"

#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "lib/controlplane/core/go_json_encoding.h"

namespace sei::controlplane::sidecar {
namespace {

template <typename Json>
void AppendGoJson(const Json& value, std::string* out) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      out->push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out->push_back(',');
        first = false;
        AppendGoJsonString(it.key(), out);
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
      AppendGoJsonString(value.template get_ref<const std::string&>(), out);
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
