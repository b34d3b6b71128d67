#include "lib/runtime/leaderelection/leader_election_config.h"

#include "absl/strings/str_cat.h"

namespace sei::runtime {

absl::Status ValidateLeaderElectionConfig(const LeaderElectionConfig& config) {
  if (config.lease_name.empty()) return absl::InvalidArgumentError("lease name is required");
  if (config.lease_namespace.empty()) {
    return absl::InvalidArgumentError("lease namespace is required");
  }
  if (config.identity.empty()) {
    return absl::InvalidArgumentError("leader election identity is required");
  }
  if (config.retry_period <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("retry period must be positive");
  }
  if (config.renew_deadline <= config.retry_period * 1.2) {
    return absl::InvalidArgumentError(absl::StrCat("renew deadline (",
                                                   absl::FormatDuration(config.renew_deadline),
                                                   ") must be greater than 1.2 x retry period (",
                                                   absl::FormatDuration(config.retry_period), ")"));
  }
  if (config.lease_duration <= config.renew_deadline) {
    return absl::InvalidArgumentError(
        absl::StrCat("lease duration (", absl::FormatDuration(config.lease_duration),
                     ") must be greater than renew deadline (",
                     absl::FormatDuration(config.renew_deadline), ")"));
  }
  if (config.lease_duration != absl::Seconds(absl::ToInt64Seconds(config.lease_duration))) {
    return absl::InvalidArgumentError("lease duration must be whole seconds");
  }
  return absl::OkStatus();
}

}  // namespace sei::runtime
