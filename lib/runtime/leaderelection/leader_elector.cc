#include "lib/runtime/leaderelection/leader_elector.h"

#include <utility>

#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"

namespace sei::runtime {

absl::StatusOr<std::unique_ptr<LeaderElector>> LeaderElector::Create(k8s::KubeClient* client,
                                                                     LeaderElectionConfig config,
                                                                     LeaderCallbacks callbacks,
                                                                     Clock* clock, Logger logger) {
  if (absl::Status s = ValidateLeaderElectionConfig(config); !s.ok()) return s;
  return std::unique_ptr<LeaderElector>(
      new LeaderElector(client, std::move(config), std::move(callbacks), clock, std::move(logger)));
}

LeaderElector::LeaderElector(k8s::KubeClient* client, LeaderElectionConfig config,
                             LeaderCallbacks callbacks, Clock* clock, Logger logger)
    : client_(client),
      config_(std::move(config)),
      callbacks_(std::move(callbacks)),
      clock_(clock),
      log_(logger.WithName("leader-election")
               .With({{"lease", config_.lease_name}, {"identity", config_.identity}})) {}

void LeaderElector::Observe(const LeaseRecord& record) {
  bool changed;
  {
    absl::MutexLock lock(&mu_);
    changed = record.holder_identity != observed_.holder_identity;
    observed_ = record;
  }
  if (changed && !record.holder_identity.empty()) {
    log_.Info("new leader observed", {{"leader", record.holder_identity}});
    if (callbacks_.on_new_leader) callbacks_.on_new_leader(record.holder_identity);
  }
}

absl::StatusOr<bool> LeaderElector::TryAcquireOrRenew() {
  const absl::Time now = clock_->Now();
  LeaseRecord mine;
  mine.holder_identity = config_.identity;
  mine.lease_duration_seconds = absl::ToInt64Seconds(config_.lease_duration);
  mine.acquire_time = now;
  mine.renew_time = now;

  absl::StatusOr<k8s::Object> live =
      client_->Get(k8s::resources::kLease, config_.lease_namespace, config_.lease_name);
  if (k8s::IsApiNotFound(live.status())) {
    k8s::Object lease = {
        {"apiVersion", k8s::resources::kLease.ApiVersion()},
        {"kind", k8s::resources::kLease.kind},
        {"metadata", {{"name", config_.lease_name}, {"namespace", config_.lease_namespace}}},
        {"spec", LeaseSpec(mine)},
    };
    absl::StatusOr<k8s::Object> created =
        client_->Create(k8s::resources::kLease, config_.lease_namespace, lease);
    if (k8s::IsApiAlreadyExists(created.status())) return false;  // another candidate was first
    if (!created.ok()) return created.status();
    Observe(mine);
    return true;
  }
  if (!live.ok()) return live.status();

  const LeaseRecord current = LeaseRecordFromObject(*live);
  if (current.holder_identity != config_.identity) {
    Observe(current);
    if (!current.FreeAt(now)) return false;
    mine.lease_transitions = current.lease_transitions + 1;
  } else {
    // Renewing keeps the original acquisition.
    mine.acquire_time = current.acquire_time.value_or(now);
    mine.lease_transitions = current.lease_transitions;
  }
  k8s::Object update = *live;  // keeps metadata.resourceVersion: the precondition
  update["spec"] = LeaseSpec(mine);
  absl::StatusOr<k8s::Object> written =
      client_->Update(k8s::resources::kLease, config_.lease_namespace, update);
  if (k8s::IsApiConflict(written.status())) {
    log_.Debug("lease changed under us; will re-read", {{"error", written.status()}});
    return false;
  }
  if (!written.ok()) return written.status();
  Observe(mine);
  return true;
}

bool LeaderElector::HeldByOtherAt(absl::Time now) const {
  absl::MutexLock lock(&mu_);
  return observed_.holder_identity != config_.identity && !observed_.FreeAt(now);
}

bool LeaderElector::WaitOrStop(absl::Duration d) {
  absl::MutexLock lock(&mu_);
  return clock_->AwaitUntil(&mu_, absl::Condition(&stopped_), clock_->Now() + d);
}

void LeaderElector::Run() {
  while (true) {
    {
      absl::MutexLock lock(&mu_);
      if (stopped_) return;
    }
    absl::StatusOr<bool> acquired = TryAcquireOrRenew();
    if (acquired.ok() && *acquired) break;
    if (!acquired.ok()) log_.Warn("acquiring the lease failed", {{"error", acquired.status()}});
    if (WaitOrStop(config_.retry_period)) return;
  }
  {
    absl::MutexLock lock(&mu_);
    leading_ = true;
  }
  log_.Info("became leader");
  if (callbacks_.on_started_leading) callbacks_.on_started_leading();
  Renew();
}

void LeaderElector::Renew() {
  absl::Time last_renewal = clock_->Now();
  bool stopped = false;
  while (!(stopped = WaitOrStop(config_.retry_period))) {
    absl::StatusOr<bool> renewed = TryAcquireOrRenew();
    const absl::Time now = clock_->Now();
    if (renewed.ok() && *renewed) {
      last_renewal = now;
      continue;
    }
    if (!renewed.ok()) log_.Warn("renewing the lease failed", {{"error", renewed.status()}});
    if (HeldByOtherAt(now)) {
      log_.Error("lease taken by another candidate", {{"leader", ObservedLeader()}});
      break;
    }
    if (now - last_renewal >= config_.renew_deadline) {
      log_.Error("lease not renewed within the renew deadline",
                 {{"renew_deadline", config_.renew_deadline}});
      break;
    }
  }
  {
    absl::MutexLock lock(&mu_);
    leading_ = false;
  }
  log_.Info("stopped leading");
  // Stop the work before the lease is given up, so the next leader never
  // overlaps with this one.
  if (callbacks_.on_stopped_leading) callbacks_.on_stopped_leading();
  if (stopped) {
    if (absl::Status s = Release(); !s.ok()) {
      log_.Warn("releasing the lease failed; it expires on its own", {{"error", s}});
    }
  }
}

void LeaderElector::Stop() {
  absl::MutexLock lock(&mu_);
  stopped_ = true;
}

absl::Status LeaderElector::Release() {
  absl::StatusOr<k8s::Object> live =
      client_->Get(k8s::resources::kLease, config_.lease_namespace, config_.lease_name);
  if (k8s::IsApiNotFound(live.status())) return absl::OkStatus();
  if (!live.ok()) return live.status();
  const LeaseRecord current = LeaseRecordFromObject(*live);
  if (current.holder_identity != config_.identity) return absl::OkStatus();  // not ours
  // client-go's released record: no holder, a 1 s duration, fresh times.
  LeaseRecord released;
  released.lease_duration_seconds = 1;
  released.acquire_time = clock_->Now();
  released.renew_time = released.acquire_time;
  released.lease_transitions = current.lease_transitions;
  k8s::Object update = *live;
  update["spec"] = LeaseSpec(released);
  absl::StatusOr<k8s::Object> written =
      client_->Update(k8s::resources::kLease, config_.lease_namespace, update);
  if (!written.ok()) return written.status();
  Observe(released);
  log_.Info("lease released");
  return absl::OkStatus();
}

bool LeaderElector::IsLeader() const {
  absl::MutexLock lock(&mu_);
  return leading_;
}

std::string LeaderElector::ObservedLeader() const {
  absl::MutexLock lock(&mu_);
  return observed_.holder_identity;
}

}  // namespace sei::runtime
