#include "lib/controlplane/http/url.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace sei::controlplane {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

absl::StatusOr<std::string> PercentDecode(absl::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return absl::InvalidArgumentError(
            absl::StrCat("invalid URL escape \"", text.substr(i, 3), "\""));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

absl::StatusOr<std::vector<std::string>> SplitPath(absl::string_view path) {
  if (path.empty() || path.front() != '/') {
    return absl::InvalidArgumentError("the request path must start with '/'");
  }
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  std::vector<std::string> segments;
  if (path.empty()) return segments;
  for (absl::string_view raw : absl::StrSplit(path, '/')) {
    auto decoded = PercentDecode(raw, /*plus_is_space=*/false);
    if (!decoded.ok()) return decoded.status();
    segments.push_back(*std::move(decoded));
  }
  return segments;
}

absl::StatusOr<QueryParams> QueryParams::Parse(absl::string_view query) {
  QueryParams params;
  if (query.empty()) return params;
  for (absl::string_view pair : absl::StrSplit(query, absl::ByAnyChar("&;"))) {
    if (pair.empty()) continue;
    const size_t equals = pair.find('=');
    auto key = PercentDecode(pair.substr(0, equals), true);
    if (!key.ok()) return key.status();
    std::string value;
    if (equals != absl::string_view::npos) {
      auto decoded = PercentDecode(pair.substr(equals + 1), true);
      if (!decoded.ok()) return decoded.status();
      value = *std::move(decoded);
    }
    params.params_.emplace_back(*std::move(key), std::move(value));
  }
  return params;
}

bool QueryParams::Has(absl::string_view key) const { return Get(key).has_value(); }

std::optional<std::string> QueryParams::Get(absl::string_view key) const {
  for (const auto& [k, v] : params_) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::vector<std::string> QueryParams::GetAll(absl::string_view key) const {
  std::vector<std::string> values;
  for (const auto& [k, v] : params_) {
    if (k == key) values.push_back(v);
  }
  return values;
}

}  // namespace sei::controlplane
