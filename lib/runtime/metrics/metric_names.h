// The Prometheus data model's naming rules, checked when a family is
// registered so a bad name fails at startup rather than producing a scrape
// Prometheus rejects.
#ifndef SEI_LIB_RUNTIME_METRICS_METRIC_NAMES_H_
#define SEI_LIB_RUNTIME_METRICS_METRIC_NAMES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sei::runtime::metrics {

// [a-zA-Z_:][a-zA-Z0-9_:]*
absl::Status ValidateMetricName(absl::string_view name);
// Each [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__" (reserved), no
// duplicates, and none of `reserved` (a histogram reserves "le").
absl::Status ValidateLabelNames(const std::vector<std::string>& names,
                                const std::vector<std::string>& reserved = {});

}  // namespace sei::runtime::metrics

#endif  // SEI_LIB_RUNTIME_METRICS_METRIC_NAMES_H_
