#include "lib/runtime/metrics/text_format.h"

#include <charconv>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"

namespace sei::runtime::metrics {
namespace {

absl::string_view TypeName(MetricType type) {
  switch (type) {
    case MetricType::kCounter:
      return "counter";
    case MetricType::kGauge:
      return "gauge";
    case MetricType::kHistogram:
      return "histogram";
  }
  return "untyped";
}

// HELP escapes backslash and line feed; label values also the double quote.
std::string Escape(absl::string_view text, bool quote) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (quote && c == '"') {
      out += "\\\"";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// `{a="x",b="y"}` (with `extra` — the le pair — appended), or "" for a
// series without labels.
std::string LabelBlock(const FamilySnapshot& family, const SeriesSnapshot& series,
                       absl::string_view extra = "") {
  std::string out;
  for (size_t i = 0; i < family.label_names.size(); ++i) {
    absl::StrAppend(&out, out.empty() ? "" : ",", family.label_names[i], "=\"",
                    Escape(series.label_values[i], /*quote=*/true), "\"");
  }
  if (!extra.empty()) absl::StrAppend(&out, out.empty() ? "" : ",", extra);
  return out.empty() ? out : absl::StrCat("{", out, "}");
}

void AppendHistogram(const FamilySnapshot& family, const SeriesSnapshot& series, std::string* out) {
  const HistogramValue& h = series.histogram;
  for (size_t i = 0; i < h.upper_bounds.size(); ++i) {
    const std::string le = absl::StrCat("le=\"", FormatSampleValue(h.upper_bounds[i]), "\"");
    absl::StrAppend(out, family.name, "_bucket", LabelBlock(family, series, le), " ",
                    h.cumulative_counts[i], "\n");
  }
  absl::StrAppend(out, family.name, "_bucket", LabelBlock(family, series, "le=\"+Inf\""), " ",
                  h.count, "\n");
  absl::StrAppend(out, family.name, "_sum", LabelBlock(family, series), " ",
                  FormatSampleValue(h.sum), "\n");
  absl::StrAppend(out, family.name, "_count", LabelBlock(family, series), " ", h.count, "\n");
}

}  // namespace

std::string FormatSampleValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string FormatText(const std::vector<FamilySnapshot>& families) {
  std::string out;
  for (const FamilySnapshot& family : families) {
    absl::StrAppend(&out, "# HELP ", family.name, " ", Escape(family.help, /*quote=*/false),
                    "\n# TYPE ", family.name, " ", TypeName(family.type), "\n");
    for (const SeriesSnapshot& series : family.series) {
      if (family.type == MetricType::kHistogram) {
        AppendHistogram(family, series, &out);
      } else {
        absl::StrAppend(&out, family.name, LabelBlock(family, series), " ",
                        FormatSampleValue(series.value), "\n");
      }
    }
  }
  return out;
}

}  // namespace sei::runtime::metrics
