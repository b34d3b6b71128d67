#include "lib/controlplane/controllers/pvc_provisioner.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/controllers/json_fields.h"

namespace sei::controlplane {
namespace {

Json ClaimRef(const Json& claim) {
  return {{"apiVersion", "v1"},
          {"kind", "PersistentVolumeClaim"},
          {"namespace", NamespaceOf(claim)},
          {"name", NameOf(claim)},
          {"uid", UidOf(claim)},
          {"resourceVersion", StringAt(claim, {"metadata", "resourceVersion"})}};
}

}  // namespace

PvcProvisioner::PvcProvisioner(ObjectStore* store, const ResourceRegistry* registry,
                               PvcProvisionerOptions options)
    : store_(store),
      types_(ClusterTypes::Resolve(*registry)),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : RealClock()) {}

absl::Status PvcProvisioner::Step() {
  return RunGuarded("pvc-provisioner", [this] { return StepUnguarded(); });
}

absl::Status PvcProvisioner::StepUnguarded() {
  if (absl::Status status = types_.Check(); !status.ok()) return status;
  const absl::Time now = clock_->Now();
  absl::StatusOr<std::vector<Json>> claims = ListObjects(*store_, types_.persistent_volume_claims);
  if (!claims.ok()) return claims.status();
  absl::StatusOr<std::vector<Json>> listed_volumes =
      ListObjects(*store_, types_.persistent_volumes);
  if (!listed_volumes.ok()) return listed_volumes.status();
  std::map<std::string, Json> volumes;
  for (Json& volume : *listed_volumes) {
    std::string name = NameOf(volume);  // before the move (C++17 evaluation order)
    volumes[std::move(name)] = std::move(volume);
  }

  StepErrors errors;
  std::map<std::string, Json> claims_by_uid;
  for (const Json& claim : *claims) {
    const std::string uid = UidOf(claim);
    claims_by_uid[uid] = claim;
    GuardObject(&errors, "pvc-provisioner", NameOf(claim), [&] {
      const absl::Time first_seen = first_seen_.try_emplace(uid, now).first->second;
      if (Terminating(claim)) return;
      const std::string volume_name = StringAt(claim, {"spec", "volumeName"});
      if (StringAt(claim, {"status", "phase"}) == "Bound") {
        if (!volume_name.empty()) bound_claims_[volume_name] = claim;  // fresh labels for the hook
        return;
      }
      if (!volume_name.empty()) {
        // Pre-bound to a named volume (static provisioning), or a bind of
        // ours that a failed write left half done.
        auto volume = volumes.find(volume_name);
        if (volume == volumes.end()) return;  // Pending until the PV exists
        const std::string holder = StringAt(volume->second, {"spec", "claimRef", "uid"});
        if (!holder.empty() && holder != uid) return;  // someone else's volume
        Bind(claim, volume_name, false, volumes, &errors);
        return;
      }
      const Json& class_field = At(claim, {"spec", "storageClassName"});
      const std::string storage_class =
          class_field.is_string() ? class_field.get<std::string>() : options_.default_storage_class;
      if (storage_class.empty()) return;  // "": no dynamic provisioning
      if (options_.unprovisionable_classes.count(storage_class) > 0) return;
      if (now < first_seen + options_.bind_delay) return;
      Bind(claim, absl::StrCat("pvc-", uid), true, volumes, &errors);
    });
  }
  Reclaim(claims_by_uid, volumes, &errors);
  for (auto it = first_seen_.begin(); it != first_seen_.end();) {
    it = claims_by_uid.count(it->first) > 0 ? std::next(it) : first_seen_.erase(it);
  }
  return errors.status();
}

