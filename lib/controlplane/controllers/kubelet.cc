#include "lib/controlplane/controllers/kubelet.h"

#include <set>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/controllers/json_fields.h"
#include "lib/controlplane/controllers/owner_refs.h"
#include "lib/controlplane/controllers/pod_status.h"

namespace sei::controlplane {
namespace {

std::string Qualified(const std::string& ns, const std::string& name) {
  return absl::StrCat(ns, "/", name);
}

// What the pod's volumes need from the cluster, looked up once per pass.
struct VolumeWorld {
  std::map<std::string, Json> claims;  // "ns/name" → PVC
  std::set<std::string> config_maps;   // "ns/name"
  std::set<std::string> secrets;
  // "ns/claim" → uid of the started pod holding a ReadWriteOnce claim.
  std::map<std::string, std::string> exclusive_holders;
};

bool ExclusiveAccess(const Json& claim) {
  for (const Json& mode : ArrayAt(claim, {"spec", "accessModes"})) {
    if (mode == "ReadWriteOnce" || mode == "ReadWriteOncePod") return true;
  }
  return false;
}

std::vector<std::string> ClaimNames(const Json& pod) {
  std::vector<std::string> names;
  for (const Json& volume : ArrayAt(pod, {"spec", "volumes"})) {
    const std::string claim = StringAt(volume, {"persistentVolumeClaim", "claimName"});
    if (!claim.empty()) names.push_back(claim);
  }
  return names;
}

// The scheduler's verdict: empty when the pod can be placed, else the
// FailedScheduling message.
std::string UnschedulableReason(const Json& pod, const VolumeWorld& world) {
  const std::string ns = NamespaceOf(pod);
  std::string reason;
  for (const std::string& claim_name : ClaimNames(pod)) {
    auto it = world.claims.find(Qualified(ns, claim_name));
    if (it == world.claims.end()) {
      reason = absl::StrCat("persistentvolumeclaim \"", claim_name, "\" not found");
    } else if (Terminating(it->second)) {
      reason = absl::StrCat("persistentvolumeclaim \"", claim_name, "\" is being deleted");
    } else if (StringAt(it->second, {"status", "phase"}) != "Bound") {
      reason = "pod has unbound immediate PersistentVolumeClaims";
    } else {
      continue;
    }
    break;
  }
  if (reason.empty()) return reason;
  return absl::StrCat("0/1 nodes are available: ", reason,
                      ". preemption: 0/1 nodes are available: 1 Preemption is not helpful for "
                      "scheduling.");
}

// The kubelet's volume manager: every volume can be set up now.
bool VolumesMountable(const Json& pod, const VolumeWorld& world, const KubeletOptions& options) {
  const std::string ns = NamespaceOf(pod);
  const std::string uid = UidOf(pod);
  for (const Json& volume : ArrayAt(pod, {"spec", "volumes"})) {
    const std::string claim_name = StringAt(volume, {"persistentVolumeClaim", "claimName"});
    if (!claim_name.empty()) {
      auto claim = world.claims.find(Qualified(ns, claim_name));
      if (claim == world.claims.end() || StringAt(claim->second, {"status", "phase"}) != "Bound") {
        return false;
      }
      if (options.exclusive_read_write_once && ExclusiveAccess(claim->second)) {
        auto holder = world.exclusive_holders.find(Qualified(ns, claim_name));
        if (holder != world.exclusive_holders.end() && holder->second != uid) return false;
      }
      continue;
    }
    if (!options.require_volume_sources) continue;
    const Json& config_map = At(volume, {"configMap"});
    if (config_map.is_object() && !BoolAt(config_map, {"optional"}) &&
        world.config_maps.count(Qualified(ns, StringAt(config_map, {"name"}))) == 0) {
      return false;
    }
    const Json& secret = At(volume, {"secret"});
    if (secret.is_object() && !BoolAt(secret, {"optional"}) &&
        world.secrets.count(Qualified(ns, StringAt(secret, {"secretName"}))) == 0) {
      return false;
    }
  }
  return true;
}

}  // namespace

Kubelet::Kubelet(ObjectStore* store, const ResourceRegistry* registry, KubeletOptions options)
    : store_(store),
      types_(ClusterTypes::Resolve(*registry)),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : RealClock()) {}

absl::Status Kubelet::Step() {
  return RunGuarded("kubelet", [this] { return StepUnguarded(); });
}

std::string Kubelet::NextPodIp() {
  // 127.0.0.2 upwards through 127.255.255.254, skipping network and
  // broadcast-looking addresses; wraps after 16 million pods.
  while (true) {
    const uint32_t n = next_ip_;
    next_ip_ = next_ip_ >= 0xFFFFFE ? 2 : next_ip_ + 1;
    const uint32_t low = n & 0xFF;
    if (low == 0 || low == 255) continue;
    return absl::StrCat("127.", (n >> 16) & 0xFF, ".", (n >> 8) & 0xFF, ".", low);
  }
}

