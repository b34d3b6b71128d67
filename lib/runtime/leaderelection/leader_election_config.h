// What a leader-election candidate needs to know (tasks.md §6.1
// --leader-elect: lease "bc1f5b0a.sei.io", released on shutdown), with
// client-go's defaults and its sanity rules for the three durations.
#ifndef SEI_LIB_RUNTIME_LEADERELECTION_LEADER_ELECTION_CONFIG_H_
#define SEI_LIB_RUNTIME_LEADERELECTION_LEADER_ELECTION_CONFIG_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"

namespace sei::runtime {

struct LeaderElectionConfig {
  std::string lease_name;
  std::string lease_namespace;
  // Unique per candidate process (e.g. pod name + random suffix): two
  // processes with one identity would both believe they lead.
  std::string identity;
  // How long a lease is honoured without renewal: the longest a crashed
  // leader blocks a successor.
  absl::Duration lease_duration = absl::Seconds(15);
  // How long the leader keeps trying to renew before it gives up leading.
  // Shorter than lease_duration, so a leader stops before anyone may take
  // over. The KubeClient's request timeout should be shorter still.
  absl::Duration renew_deadline = absl::Seconds(10);
  // Pause between attempts to acquire or renew.
  absl::Duration retry_period = absl::Seconds(2);
};

// InvalidArgument unless names and identity are set and
// lease_duration > renew_deadline > 1.2 * retry_period > 0 (client-go's
// rules: the slack absorbs a slow attempt), with whole-second lease
// duration (leaseDurationSeconds is an integer).
absl::Status ValidateLeaderElectionConfig(const LeaderElectionConfig& config);

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LEADERELECTION_LEADER_ELECTION_CONFIG_H_
