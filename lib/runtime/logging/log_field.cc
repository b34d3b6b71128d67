#include "lib/runtime/logging/log_field.h"

#include <nlohmann/json.hpp>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace sei::runtime {
namespace {

// A JSON string literal for `text`. Invalid UTF-8 (a byte from a sidecar
// body, say) becomes U+FFFD instead of nlohmann's exception.
std::string JsonString(absl::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool NeedsQuotes(absl::string_view text) {
  if (text.empty()) return true;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= ' ' || u >= 0x7f || c == '"' || c == '=' || c == '\\') return true;
  }
  return false;
}

// The value as text before any quoting, and whether it is a string (which
// may need quotes) rather than a number or boolean (which never do).
std::pair<std::string, bool> Plain(
    const std::variant<absl::string_view, int64_t, uint64_t, double, bool, absl::Duration,
                       const absl::Status*>& value) {
  struct Visitor {
    std::pair<std::string, bool> operator()(absl::string_view v) const {
      return {std::string(v), true};
    }
    std::pair<std::string, bool> operator()(int64_t v) const { return {absl::StrCat(v), false}; }
    std::pair<std::string, bool> operator()(uint64_t v) const { return {absl::StrCat(v), false}; }
    std::pair<std::string, bool> operator()(double v) const {
      return {nlohmann::json(v).dump(), false};
    }
    std::pair<std::string, bool> operator()(bool v) const { return {v ? "true" : "false", false}; }
    std::pair<std::string, bool> operator()(absl::Duration v) const {
      return {absl::FormatDuration(v), true};
    }
    std::pair<std::string, bool> operator()(const absl::Status* v) const {
      return {v->ToString(), true};
    }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace

std::string LogField::ToJson() const {
  auto [text, is_string] = Plain(value_);
  return is_string ? JsonString(text) : text;
}

std::string LogField::ToText() const {
  auto [text, is_string] = Plain(value_);
  return is_string && NeedsQuotes(text) ? JsonString(text) : text;
}

}  // namespace sei::runtime
