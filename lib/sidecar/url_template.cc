#include "lib/sidecar/url_template.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace sei::sidecar {
namespace {

constexpr absl::string_view kName = "{name}";
constexpr absl::string_view kNamespace = "{namespace}";

absl::Status Invalid(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("sidecar URL template \"", text, "\": ", why));
}

}  // namespace

absl::StatusOr<SidecarUrlTemplate> SidecarUrlTemplate::Parse(absl::string_view text) {
  if (!absl::StartsWith(text, "http://") && !absl::StartsWith(text, "https://")) {
    return Invalid(text, "must start with http:// or https://");
  }
  std::vector<Piece> pieces;
  bool has_name = false;
  absl::string_view rest = absl::StripSuffix(text, "/");
  while (!rest.empty()) {
    const size_t open = rest.find('{');
    const size_t close = rest.find('}');
    if (close < open) return Invalid(text, "unbalanced '}'");
    if (open == absl::string_view::npos) {
      pieces.push_back({false, std::string(rest)});
      break;
    }
    if (open > 0) pieces.push_back({false, std::string(rest.substr(0, open))});
    if (close == absl::string_view::npos) return Invalid(text, "unbalanced '{'");
    const absl::string_view placeholder = rest.substr(open, close - open + 1);
    if (placeholder != kName && placeholder != kNamespace) {
      return Invalid(text, absl::StrCat("unknown placeholder ", placeholder,
                                        " (only {name} and {namespace})"));
    }
    has_name = has_name || placeholder == kName;
    pieces.push_back({true, std::string(placeholder)});
    rest.remove_prefix(close + 1);
  }
  if (!has_name) {
    return Invalid(text, "has no {name} placeholder, so every node would reach the same sidecar");
  }
  return SidecarUrlTemplate(std::string(text), std::move(pieces));
}

std::string SidecarUrlTemplate::Expand(absl::string_view ns, absl::string_view name) const {
  std::string url;
  for (const Piece& piece : pieces_) {
    if (!piece.placeholder) {
      absl::StrAppend(&url, piece.text);
    } else {
      absl::StrAppend(&url, piece.text == kName ? name : ns);
    }
  }
  return url;
}

}  // namespace sei::sidecar
