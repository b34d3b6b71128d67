// What kube-apiserver does to a custom resource's body on create and update
// (and to its status on /status writes), in its order: prune unknown
// fields, prune nulls the schema neither accepts nor defaults, apply
// defaults, validate; and the 422 Invalid Status it answers with when
// validation fails. x-kubernetes-validations (CEL) rules are not evaluated.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_ADMISSION_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_ADMISSION_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/controlplane/schema/field_error.h"  // FieldError, part of this API
#include "lib/controlplane/schema/structural_schema.h"

namespace sei::controlplane {

// Runs the pipeline on the whole `object` (not null) in place. apiVersion, kind and
// metadata at the root are never pruned (metadata belongs to the server).
// Returns every validation error, sorted (FieldErrorLess); empty means
// admitted. `pruned_paths`, when not null, is set to the sorted paths of the
// removed unknown fields ("spec.foo", "spec.peers[0].bar"), which the
// apiserver reports as `unknown field` warnings. Never throws.
std::vector<FieldError> PruneDefaultValidate(const StructuralSchema& schema, nlohmann::json* object,
                                             std::vector<std::string>* pruned_paths);

// The same pipeline restricted to one top-level member of `object`, e.g.
// "status" for a /status write: only object[property] is pruned, defaulted
// (including the member itself when absent) and validated, with paths
// prefixed by `property`; a property the schema does not declare is removed
// (and reported as pruned). The apiserver validates the whole object on a
// /status write, so calling PruneDefaultValidate on the stored object with
// the new status in place is the more faithful choice; this is for callers
// that only hold the subtree's changes. Never throws.
std::vector<FieldError> PruneDefaultValidateProperty(const StructuralSchema& schema,
                                                     absl::string_view property,
                                                     nlohmann::json* object,
                                                     std::vector<std::string>* pruned_paths);

// The 422 metav1.Status of apierrors.NewInvalid. `kind` is the resource's
// GroupKind as the apiserver prints it, "Kind.group" ("SeiNode.sei.io"; just
// "Kind" for the core group): the message reads
// `SeiNode.sei.io "n" is invalid: spec.chainId: Required value` (one
// distinct error) or `... is invalid: [<field>: <message>, ...]` (several,
// duplicates dropped), and details carry name, group, kind and one cause per
// error in the given order.
nlohmann::json InvalidStatus(absl::string_view kind, absl::string_view name,
                             const std::vector<FieldError>& errors);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_ADMISSION_H_
