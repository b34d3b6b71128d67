#include "lib/controlplane/core/label_syntax.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sei::controlplane {
namespace {

constexpr size_t kMaxNameLength = 63;
constexpr size_t kMaxPrefixLength = 253;

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9], the shape shared by key names
// and non-empty values.
bool IsQualifiedNamePart(absl::string_view s) {
  if (s.empty() || !absl::ascii_isalnum(s.front()) || !absl::ascii_isalnum(s.back())) {
    return false;
  }
  for (char c : s) {
    if (!absl::ascii_isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])? joined by '.'.
bool IsDns1123Subdomain(absl::string_view s) {
  if (s.empty() || s.size() > kMaxPrefixLength) return false;
  for (absl::string_view label : absl::StrSplit(s, '.')) {
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '-') return false;
    }
  }
  return true;
}

absl::Status InvalidKey(absl::string_view key, absl::string_view reason) {
  return absl::InvalidArgumentError(absl::StrCat("invalid label key \"", key, "\": ", reason));
}

}  // namespace

absl::Status ValidateLabelKey(absl::string_view key) {
  absl::string_view name = key;
  const size_t slash = key.find('/');
  if (slash != absl::string_view::npos) {
    absl::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (prefix.empty()) return InvalidKey(key, "prefix part must be non-empty");
    if (!IsDns1123Subdomain(prefix)) {
      return InvalidKey(key,
                        "prefix part must be a lowercase RFC 1123 subdomain of at most 253 "
                        "characters (e.g. 'example.com')");
    }
  }
  if (name.empty()) return InvalidKey(key, "name part must be non-empty");
  if (name.size() > kMaxNameLength)
    return InvalidKey(key, "name part must be no more than 63 characters");
  if (!IsQualifiedNamePart(name)) {
    // A second '/' lands here: the name part cannot contain one.
    return InvalidKey(key,
                      "name part must consist of alphanumeric characters, '-', '_' or '.', and "
                      "must start and end with an alphanumeric character");
  }
  return absl::OkStatus();
}

absl::Status ValidateLabelValue(absl::string_view value) {
  if (value.empty()) return absl::OkStatus();
  if (value.size() > kMaxNameLength) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid label value \"", value, "\": must be no more than 63 characters"));
  }
  if (!IsQualifiedNamePart(value)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid label value \"", value,
        "\": must be empty or consist of alphanumeric characters, '-', '_' or '.', and must "
        "start and end with an alphanumeric character"));
  }
  return absl::OkStatus();
}

}  // namespace sei::controlplane
