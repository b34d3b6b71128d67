// Structural defaulting as kube-apiserver applies it to custom resources
// (apiextensions-apiserver schema/defaulting): `default` values fill absent
// members of objects that exist, recursively, including members of defaults
// just applied and of array items and map values.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_DEFAULTING_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_DEFAULTING_H_

#include <nlohmann/json.hpp>
#include <string>

#include "lib/controlplane/schema/schema_node.h"

namespace sei::controlplane {

// Sets member `key` of the object `parent` to a copy of the default of
// `field_schema` when the member is absent, or null while the schema is not
// nullable. Returns whether it did. No-op without a default.
bool DefaultMember(const SchemaNode& field_schema, const std::string& key, nlohmann::json* parent);

// Applies every default of `schema` throughout `value`. A null `schema` is a
// no-op. A non-nullable null array item or map value is replaced by the
// default of its schema (null when that has none, which validation then
// reports).
void ApplyDefaults(const SchemaNode* schema, nlohmann::json* value);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_DEFAULTING_H_