absl::Status Kubelet::StepUnguarded() {
  if (absl::Status status = types_.Check(); !status.ok()) return status;
  const absl::Time now = clock_->Now();
  absl::StatusOr<std::vector<Json>> pods = ListObjects(*store_, types_.pods);
  if (!pods.ok()) return pods.status();

  VolumeWorld world;
  {
    absl::StatusOr<std::vector<Json>> claims =
        ListObjects(*store_, types_.persistent_volume_claims);
    if (!claims.ok()) return claims.status();
    for (Json& claim : *claims) {
      // The key first: the assignment's right side (a by-value parameter)
      // is evaluated, and moved from, before the left side in C++17.
      std::string key = Qualified(NamespaceOf(claim), NameOf(claim));
      world.claims[std::move(key)] = std::move(claim);
    }
  }
  // ConfigMaps and Secrets matter only to pods about to start; most passes
  // have none, and listing every Secret each pass would be wasted work.
  bool starting = false;
  for (const Json& pod : *pods) {
    auto record = records_.find(UidOf(pod));
    starting |= !PodFinished(pod) && !Terminating(pod) &&
                StringAt(pod, {"status", "phase"}) != "Running" &&
                (record == records_.end() || !record->second.started);
  }
  if (options_.require_volume_sources && starting) {
    absl::StatusOr<std::vector<Json>> config_maps = ListObjects(*store_, types_.config_maps);
    if (!config_maps.ok()) return config_maps.status();
    for (const Json& cm : *config_maps) {
      world.config_maps.insert(Qualified(NamespaceOf(cm), NameOf(cm)));
    }
    absl::StatusOr<std::vector<Json>> secrets = ListObjects(*store_, types_.secrets);
    if (!secrets.ok()) return secrets.status();
    for (const Json& secret : *secrets) {
      world.secrets.insert(Qualified(NamespaceOf(secret), NameOf(secret)));
    }
  }
  // Started pods hold their claims until they finish or are gone
  // (terminating ones included: their containers are still stopping).
  auto hold_claims = [&](const Json& pod) {
    for (const std::string& claim_name : ClaimNames(pod)) {
      const std::string key = Qualified(NamespaceOf(pod), claim_name);
      auto claim = world.claims.find(key);
      if (claim != world.claims.end() && ExclusiveAccess(claim->second)) {
        world.exclusive_holders.emplace(key, UidOf(pod));
      }
    }
  };
  for (const Json& pod : *pods) {
    auto record = records_.find(UidOf(pod));
    const bool started = (record != records_.end() && record->second.started) ||
                         StringAt(pod, {"status", "phase"}) == "Running";
    if (started && !PodFinished(pod)) hold_claims(pod);
  }

  StepErrors errors;
  WriteOptions write;
  write.field_manager = options_.field_manager;
  std::set<std::string> seen;
  for (const Json& pod : *pods) {
    const std::string uid = UidOf(pod);
    seen.insert(uid);
    GuardObject(&errors, "kubelet", NameOf(pod), [&] {
      if (PodFinished(pod)) {
        records_.erase(uid);
        return;
      }
      auto [it, inserted] = records_.try_emplace(uid);
      PodRecord& record = it->second;
      if (inserted) {
        if (StringAt(pod, {"status", "phase"}) == "Running") {
          // Started before this kubelet (a restarted simulation): carry on.
          record.placed = true;
          record.started = true;
          record.accepted = TimeAt(pod, {"status", "startTime"}).value_or(now);
          record.started_at = record.accepted;
          record.pod_ip = StringAt(pod, {"status", "podIP"});
          if (record.pod_ip.empty()) record.pod_ip = NextPodIp();
        } else if (options_.on_new_pod && !IsControlledByKind(pod, "StatefulSet") &&
                   !IsControlledByKind(pod, "Job")) {
          options_.on_new_pod(pod);
        }
      }
      const bool terminating = Terminating(pod);

      Json desired;
      if (!record.started) {
        // Nothing runs yet, so a deleted pod has nothing to stop: leave it
        // to the store, which removes it when its grace period ends.
        if (terminating) return;
        if (!record.placed) {
          const std::string unschedulable = UnschedulableReason(pod, world);
          if (unschedulable.empty()) {
            record.placed = true;
            record.accepted = now;
          } else {
            desired = UnschedulablePodStatus(pod, unschedulable, now);
          }
        }
        if (record.placed) {
          if (!VolumesMountable(pod, world, options_)) {
            record.mountable_since.reset();
          } else if (!record.mountable_since.has_value()) {
            record.mountable_since = now;
          }
          if (record.mountable_since.has_value() &&
              now >= *record.mountable_since + options_.start_delay) {
            record.started = true;
            record.started_at = now;
            record.pod_ip = NextPodIp();
            hold_claims(pod);
          } else {
            desired = CreatingPodStatus(pod, record.accepted, now);
          }
        }
      }
      if (record.started) {
        PodRun run;
        run.accepted = record.accepted;
        run.started = record.started_at;
        run.pod_ip = record.pod_ip;
        run.ready = !terminating && (!options_.readiness_gate || options_.readiness_gate(pod));
        desired = RunningPodStatus(pod, run, now);
      }
      if (At(pod, {"status"}) == desired) return;
      Json next = pod;
      next["status"] = std::move(desired);
      errors.Add(store_->Update(ClusterTypes::Key(types_.pods, NamespaceOf(pod)), NameOf(pod), next,
                                Subresource::kStatus, write));
    });
  }
  for (auto it = records_.begin(); it != records_.end();) {
    it = seen.count(it->first) > 0 ? std::next(it) : records_.erase(it);
  }
  return errors.status();
}

}  // namespace sei::controlplane
