// The leader-election fields of a coordination.k8s.io/v1 Lease's spec, and
// the one rule candidates apply to them: a lease whose holder has not
// renewed within leaseDurationSeconds is free to take.
#ifndef SEI_LIB_RUNTIME_LEADERELECTION_LEASE_RECORD_H_
#define SEI_LIB_RUNTIME_LEADERELECTION_LEASE_RECORD_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "absl/time/time.h"

namespace sei::runtime {

struct LeaseRecord {
  std::string holder_identity;  // empty: released, free to take
  int64_t lease_duration_seconds = 0;
  std::optional<absl::Time> acquire_time;
  std::optional<absl::Time> renew_time;
  int64_t lease_transitions = 0;

  // Free to take at `now`: no holder, or renewTime + leaseDurationSeconds <
  // now. A lease without a readable renewTime counts as expired, so a
  // corrupt lease cannot block election forever.
  bool FreeAt(absl::Time now) const;
};

// Reads `spec` of a Lease object. Missing or mistyped fields read as unset.
LeaseRecord LeaseRecordFromObject(const nlohmann::json& lease);
// The Lease `spec` for `record`: MicroTime timestamps
// (2026-01-01T00:00:00.000000Z), unset fields omitted.
nlohmann::json LeaseSpec(const LeaseRecord& record);

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_LEADERELECTION_LEASE_RECORD_H_
