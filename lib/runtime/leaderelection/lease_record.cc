#include "lib/runtime/leaderelection/lease_record.h"

#include <string>

namespace sei::runtime {
namespace {

// metav1.MicroTime's wire form.
constexpr char kMicroTimeFormat[] = "%Y-%m-%dT%H:%M:%E6SZ";

std::optional<absl::Time> ReadTime(const nlohmann::json& spec, const char* field) {
  auto it = spec.find(field);
  if (it == spec.end() || !it->is_string()) return std::nullopt;
  absl::Time t;
  std::string error;
  if (!absl::ParseTime(absl::RFC3339_full, it->get<std::string>(), &t, &error)) {
    return std::nullopt;
  }
  return t;
}

int64_t ReadInt(const nlohmann::json& spec, const char* field) {
  auto it = spec.find(field);
  return it != spec.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

}  // namespace

bool LeaseRecord::FreeAt(absl::Time now) const {
  if (holder_identity.empty() || !renew_time.has_value()) return true;
  return *renew_time + absl::Seconds(lease_duration_seconds) < now;
}

LeaseRecord LeaseRecordFromObject(const nlohmann::json& lease) {
  LeaseRecord record;
  auto spec_it = lease.find("spec");
  if (spec_it == lease.end() || !spec_it->is_object()) return record;
  const nlohmann::json& spec = *spec_it;
  auto holder = spec.find("holderIdentity");
  if (holder != spec.end() && holder->is_string()) record.holder_identity = *holder;
  record.lease_duration_seconds = ReadInt(spec, "leaseDurationSeconds");
  record.acquire_time = ReadTime(spec, "acquireTime");
  record.renew_time = ReadTime(spec, "renewTime");
  record.lease_transitions = ReadInt(spec, "leaseTransitions");
  return record;
}

nlohmann::json LeaseSpec(const LeaseRecord& record) {
  nlohmann::json spec = nlohmann::json::object();
  if (!record.holder_identity.empty()) spec["holderIdentity"] = record.holder_identity;
  spec["leaseDurationSeconds"] = record.lease_duration_seconds;
  if (record.acquire_time) {
    spec["acquireTime"] =
        absl::FormatTime(kMicroTimeFormat, *record.acquire_time, absl::UTCTimeZone());
  }
  if (record.renew_time) {
    spec["renewTime"] = absl::FormatTime(kMicroTimeFormat, *record.renew_time, absl::UTCTimeZone());
  }
  spec["leaseTransitions"] = record.lease_transitions;
  return spec;
}

}  // namespace sei::runtime
