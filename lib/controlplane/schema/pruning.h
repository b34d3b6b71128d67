// The two pruning passes kube-apiserver runs on a custom resource before
// defaulting (apiextensions-apiserver schema/pruning and
// schema/defaulting/prunenulls): drop fields the schema does not declare,
// then drop nulls the schema could neither default nor accept.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_PRUNING_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_PRUNING_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lib/controlplane/schema/schema_node.h"

namespace sei::controlplane {

// Removes every object member of `value` that `schema` does not declare
// (neither a property nor covered by additionalProperties). Nodes with
// x-kubernetes-preserve-unknown-fields keep their unknown members, while
// declared members below them are still pruned. A null `schema` means "no
// schema": objects lose all members, scalars stay. At a resource root
// (`resource_root`, or a node with x-kubernetes-embedded-resource) the
// members apiVersion, kind and metadata are left alone. The path of every
// removed member ("spec.foo", "spec.peers[0].bar", prefixed by `path`) is
// appended to `pruned_paths`.
void PruneUnknownFields(const SchemaNode* schema, bool resource_root, const std::string& path,
                        nlohmann::json* value, std::vector<std::string>* pruned_paths);

// Whether a member holding `value` is dropped by the null pass: it is null
// and its schema neither accepts null (nullable) nor defaults it.
bool IsPrunableNull(const SchemaNode* field_schema, const nlohmann::json& value);

// Removes, throughout `value`, object members for which IsPrunableNull
// holds. Array elements are never removed.
void PruneNonNullableNulls(const SchemaNode* schema, nlohmann::json* value);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_PRUNING_H_
