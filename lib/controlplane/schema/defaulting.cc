#include "lib/controlplane/schema/defaulting.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

bool IsNonNullableNull(const SchemaNode* schema, const Json& value) {
  return value.is_null() && schema != nullptr && !schema->nullable;
}

// The value a non-nullable null element is replaced with: the schema's
// default, or null again when there is none.
Json DefaultOrNull(const SchemaNode& schema) {
  return schema.default_value.has_value() ? *schema.default_value : Json(nullptr);
}

}  // namespace

bool DefaultMember(const SchemaNode& field_schema, const std::string& key, Json* parent) {
  if (!field_schema.default_value.has_value() || !parent->is_object()) return false;
  const auto it = parent->find(key);
  if (it != parent->end() && !IsNonNullableNull(&field_schema, *it)) return false;
  (*parent)[key] = *field_schema.default_value;
  return true;
}

void ApplyDefaults(const SchemaNode* schema, Json* value) {
  if (schema == nullptr) return;
  if (value->is_object()) {
    // Defaults first, so that the recursion below also defaults inside them.
    for (const auto& [name, property] : schema->properties) {
      DefaultMember(*property, name, value);
    }
    for (auto it = value->begin(); it != value->end(); ++it) {
      if (const SchemaNode* property = schema->FindProperty(it.key())) {
        ApplyDefaults(property, &it.value());
      } else if (const SchemaNode* values = schema->additional_properties.get()) {
        if (IsNonNullableNull(values, it.value())) it.value() = DefaultOrNull(*values);
        ApplyDefaults(values, &it.value());
      }
    }
  } else if (value->is_array()) {
    const SchemaNode* items = schema->items.get();
    if (items == nullptr) return;
    for (Json& item : *value) {
      if (IsNonNullableNull(items, item)) item = DefaultOrNull(*items);
      ApplyDefaults(items, &item);
    }
  }
}

}  // namespace sei::controlplane
