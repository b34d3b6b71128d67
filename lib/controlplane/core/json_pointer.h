// RFC 6901 JSON Pointers, as used by JSON Patch (RFC 6902) paths.
#ifndef SEI_LIB_CONTROLPLANE_CORE_JSON_POINTER_H_
#define SEI_LIB_CONTROLPLANE_CORE_JSON_POINTER_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// A parsed JSON Pointer: the unescaped reference tokens of "/a~1b/0" are
// {"a/b", "0"}; "" (no tokens) designates the whole document.
class JsonPointer {
 public:
  // Rejects text that is neither empty nor starts with '/', and any '~' not
  // followed by '0' or '1' (RFC 6901 §3). Errors are InvalidArgument.
  static absl::StatusOr<JsonPointer> Parse(absl::string_view text);

  const std::vector<std::string>& tokens() const { return tokens_; }
  bool IsRoot() const { return tokens_.empty(); }

  // True when this pointer designates a strict ancestor of `other`.
  bool IsProperPrefixOf(const JsonPointer& other) const;

  // The value this pointer designates in `doc`. Errors: NotFound when a
  // member or element is absent or a token walks into a scalar;
  // InvalidArgument when an array token is not a valid index (e.g. "01",
  // "-"). Messages are short reasons, to be wrapped by the caller.
  absl::StatusOr<const nlohmann::json*> Resolve(const nlohmann::json& doc) const;
  absl::StatusOr<nlohmann::json*> Resolve(nlohmann::json& doc) const;

  // The container holding the designated value (the pointer minus its last
  // token), with the same errors as Resolve. Precondition: !IsRoot().
  absl::StatusOr<nlohmann::json*> ResolveParent(nlohmann::json& doc) const;

 private:
  explicit JsonPointer(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

  // Walks the first `depth` tokens.
  absl::StatusOr<const nlohmann::json*> ResolvePrefix(const nlohmann::json& doc,
                                                      size_t depth) const;

  std::vector<std::string> tokens_;
};

// An array index token per RFC 6901 §4: "0" or a digit string without a
// leading zero. Returns nullopt for anything else, including "-" (which only
// JSON Patch "add" gives a meaning, "past the last element").
std::optional<size_t> ParseArrayIndex(absl::string_view token);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_JSON_POINTER_H_
