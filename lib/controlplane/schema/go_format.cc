#include "lib/controlplane/schema/go_format.h"

#include <cmath>
#include <limits>
#include <string>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/core/go_json_encoding.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

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
      AppendGoJsonString(value.get_ref<const std::string&>(), out);
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
        AppendGoJsonString(it.key(), out);
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

std::string GoJsonMarshal(const Json& value) {
  std::string out;
  AppendJson(value, &out);
  return out;
}

}  // namespace sei::controlplane
