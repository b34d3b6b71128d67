// What a CustomResourceDefinition (apiextensions.k8s.io/v1) makes servable:
// one ResourceType per served version, with its compiled schema, printer
// columns, scope, names and /status subresource; and the status the
// apiextensions controllers give an accepted CRD.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_CRD_TYPES_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_CRD_TYPES_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

// Validates the parts of the CRD this server acts on (name =
// <plural>.<group>, names, scope, exactly one storage version, a schema per
// version that compiles) and returns the served versions' types. Errors are
// 422 Invalid, worded like the apiserver's CRD validation.
absl::StatusOr<std::vector<ResourceType>> CrdResourceTypes(const nlohmann::json& crd);

// status.acceptedNames, the NamesAccepted and Established conditions (True)
// and storedVersions, keeping transition times and stored versions from
// `previous_status` (null for a new CRD).
nlohmann::json EstablishedCrdStatus(const nlohmann::json& crd,
                                    const nlohmann::json& previous_status, absl::Time now);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_CRD_TYPES_H_
