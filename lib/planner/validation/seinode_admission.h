// Admission validation of SeiNode objects: every OpenAPI schema constraint and
// every CEL rule of the CRD (api.md §3–§7, §9.1, §11, §14), re-implemented so
// that clusters without CEL, the local control plane and `seiplan validate`
// reject exactly what the reference apiserver rejects, with the same CEL
// messages.
#ifndef SEI_LIB_PLANNER_VALIDATION_SEINODE_ADMISSION_H_
#define SEI_LIB_PLANNER_VALIDATION_SEINODE_ADMISSION_H_

#include "lib/planner/core/field_violation.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// Returns every violation of `node`, in document order (an object's own
// rules before its fields, fields in schema order); empty means admitted.
//
// `old_node` is the stored object on update, nullptr on create. Transition
// rules (R-DV1, R-DV2, R-K1..R-K4) run only with it, and only where the field
// exists in both objects, as in the apiserver: removing spec.dataVolume as a
// whole is therefore not caught (api.md §7).
//
// Beyond the CRD schema, metadata.name must be a DNS label (≤ 63 characters,
// no dots), because it names the node's headless Service and pod hostname.
// `status` is validated when present, as on a /status write.
FieldViolations ValidateSeiNode(const v1alpha1::SeiNode& node, const v1alpha1::SeiNode* old_node);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_VALIDATION_SEINODE_ADMISSION_H_
