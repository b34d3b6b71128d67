#include "lib/controlplane/core/selectable_fields.h"

#include "absl/strings/str_split.h"

namespace sei::controlplane {
namespace {

struct KindFields {
  const char* group;
  const char* kind;
  const char* fields;  // comma-separated; keeps the table trivially destructible
};

// Mirrors the table in the header.
constexpr KindFields kKindFields[] = {
    {"", "Pod",
     "spec.nodeName,spec.restartPolicy,spec.schedulerName,spec.serviceAccountName,"
     "spec.hostNetwork,status.phase,status.podIP,status.nominatedNodeName"},
    {"", "Event",
     "involvedObject.kind,involvedObject.namespace,involvedObject.name,involvedObject.uid,"
     "involvedObject.apiVersion,involvedObject.resourceVersion,involvedObject.fieldPath,"
     "reason,reportingComponent,type"},
    {"", "Secret", "type"},
    {"", "Namespace", "status.phase"},
    {"", "Node", "spec.unschedulable"},
    {"", "ReplicationController", "status.replicas"},
    {"apps", "ReplicaSet", "status.replicas"},
    {"batch", "Job", "status.successful"},
    {"certificates.k8s.io", "CertificateSigningRequest", "spec.signerName"},
};

}  // namespace

std::vector<std::string> BuiltinSelectableFields(absl::string_view group, absl::string_view kind) {
  std::vector<std::string> fields = {"metadata.name", "metadata.namespace"};
  for (const KindFields& entry : kKindFields) {
    if (group == entry.group && kind == entry.kind) {
      for (absl::string_view field : absl::StrSplit(entry.fields, ',')) {
        fields.emplace_back(field);
      }
    }
  }
  return fields;
}

}  // namespace sei::controlplane
