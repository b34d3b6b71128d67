// Builders for the container probes of tasks.md §5.4, so each probe reads as
// its table row: kind, target, and timings.
#ifndef SEI_LIB_TASKS_RENDER_PROBES_H_
#define SEI_LIB_TASKS_RENDER_PROBES_H_

#include <cstdint>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"

namespace sei::tasks::render {

// Probe timings; a zero field is left out (the Kubernetes default applies).
struct ProbeTiming {
  int32_t initial_delay_seconds = 0;
  int32_t period_seconds = 0;
  int32_t failure_threshold = 0;
  int32_t timeout_seconds = 0;
};

k8s::Object TcpProbe(int32_t port, const ProbeTiming& timing);
k8s::Object HttpGetProbe(absl::string_view path, int32_t port, const ProbeTiming& timing);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_PROBES_H_
