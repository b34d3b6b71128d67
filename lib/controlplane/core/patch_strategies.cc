#include "lib/controlplane/core/patch_strategies.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace sei::controlplane {
namespace {

// Kinds that carry ObjectMeta and nothing else that merges.
constexpr struct {
  const char* group;
  const char* kind;
} kMetadataOnly[] = {
    {"", "ConfigMap"},
    {"", "Secret"},
    {"", "PersistentVolume"},
    {"", "Event"},
    {"apps", "ControllerRevision"},
    {"coordination.k8s.io", "Lease"},
    {"events.k8s.io", "Event"},
    {"apiextensions.k8s.io", "CustomResourceDefinition"},
};

void AddObjectMeta(absl::string_view prefix, PatchStrategy* strategy) {
  strategy->MergeByKey(absl::StrCat(prefix, ".ownerReferences"), "uid");
  strategy->MergeAsSet(absl::StrCat(prefix, ".finalizers"));
}

void AddPodSpec(absl::string_view prefix, PatchStrategy* strategy) {
  for (const char* containers : {"containers", "initContainers", "ephemeralContainers"}) {
    const std::string list = absl::StrCat(prefix, ".", containers);
    strategy->MergeByKey(list, "name");
    strategy->MergeByKey(absl::StrCat(list, "[].ports"), "containerPort");
    strategy->MergeByKey(absl::StrCat(list, "[].env"), "name");
    strategy->MergeByKey(absl::StrCat(list, "[].volumeMounts"), "mountPath");
    strategy->MergeByKey(absl::StrCat(list, "[].volumeDevices"), "devicePath");
  }
  for (const char* by_name : {"volumes", "imagePullSecrets", "schedulingGates", "resourceClaims"}) {
    strategy->MergeByKey(absl::StrCat(prefix, ".", by_name), "name");
  }
  strategy->MergeByKey(absl::StrCat(prefix, ".hostAliases"), "ip");
  strategy->MergeByKey(absl::StrCat(prefix, ".topologySpreadConstraints"), "topologyKey");
}

void AddPodTemplate(absl::string_view prefix, PatchStrategy* strategy) {
  AddObjectMeta(absl::StrCat(prefix, ".metadata"), strategy);
  AddPodSpec(absl::StrCat(prefix, ".spec"), strategy);
}

}  // namespace

PatchStrategy BuiltinPatchStrategy(absl::string_view group, absl::string_view kind) {
  PatchStrategy strategy;
  bool known = false;
  if (group.empty() && kind == "Pod") {
    AddPodSpec("spec", &strategy);
    strategy.MergeByKey("status.conditions", "type")
        .MergeByKey("status.podIPs", "ip")
        .MergeByKey("status.hostIPs", "ip")
        .MergeByKey("status.resourceClaimStatuses", "name");
    known = true;
  } else if ((group == "apps" && kind == "StatefulSet") || (group == "batch" && kind == "Job")) {
    AddPodTemplate("spec.template", &strategy);
    strategy.MergeByKey("status.conditions", "type");
    known = true;
  } else if (group.empty() && kind == "Service") {
    strategy.MergeByKey("spec.ports", "port").MergeByKey("status.conditions", "type");
    known = true;
  } else if (group.empty() && (kind == "Namespace" || kind == "PersistentVolumeClaim")) {
    strategy.MergeByKey("status.conditions", "type");
    known = true;
  } else if (group.empty() && kind == "ServiceAccount") {
    strategy.MergeByKey("secrets", "name");
    known = true;
  } else {
    for (const auto& entry : kMetadataOnly) {
      if (group == entry.group && kind == entry.kind) known = true;
    }
  }
  if (known) AddObjectMeta("metadata", &strategy);
  return strategy;
}

}  // namespace sei::controlplane
