// The strategic-merge-patch metadata (Go struct tags patchStrategy and
// patchMergeKey of k8s.io/api, Kubernetes 1.32) of the built-in kinds the
// local control plane serves, as kube-apiserver applies it:
//
//   every kind       metadata.ownerReferences by uid; metadata.finalizers as a set
//   Pod              spec.* below; status.conditions by type, status.podIPs and
//                    status.hostIPs by ip, status.resourceClaimStatuses by name
//   StatefulSet, Job spec.template.metadata as above, spec.template.spec.* below;
//                    status.conditions by type
//   Service          spec.ports by port; status.conditions by type
//   Namespace, PersistentVolumeClaim   status.conditions by type
//   ServiceAccount   secrets by name
//
// where a pod spec (spec.* of a Pod, spec.template.spec.* of a template) has
// containers, initContainers and ephemeralContainers by name, each with
// ports by containerPort, env by name, volumeMounts by mountPath and
// volumeDevices by devicePath; volumes, imagePullSecrets, schedulingGates and
// resourceClaims by name; hostAliases by ip; topologySpreadConstraints by
// topologyKey.
//
// Every other list is replaced: tolerations, affinity terms, envFrom,
// command/args, StatefulSet volumeClaimTemplates, a PVC's accessModes, all of
// PersistentVolume, Lease, ConfigMap, Secret, Event, ControllerRevision and
// CustomResourceDefinition (apiextensions types carry no patch tags).
#ifndef SEI_LIB_CONTROLPLANE_CORE_PATCH_STRATEGIES_H_
#define SEI_LIB_CONTROLPLANE_CORE_PATCH_STRATEGIES_H_

#include "absl/strings/string_view.h"
#include "lib/controlplane/core/strategic_merge_patch.h"

namespace sei::controlplane {

// The table above for `kind` in API group `group` ("" for core). Any other
// kind gets no merge lists: a strategic merge patch then behaves as a JSON
// merge patch, except that its directives are still interpreted.
PatchStrategy BuiltinPatchStrategy(absl::string_view group, absl::string_view kind);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_PATCH_STRATEGIES_H_
