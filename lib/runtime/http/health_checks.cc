#include "lib/runtime/http/health_checks.h"

#include "absl/strings/str_cat.h"

namespace sei::runtime {

absl::Status HealthChecks::Add(std::string name, HealthCheck check) {
  if (name.empty()) return absl::InvalidArgumentError("a health check needs a name");
  if (!check) return absl::InvalidArgumentError(absl::StrCat("health check ", name, " is empty"));
  absl::MutexLock lock(&mu_);
  for (const auto& [existing, unused] : checks_) {
    if (existing == name) {
      return absl::AlreadyExistsError(
          absl::StrCat(endpoint_, " check \"", name, "\" is already registered"));
    }
  }
  checks_.emplace_back(std::move(name), std::move(check));
  return absl::OkStatus();
}

HealthReport HealthChecks::Run() const {
  std::vector<std::pair<std::string, HealthCheck>> checks;
  {
    absl::MutexLock lock(&mu_);
    checks = checks_;  // run without the lock: a check may be slow or re-entrant
  }
  HealthReport report;
  std::string lines;
  for (const auto& [name, check] : checks) {
    const absl::Status status = check();
    if (status.ok()) {
      absl::StrAppend(&lines, "[+]", name, " ok\n");
    } else {
      report.healthy = false;
      absl::StrAppend(&lines, "[-]", name, " failed: ", status.message(), "\n");
    }
  }
  report.body = report.healthy ? "ok" : absl::StrCat(lines, endpoint_, " check failed\n");
  return report;
}

HealthCheck PingCheck() {
  return [] { return absl::OkStatus(); };
}

}  // namespace sei::runtime
