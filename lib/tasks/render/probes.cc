#include "lib/tasks/render/probes.h"

#include <string>

namespace sei::tasks::render {
namespace {

k8s::Object WithTiming(k8s::Object probe, const ProbeTiming& timing) {
  if (timing.initial_delay_seconds != 0) {
    probe["initialDelaySeconds"] = timing.initial_delay_seconds;
  }
  if (timing.period_seconds != 0) probe["periodSeconds"] = timing.period_seconds;
  if (timing.failure_threshold != 0) probe["failureThreshold"] = timing.failure_threshold;
  if (timing.timeout_seconds != 0) probe["timeoutSeconds"] = timing.timeout_seconds;
  return probe;
}

}  // namespace

k8s::Object TcpProbe(int32_t port, const ProbeTiming& timing) {
  return WithTiming({{"tcpSocket", {{"port", port}}}}, timing);
}

k8s::Object HttpGetProbe(absl::string_view path, int32_t port, const ProbeTiming& timing) {
  return WithTiming({{"httpGet", {{"path", std::string(path)}, {"port", port}}}}, timing);
}

}  // namespace sei::tasks::render
