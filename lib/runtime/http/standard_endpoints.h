// The handlers behind the operator's standard paths: /metrics from a
// metrics registry, /healthz and /readyz from health checks.
#ifndef SEI_LIB_RUNTIME_HTTP_STANDARD_ENDPOINTS_H_
#define SEI_LIB_RUNTIME_HTTP_STANDARD_ENDPOINTS_H_

#include "lib/runtime/http/endpoint_server.h"
#include "lib/runtime/http/health_checks.h"
#include "lib/runtime/metrics/registry.h"

namespace sei::runtime {

// 200 with the text exposition format. `registry` must outlive the handler.
EndpointHandler MetricsEndpoint(const metrics::Registry* registry);
// 200 "ok", or 500 with the per-check report. `checks` must outlive it.
EndpointHandler HealthEndpoint(const HealthChecks* checks);

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_HTTP_STANDARD_ENDPOINTS_H_
