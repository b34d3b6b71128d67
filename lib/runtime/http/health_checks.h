// Named health checks behind /healthz and /readyz, as controller-runtime's
// manager has them: each check is a function returning OK or the reason it
// fails; the endpoint succeeds only when all do and lists each otherwise.
#ifndef SEI_LIB_RUNTIME_HTTP_HEALTH_CHECKS_H_
#define SEI_LIB_RUNTIME_HTTP_HEALTH_CHECKS_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"

namespace sei::runtime {

// Must be quick and thread-safe: it runs on the server's thread per probe.
using HealthCheck = std::function<absl::Status()>;

struct HealthReport {
  bool healthy = true;
  // "ok" when healthy; else one line per check ("[+]ping ok",
  // "[-]informers failed: caches not synced") and "<endpoint> check failed".
  std::string body;
};

class HealthChecks {
 public:
  // `endpoint` names the set in the failure line ("healthz", "readyz").
  explicit HealthChecks(std::string endpoint) : endpoint_(std::move(endpoint)) {}

  // InvalidArgument for an empty name or function, AlreadyExists for a
  // name already added.
  absl::Status Add(std::string name, HealthCheck check);
  // Runs every check in the order they were added. No checks: healthy.
  HealthReport Run() const;

 private:
  const std::string endpoint_;
  mutable absl::Mutex mu_;
  std::vector<std::pair<std::string, HealthCheck>> checks_ ABSL_GUARDED_BY(mu_);
};

// A check that always passes: the process is up and serving.
HealthCheck PingCheck();

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_HTTP_HEALTH_CHECKS_H_
