#include "cmd/operator/e2e/prometheus_text.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace sei::e2e {
namespace {

bool IsNameChar(char c) { return absl::ascii_isalnum(c) || c == '_' || c == ':'; }

// Reads `{a="x",b="y\"z"}` at the front of *rest into *labels.
bool ReadLabels(absl::string_view* rest, std::map<std::string, std::string>* labels) {
  if (!absl::ConsumePrefix(rest, "{")) return true;  // no labels
  while (true) {
    if (absl::ConsumePrefix(rest, "}")) return true;
    size_t end = 0;
    while (end < rest->size() && IsNameChar((*rest)[end])) ++end;
    if (end == 0) return false;
    std::string key(rest->substr(0, end));
    rest->remove_prefix(end);
    if (!absl::ConsumePrefix(rest, "=\"")) return false;
    std::string value;
    while (true) {
      if (rest->empty()) return false;
      const char c = rest->front();
      rest->remove_prefix(1);
      if (c == '"') break;
      if (c == '\\') {
        if (rest->empty()) return false;
        const char escaped = rest->front();
        rest->remove_prefix(1);
        value.push_back(escaped == 'n' ? '\n' : escaped);
      } else {
        value.push_back(c);
      }
    }
    (*labels)[key] = value;
    absl::ConsumePrefix(rest, ",");
  }
}

}  // namespace

absl::StatusOr<std::vector<MetricSample>> ParsePrometheusText(absl::string_view text) {
  std::vector<MetricSample> samples;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || absl::StartsWith(line, "#")) continue;
    MetricSample sample;
    absl::string_view rest = line;
    size_t end = 0;
    while (end < rest.size() && IsNameChar(rest[end])) ++end;
    sample.name = std::string(rest.substr(0, end));
    rest.remove_prefix(end);
    const bool labels_ok = ReadLabels(&rest, &sample.labels);
    rest = absl::StripLeadingAsciiWhitespace(rest);
    // The value, then an optional timestamp.
    absl::string_view value = rest.substr(0, rest.find(' '));
    if (sample.name.empty() || !labels_ok || !absl::SimpleAtod(value, &sample.value)) {
      return absl::InvalidArgumentError(absl::StrCat("unreadable metrics line: ", line));
    }
    samples.push_back(std::move(sample));
  }
  return samples;
}

std::vector<MetricSample> SamplesOf(const std::vector<MetricSample>& samples,
                                    absl::string_view name,
                                    const std::map<std::string, std::string>& labels) {
  std::vector<MetricSample> out;
  for (const MetricSample& sample : samples) {
    if (sample.name != name) continue;
    bool match = true;
    for (const auto& [key, value] : labels) {
      auto found = sample.labels.find(key);
      if (found == sample.labels.end() || found->second != value) {
        match = false;
        break;
      }
    }
    if (match) out.push_back(sample);
  }
  return out;
}

double SumOf(const std::vector<MetricSample>& samples, absl::string_view name,
             const std::map<std::string, std::string>& labels) {
  double sum = 0;
  for (const MetricSample& sample : SamplesOf(samples, name, labels)) sum += sample.value;
  return sum;
}

}  // namespace sei::e2e
