// Prometheus text exposition format 0.0.4, the body of GET /metrics: per
// family a HELP and a TYPE line, then one line per series; histograms as
// _bucket{...,le="<bound>"} (cumulative, ending with le="+Inf"), _sum and
// _count. Label values and HELP text are escaped as the format requires.
// Numbers are the shortest decimal that reads back exactly (std::to_chars),
// with +Inf, -Inf and NaN spelled as Prometheus expects.
#ifndef SEI_LIB_RUNTIME_METRICS_TEXT_FORMAT_H_
#define SEI_LIB_RUNTIME_METRICS_TEXT_FORMAT_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/runtime/metrics/snapshot.h"

namespace sei::runtime::metrics {

inline constexpr absl::string_view kTextContentType = "text/plain; version=0.0.4; charset=utf-8";

std::string FormatText(const std::vector<FamilySnapshot>& families);

// A sample value: "1", "0.25", "1e+21", "+Inf", "NaN".
std::string FormatSampleValue(double value);

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_TEXT_FORMAT_H_
