#include "lib/controlplane/schema/schema_node.h"

#include <re2/re2.h>

namespace sei::controlplane {

// Out of line so that re2::RE2 is complete where unique_ptr destroys it.
SchemaNode::SchemaNode() = default;
SchemaNode::~SchemaNode() = default;

const SchemaNode* SchemaNode::FindProperty(absl::string_view name) const {
  const auto it = properties.find(std::string(name));
  return it == properties.end() ? nullptr : it->second.get();
}

const SchemaNode* SchemaNode::FieldSchema(absl::string_view key) const {
  if (const SchemaNode* property = FindProperty(key)) return property;
  return additional_properties.get();
}

}  // namespace sei::controlplane
