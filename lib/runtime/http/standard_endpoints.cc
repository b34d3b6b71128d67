#include "lib/runtime/http/standard_endpoints.h"

#include <string>

#include "lib/runtime/metrics/text_format.h"

namespace sei::runtime {

EndpointHandler MetricsEndpoint(const metrics::Registry* registry) {
  return [registry] {
    return EndpointResponse{200, std::string(metrics::kTextContentType),
                            registry->TextExposition()};
  };
}

EndpointHandler HealthEndpoint(const HealthChecks* checks) {
  return [checks] {
    HealthReport report = checks->Run();
    EndpointResponse response;
    response.code = report.healthy ? 200 : 500;
    response.body = std::move(report.body);
    return response;
  };
}

}  // namespace sei::runtime
