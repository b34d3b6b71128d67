// The sidecar's Prometheus metrics (sidecar-protocol.md §3, §4 /v0/metrics).
// Like the reference's process-global registry, the values live as long as
// the sidecar process: a restart starts them from zero.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_METRICS_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sei::controlplane::sidecar {

// promhttp's answer to a scraper that sends no Accept header.
inline constexpr absl::string_view kPrometheusContentType =
    "text/plain; version=0.0.4; charset=utf-8";

class SidecarMetrics {
 public:
  // seictl_task_submissions_total{type}: a run was created (§6.1 steps 6–7).
  void CountSubmission(absl::string_view task_type);
  // seictl_task_execution_duration_seconds{type,status} and, for a failure,
  // seictl_task_failures_total{type}: a handler run returned.
  void CountFinish(absl::string_view task_type, bool succeeded, absl::Duration elapsed);
  // seictl_sidecar_authn_rejections_total{reason}: a §3 401.
  void CountAuthnRejection(absl::string_view reason);

  void Reset();

  // Text exposition format 0.0.4 as client_golang writes it: families sorted
  // by name with HELP and TYPE lines, series sorted by label values, label
  // names sorted (`le` last), floats in Go's shortest form. Families without
  // series are omitted, as the Go registry does. The Go runtime and process
  // collectors of the real sidecar are not simulated.
  std::string RenderText() const;

 private:
  // prometheus.DefBuckets.
  static constexpr std::array<double, 11> kBuckets = {.005, .01, .025, .05, .1, .25,
                                                      .5,   1,   2.5,  5,   10};
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative
    uint64_t count = 0;
    double sum = 0;
  };

  std::map<std::string, double> authn_rejections_;  // by reason
  std::map<std::pair<std::string, std::string>, Histogram> durations_;  // by (status, type)
  std::map<std::string, double> failures_;     // by type
  std::map<std::string, double> submissions_;  // by type
};

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_METRICS_H_
