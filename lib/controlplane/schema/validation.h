// Validation of a value against a compiled structural schema, as
// kube-apiserver validates custom resources: the OpenAPI keywords (its
// kube-openapi validator, with that validator's quirks and messages) and
// the x-kubernetes-list-type uniqueness rules. x-kubernetes-validations (CEL)
// are not evaluated.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_VALIDATION_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_VALIDATION_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/controlplane/schema/field_error.h"
#include "lib/controlplane/schema/schema_node.h"

namespace sei::controlplane {

// Appends to `errors` every violation of `schema` by `value`, which sits at
// `path` ("" for a whole object, "status" for the status of one). Errors
// are appended in discovery order; callers sort them for reporting.
void ValidateValue(const SchemaNode& schema, const nlohmann::json& value, const std::string& path,
                   std::vector<FieldError>* errors);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_VALIDATION_H_
