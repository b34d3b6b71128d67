#include "lib/api/json_describe.h"

#include "absl/strings/str_cat.h"

namespace sei::api {
namespace {

// Long enough for image references and addresses, short enough that an error
// about a pasted certificate stays on one screen line.
constexpr size_t kMaxQuotedBytes = 80;

std::string Shorten(const std::string& text) {
  if (text.size() <= kMaxQuotedBytes) return text;
  size_t cut = kMaxQuotedBytes;
  // Back off to a code point boundary so the result stays valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

}  // namespace

std::string QuoteForMessage(const std::string& text) {
  return nlohmann::json(Shorten(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string DescribeJsonValue(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return value.get<bool>() ? "boolean true" : "boolean false";
    case nlohmann::json::value_t::string:
      return absl::StrCat("string ", QuoteForMessage(value.get_ref<const std::string&>()));
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return absl::StrCat("number ", value.dump());
    case nlohmann::json::value_t::object:
      return "object";
    case nlohmann::json::value_t::array:
      return "array";
    case nlohmann::json::value_t::binary:
      return "binary data";
    case nlohmann::json::value_t::discarded:
      return "nothing";
  }
  return "an unknown value";
}

}  // namespace sei::api
