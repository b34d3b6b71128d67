#include "lib/controlplane/core/json_pointer.h"

#include <limits>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::controlplane {

absl::StatusOr<JsonPointer> JsonPointer::Parse(absl::string_view text) {
  std::vector<std::string> tokens;
  if (text.empty()) return JsonPointer(std::move(tokens));
  if (text.front() != '/') {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON pointer \"", text, "\": must be empty or start with '/'"));
  }
  std::string token;
  // Unescaping left to right decodes "~01" as "~1", as RFC 6901 §4 requires.
  for (size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '/') {
      tokens.push_back(std::move(token));
      token.clear();
      continue;
    }
    if (text[i] != '~') {
      token.push_back(text[i]);
      continue;
    }
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (next != '0' && next != '1') {
      return absl::InvalidArgumentError(
          absl::StrCat("invalid JSON pointer \"", text, "\": '~' must be followed by '0' or '1'"));
    }
    token.push_back(next == '0' ? '~' : '/');
    ++i;
  }
  return JsonPointer(std::move(tokens));
}

bool JsonPointer::IsProperPrefixOf(const JsonPointer& other) const {
  if (tokens_.size() >= other.tokens_.size()) return false;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    if (tokens_[i] != other.tokens_[i]) return false;
  }
  return true;
}

absl::StatusOr<const nlohmann::json*> JsonPointer::ResolvePrefix(const nlohmann::json& doc,
                                                                 size_t depth) const {
  const nlohmann::json* node = &doc;
  for (size_t i = 0; i < depth; ++i) {
    const std::string& token = tokens_[i];
    if (node->is_object()) {
      auto it = node->find(token);
      if (it == node->end()) return absl::NotFoundError("path not found");
      node = &*it;
    } else if (node->is_array()) {
      std::optional<size_t> index = ParseArrayIndex(token);
      if (!index.has_value()) {
        return absl::InvalidArgumentError(absl::StrCat("invalid array index \"", token, "\""));
      }
      if (*index >= node->size()) {
        return absl::NotFoundError(
            absl::StrCat("array index ", *index, " out of range (size ", node->size(), ")"));
      }
      node = &(*node)[*index];
    } else {
      return absl::NotFoundError("path not found");
    }
  }
  return node;
}

absl::StatusOr<const nlohmann::json*> JsonPointer::Resolve(const nlohmann::json& doc) const {
  return ResolvePrefix(doc, tokens_.size());
}

// The non-const overloads reuse the const walk: `doc` is mutable, so casting
// the result back is sound.
absl::StatusOr<nlohmann::json*> JsonPointer::Resolve(nlohmann::json& doc) const {
  absl::StatusOr<const nlohmann::json*> node = ResolvePrefix(doc, tokens_.size());
  if (!node.ok()) return node.status();
  return const_cast<nlohmann::json*>(*node);
}

absl::StatusOr<nlohmann::json*> JsonPointer::ResolveParent(nlohmann::json& doc) const {
  absl::StatusOr<const nlohmann::json*> node = ResolvePrefix(doc, tokens_.size() - 1);
  if (!node.ok()) return node.status();
  return const_cast<nlohmann::json*>(*node);
}

std::optional<size_t> ParseArrayIndex(absl::string_view token) {
  if (token.empty() || (token.size() > 1 && token.front() == '0')) return std::nullopt;
  size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return std::nullopt;
    const size_t digit = static_cast<size_t>(c - '0');
    if (value > (std::numeric_limits<size_t>::max() - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace sei::controlplane
