// The field selector fields kube-apiserver (1.32) accepts per built-in kind,
// so that the local control plane rejects the others with 400 BadRequest
// ("\"foo.bar\" is not a known field selector: only \"metadata.name\",
// \"metadata.namespace\"") instead of silently filtering on them.
//
// Every kind accepts metadata.name and metadata.namespace. On top of that
// (https://kubernetes.io/docs/concepts/overview/working-with-objects/field-selectors/):
//   core Pod                    spec.nodeName, spec.restartPolicy,
//                               spec.schedulerName, spec.serviceAccountName,
//                               spec.hostNetwork, status.phase, status.podIP,
//                               status.nominatedNodeName
//   core Event                  involvedObject.{kind,namespace,name,uid,
//                               apiVersion,resourceVersion,fieldPath},
//                               reason, reportingComponent, type
//   core Secret                 type
//   core Namespace              status.phase
//   core Node                   spec.unschedulable
//   core ReplicationController  status.replicas
//   apps ReplicaSet             status.replicas
//   batch Job                   status.successful
//   certificates.k8s.io CertificateSigningRequest  spec.signerName
// Custom resources add the jsonPaths of their CRD's spec.selectableFields
// (".spec.color" is selected as "spec.color"); the server derives those.
//
// Deliberately left out, because FieldSelector::Matches reads a field by its
// JSON path and these are computed by the real server instead: Pod
// status.podIPs (a list), core Event "source" (reads source.component), and
// the renamed fields of events.k8s.io/v1 Event (regarding.*,
// reportingController). A request naming them gets 400 here.
//
// Also note the real server reads Go structs, so an unset numeric or boolean
// field selects as "0"/"false"; FieldSelector compares a missing field as "".
#ifndef SEI_LIB_CONTROLPLANE_CORE_SELECTABLE_FIELDS_H_
#define SEI_LIB_CONTROLPLANE_CORE_SELECTABLE_FIELDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace sei::controlplane {

// The fields above for `kind` in API group `group` ("" for core), starting
// with metadata.name and metadata.namespace; just those two for any other
// kind.
std::vector<std::string> BuiltinSelectableFields(absl::string_view group, absl::string_view kind);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_CORE_SELECTABLE_FIELDS_H_
