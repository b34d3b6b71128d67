// Reads the Prometheus text exposition the operator serves on /metrics, so
// a test asserts on series and values ("no sei_controller_reconcile_total
// sample above 0") instead of on substrings of a page.
#ifndef SEI_CMD_OPERATOR_E2E_PROMETHEUS_TEXT_H_
#define SEI_CMD_OPERATOR_E2E_PROMETHEUS_TEXT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::e2e {

struct MetricSample {
  std::string name;  // as exposed: "sei_controller_reconcile_total"
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Every sample line of `text` (comments and blank lines skipped).
// InvalidArgument naming the line when one cannot be read.
absl::StatusOr<std::vector<MetricSample>> ParsePrometheusText(absl::string_view text);

// The samples named `name` whose labels include every pair of `labels`.
std::vector<MetricSample> SamplesOf(const std::vector<MetricSample>& samples,
                                    absl::string_view name,
                                    const std::map<std::string, std::string>& labels = {});

// The sum of SamplesOf(...)'s values (0 when there is none).
double SumOf(const std::vector<MetricSample>& samples, absl::string_view name,
             const std::map<std::string, std::string>& labels = {});

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_PROMETHEUS_TEXT_H_
