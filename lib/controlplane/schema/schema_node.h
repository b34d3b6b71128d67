// One node of a compiled structural schema: the keywords of an OpenAPI v3
// schema object that kube-apiserver acts on for custom resources, already
// checked and decoded (patterns compiled, unsupported formats dropped), so
// pruning, defaulting and validation never re-read or re-check the schema.
// Nodes are built only by StructuralSchema::Compile (structural_schema.h).
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_SCHEMA_NODE_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_SCHEMA_NODE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace sei::controlplane {

struct SchemaNode {
  SchemaNode();
  ~SchemaNode();
  SchemaNode(const SchemaNode&) = delete;
  SchemaNode& operator=(const SchemaNode&) = delete;

  // --- Generic ---
  // "object", "array", "string", "integer", "number", "boolean", or empty
  // (x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields
  // without a type, and value-validation nodes inside allOf/anyOf/oneOf/not).
  std::string type;
  // x-kubernetes-int-or-string: the apiserver then checks the type as
  // "integer,string".
  bool int_or_string = false;
  bool nullable = false;
  // The declared format when the apiserver honours it for this type, else
  // empty (unsupported formats are ignored, as StripUnsupportedFormats does).
  std::string format;
  bool preserve_unknown_fields = false;
  bool embedded_resource = false;
  // `default`; a JSON null default counts as none, as in Go.
  std::optional<nlohmann::json> default_value;
  // `enum`: a JSON array; absent when not declared.
  std::optional<nlohmann::json> enum_values;

  // --- Objects ---
  std::map<std::string, std::unique_ptr<SchemaNode>> properties;
  // additionalProperties as a schema (map values) ...
  std::unique_ptr<SchemaNode> additional_properties;
  // ... or `additionalProperties: true`, which keeps every key but has no
  // schema for the values.
  bool additional_properties_any = false;
  std::vector<std::string> required;
  // x-kubernetes-map-type ("granular", "atomic" or empty).
  std::string map_type;
  std::optional<int64_t> min_properties;
  std::optional<int64_t> max_properties;

  // --- Arrays ---
  std::unique_ptr<SchemaNode> items;
  std::optional<int64_t> min_items;
  std::optional<int64_t> max_items;
  // x-kubernetes-list-type ("atomic", "set", "map" or empty) and its keys.
  std::string list_type;
  std::vector<std::string> list_map_keys;

  // --- Strings ---
  std::optional<int64_t> min_length;
  std::optional<int64_t> max_length;
  std::string pattern;  // as written, for messages
  std::unique_ptr<re2::RE2> pattern_regexp;

  // --- Numbers ---
  std::optional<double> minimum;
  std::optional<double> maximum;
  bool exclusive_minimum = false;
  bool exclusive_maximum = false;
  std::optional<double> multiple_of;

  // --- Junctors (value validations only) ---
  std::vector<std::unique_ptr<SchemaNode>> all_of;
  std::vector<std::unique_ptr<SchemaNode>> any_of;
  std::vector<std::unique_ptr<SchemaNode>> one_of;
  std::unique_ptr<SchemaNode> not_schema;

  // The schema of property `name`, or nullptr.
  const SchemaNode* FindProperty(absl::string_view name) const;
  // Whether keys other than the declared properties belong to the object.
  bool HasAdditionalProperties() const {
    return additional_properties != nullptr || additional_properties_any;
  }
  // The schema of the value under `key` of an object: its property, else the
  // additionalProperties schema, else nullptr (no schema, or unknown key).
  const SchemaNode* FieldSchema(absl::string_view key) const;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_SCHEMA_NODE_H_