void PvcProvisioner::Bind(const Json& claim, const std::string& volume_name, bool provision,
                          const std::map<std::string, Json>& volumes, StepErrors* errors) {
  const absl::Time now = clock_->Now();
  const ResourceKey volume_key = ClusterTypes::Key(types_.persistent_volumes);
  const ResourceKey claim_key =
      ClusterTypes::Key(types_.persistent_volume_claims, NamespaceOf(claim));
  WriteOptions write;
  write.field_manager = options_.field_manager;

  Json volume;
  auto existing = volumes.find(volume_name);
  if (existing != volumes.end()) {
    volume = existing->second;
  } else if (provision) {
    const Json& class_field = At(claim, {"spec", "storageClassName"});
    const std::string volume_mode = StringAt(claim, {"spec", "volumeMode"});
    Json spec = {
        {"capacity", {{"storage", At(claim, {"spec", "resources", "requests", "storage"})}}},
        {"accessModes", ArrayAt(claim, {"spec", "accessModes"})},
        {"claimRef", ClaimRef(claim)},
        {"persistentVolumeReclaimPolicy", "Delete"},
        {"storageClassName",
         class_field.is_string() ? class_field.get<std::string>() : options_.default_storage_class},
        {"volumeMode", volume_mode.empty() ? "Filesystem" : volume_mode},
        {"hostPath",
         {{"path", absl::StrCat("/var/lib/sei-sim/volumes/", volume_name)},
          {"type", "DirectoryOrCreate"}}}};
    if (At(spec, {"capacity", "storage"}).is_null()) spec["capacity"] = Json::object();
    Json pv = {{"apiVersion", "v1"},
               {"kind", "PersistentVolume"},
               {"metadata",
                {{"name", volume_name},
                 {"annotations", {{"pv.kubernetes.io/provisioned-by", kSimulatedProvisioner}}}}},
               {"spec", std::move(spec)}};
    absl::StatusOr<Json> created = store_->Create(volume_key, pv, write);
    if (IsApiAlreadyExists(created.status())) created = store_->Get(volume_key, volume_name);
    if (!created.ok()) return errors->Add(created.status());
    volume = *std::move(created);
  } else {
    return;
  }

  if (!At(volume, {"spec", "claimRef"}).is_object()) {
    Json claimed = volume;
    claimed["spec"]["claimRef"] = ClaimRef(claim);
    absl::StatusOr<Json> updated =
        store_->Update(volume_key, volume_name, claimed, Subresource::kNone, write);
    if (!updated.ok()) return errors->Add(updated.status());
    volume = *std::move(updated);
  }
  if (StringAt(volume, {"status", "phase"}) != "Bound") {
    Json bound = volume;
    bound["status"] = {{"phase", "Bound"}, {"lastPhaseTransitionTime", FormatTimestamp(now)}};
    absl::StatusOr<Json> updated =
        store_->Update(volume_key, volume_name, bound, Subresource::kStatus, write);
    if (!updated.ok()) return errors->Add(updated.status());
    volume = *std::move(updated);
  }

  Json next = claim;
  next["spec"]["volumeName"] = volume_name;
  Json& annotations = next["metadata"]["annotations"];
  if (!annotations.is_object()) annotations = Json::object();
  annotations["pv.kubernetes.io/bind-completed"] = "yes";
  if (provision) {
    annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
    annotations["volume.beta.kubernetes.io/storage-provisioner"] = kSimulatedProvisioner;
    annotations["volume.kubernetes.io/storage-provisioner"] = kSimulatedProvisioner;
  }
  Json bound_claim = claim;
  if (next != claim) {
    absl::StatusOr<Json> updated =
        store_->Update(claim_key, NameOf(claim), next, Subresource::kNone, write);
    if (!updated.ok()) return errors->Add(updated.status());
    bound_claim = *std::move(updated);
  }
  Json status = {{"phase", "Bound"},
                 {"accessModes", ArrayAt(volume, {"spec", "accessModes"})},
                 {"capacity", ObjectOrEmpty(At(volume, {"spec", "capacity"}))}};
  bound_claim["status"] = std::move(status);
  absl::StatusOr<Json> updated =
      store_->Update(claim_key, NameOf(claim), bound_claim, Subresource::kStatus, write);
  if (!updated.ok()) return errors->Add(updated.status());
  bound_claims_[volume_name] = *std::move(updated);
}

void PvcProvisioner::Reclaim(const std::map<std::string, Json>& claims_by_uid,
                             const std::map<std::string, Json>& volumes, StepErrors* errors) {
  const ResourceKey volume_key = ClusterTypes::Key(types_.persistent_volumes);
  WriteOptions write;
  write.field_manager = options_.field_manager;
  for (const auto& [name, volume] : volumes) {
    const std::string claim_uid = StringAt(volume, {"spec", "claimRef", "uid"});
    if (claim_uid.empty() || claims_by_uid.count(claim_uid) > 0 || Terminating(volume)) continue;
    if (StringAt(volume, {"spec", "persistentVolumeReclaimPolicy"}) == "Delete") {
      absl::StatusOr<Json> deleted = store_->Delete(volume_key, name, DeleteOptions());
      if (!deleted.ok() && !IsApiNotFound(deleted.status())) {
        errors->Add(deleted.status());
        continue;
      }
      Json claim = {{"metadata",
                     {{"name", StringAt(volume, {"spec", "claimRef", "name"})},
                      {"namespace", StringAt(volume, {"spec", "claimRef", "namespace"})},
                      {"uid", claim_uid}}}};
      auto known = bound_claims_.find(name);
      if (known != bound_claims_.end() && UidOf(known->second) == claim_uid) claim = known->second;
      bound_claims_.erase(name);
      if (options_.on_volume_deleted) options_.on_volume_deleted(claim);
    } else if (StringAt(volume, {"status", "phase"}) != "Released") {
      Json released = volume;
      released["status"] = {{"phase", "Released"},
                            {"lastPhaseTransitionTime", FormatTimestamp(clock_->Now())}};
      errors->Add(store_->Update(volume_key, name, released, Subresource::kStatus, write));
    }
  }
}

}  // namespace sei::controlplane
