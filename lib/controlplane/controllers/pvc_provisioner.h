// The simulated volume provisioner and PersistentVolume controller: a
// PersistentVolumeClaim becomes Bound to a PersistentVolume made for it,
// and the volume is deleted with its claim.
//
// One Step() is one pass:
//   - Dynamic provisioning: a Pending claim without spec.volumeName, of a
//     provisionable storage class, is bound `bind_delay` after this
//     provisioner first saw it: PV `pvc-<claim uid>` (capacity = the
//     claim's requests.storage, its accessModes and volumeMode, claimRef,
//     storageClassName, reclaim policy Delete, a hostPath source, status
//     Bound) is created, then the claim gets spec.volumeName and the bind
//     annotations, then status {phase: Bound, accessModes, capacity}.
//   - Static binding: a Pending claim that names an existing PV in
//     spec.volumeName (free, or already claimed by this claim) is bound to
//     it, with the PV's capacity.
//   - Reclaim: a PV whose claim (by uid) is gone is deleted when its policy
//     is Delete (on_volume_deleted is told), else marked Released.
// A claim of an unprovisionable class stays Pending forever, as with a
// provisioner that keeps failing; so does a claim with storageClassName ""
// (explicitly no dynamic provisioning) and no volumeName.
#ifndef SEI_LIB_CONTROLPLANE_CONTROLLERS_PVC_PROVISIONER_H_
#define SEI_LIB_CONTROLPLANE_CONTROLLERS_PVC_PROVISIONER_H_

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"
#include "lib/controlplane/controllers/cluster_types.h"
#include "lib/controlplane/controllers/pod_hooks.h"
#include "lib/controlplane/controllers/step_errors.h"

namespace sei::controlplane {

// The provisioner name in the provisioned-by annotations.
inline constexpr char kSimulatedProvisioner[] = "sim.sei.io/hostpath";

struct PvcProvisionerOptions {
  // Time source; nullptr = RealClock(). Must outlive the provisioner.
  const Clock* clock = nullptr;
  // From the first sight of a Pending claim to its binding. 0 = same Step.
  absl::Duration bind_delay = absl::Milliseconds(100);
  // Claims of these storage classes are never provisioned (stay Pending).
  std::set<std::string> unprovisionable_classes;
  // The class of a claim without spec.storageClassName: what the
  // DefaultStorageClass admission plugin would have written into it (the
  // claim itself is not rewritten; its PV carries the class).
  std::string default_storage_class = "standard";
  // Told when a claim's volume is deleted (reclaim policy Delete): its data
  // is gone. See SidecarVolumeRemovedHook.
  VolumeHook on_volume_deleted;
  // managedFields manager of every write.
  std::string field_manager = "kube-controller-manager";
};

class PvcProvisioner {
 public:
  // `store` and `registry` must outlive the provisioner.
  PvcProvisioner(ObjectStore* store, const ResourceRegistry* registry,
                 PvcProvisionerOptions options = PvcProvisionerOptions());

  // One pass over every claim and volume. Errors do not stop the pass; the
  // first is returned and the next Step retries. Not thread-safe.
  absl::Status Step();

 private:
  absl::Status StepUnguarded();
  // Binds `claim` to `volume_name` (creating the PV first when `provision`).
  void Bind(const nlohmann::json& claim, const std::string& volume_name, bool provision,
            const std::map<std::string, nlohmann::json>& volumes, StepErrors* errors);
  void Reclaim(const std::map<std::string, nlohmann::json>& claims_by_uid,
               const std::map<std::string, nlohmann::json>& volumes, StepErrors* errors);

  ObjectStore* const store_;
  const ClusterTypes types_;
  const PvcProvisionerOptions options_;
  const Clock* const clock_;
  std::map<std::string, absl::Time> first_seen_;        // claim uid → when
  std::map<std::string, nlohmann::json> bound_claims_;  // PV name → its claim when bound
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CONTROLLERS_PVC_PROVISIONER_H_
