#include "lib/runtime/metrics/metric_names.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sei::runtime::metrics {
namespace {

bool IsNameChar(char c, bool first, bool allow_colon) {
  if (absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '_') return true;
  if (allow_colon && c == ':') return true;
  return !first && absl::ascii_isdigit(static_cast<unsigned char>(c));
}

bool IsValid(absl::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i], i == 0, allow_colon)) return false;
  }
  return true;
}

}  // namespace

absl::Status ValidateMetricName(absl::string_view name) {
  if (IsValid(name, /*allow_colon=*/true)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("invalid metric name \"", name, "\""));
}

absl::Status ValidateLabelNames(const std::vector<std::string>& names,
                                const std::vector<std::string>& reserved) {
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!IsValid(name, /*allow_colon=*/false) || absl::StartsWith(name, "__")) {
      return absl::InvalidArgumentError(absl::StrCat("invalid label name \"", name, "\""));
    }
    if (std::find(reserved.begin(), reserved.end(), name) != reserved.end()) {
      return absl::InvalidArgumentError(absl::StrCat("label name \"", name, "\" is reserved"));
    }
    if (!seen.insert(name).second) {
      return absl::InvalidArgumentError(absl::StrCat("duplicate label name \"", name, "\""));
    }
  }
  return absl::OkStatus();
}

}  // namespace sei::runtime::metrics
