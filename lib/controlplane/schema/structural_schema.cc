#include "lib/controlplane/schema/structural_schema.h"

#include <re2/re2.h>

#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/core/go_strconv.h"
#include "lib/controlplane/schema/defaulting.h"
#include "lib/controlplane/schema/field_error.h"
#include "lib/controlplane/schema/go_format.h"
#include "lib/controlplane/schema/pruning.h"
#include "lib/controlplane/schema/validation.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

// Schemas nest a few levels per API struct; this only stops runaway input
// from exhausting the stack.
constexpr int kMaxSchemaDepth = 256;

// Where a node sits; the structural rules and their messages depend on it.
enum class Level { kRoot, kItems, kField };

struct Context {
  Level level = Level::kRoot;
  // Inside allOf/anyOf/oneOf/not: value validations only.
  bool in_junctor = false;
  // The node is an item of `anyOf: [{type: integer}, {type: string}]`, the
  // x-kubernetes-int-or-string pattern: the one junctor whose items may set
  // a type.
  bool int_or_string_alternative = false;
  // The node is allOf[0], whose anyOf may be that pattern too.
  bool int_or_string_pattern_allowed = false;
  int depth = 0;
};

bool IsScalarType(absl::string_view type) {
  return type == "string" || type == "integer" || type == "number" || type == "boolean";
}

bool IsIntOrStringAnyOf(const Json& any_of) {
  return any_of.is_array() && any_of.size() == 2 && any_of[0] == Json{{"type", "integer"}} &&
         any_of[1] == Json{{"type", "string"}};
}

// StripUnsupportedFormats: the formats the apiserver honours for the node's
// type; any other format is ignored, as if none were declared.
std::string SupportedFormat(const std::string& format, const SchemaNode& node) {
  if (format.empty()) return "";
  const std::string type = node.int_or_string ? "" : node.type;
  if (type.empty() || type == "string") {
    static const char* const kStringFormats[] = {
        "bsonobjectid", "uri",        "email",    "hostname", "ipv4",     "ipv6", "cidr",
        "mac",          "uuid",       "uuid3",    "uuid4",    "uuid5",    "isbn", "isbn10",
        "isbn13",       "creditcard", "ssn",      "hexcolor", "rgbcolor", "byte", "password",
        "date",         "duration",   "datetime", "quantity"};
    std::string normalized;  // go-openapi drops dashes: "date-time" is "datetime"
    for (char c : format) {
      if (c != '-') normalized.push_back(c);
    }
    for (const char* known : kStringFormats) {
      if (normalized == known) return format;
    }
    return "";
  }
  if (type == "integer") return format == "int32" || format == "int64" ? format : "";
  if (type == "number") return format == "float" || format == "double" ? format : "";
  return "";
}

std::string PropertyLocation(const std::string& location, absl::string_view name) {
  return absl::StrCat(location, ".properties[", name, "]");
}

std::string At(const std::string& location, absl::string_view keyword) {
  return absl::StrCat(location, ".", keyword);
}

class Compiler {
 public:
  std::unique_ptr<SchemaNode> CompileRoot(const Json& schema) {
    return CompileNode(schema, "openAPIV3Schema", Context{});
  }

  const std::vector<std::string>& errors() const { return errors_; }

 private:
  void Error(const std::string& location, absl::string_view detail) {
    errors_.push_back(absl::StrCat(location, ": ", detail));
  }

  // --- Typed keyword readers: a keyword of the wrong JSON type is an error,
  // as the apiserver cannot decode such a CRD. ---

  std::optional<bool> ReadBool(const Json& in, const char* key, const std::string& location) {
    const auto it = in.find(key);
    if (it == in.end()) return std::nullopt;
    if (!it->is_boolean()) {
      Error(At(location, key), "Invalid value: must be a boolean");
      return std::nullopt;
    }
    return it->get<bool>();
  }

  std::optional<std::string> ReadString(const Json& in, const char* key,
                                        const std::string& location) {
    const auto it = in.find(key);
    if (it == in.end()) return std::nullopt;
    if (!it->is_string()) {
      Error(At(location, key), "Invalid value: must be a string");
      return std::nullopt;
    }
    return it->get<std::string>();
  }

  std::optional<double> ReadNumber(const Json& in, const char* key, const std::string& location) {
    const auto it = in.find(key);
    if (it == in.end()) return std::nullopt;
    if (!it->is_number()) {
      Error(At(location, key), "Invalid value: must be a number");
      return std::nullopt;
    }
    return GoFloat64(*it);
  }

  // minLength, maxItems, ...: int64 fields of the CRD API.
  std::optional<int64_t> ReadCount(const Json& in, const char* key, const std::string& location) {
    const auto it = in.find(key);
    if (it == in.end()) return std::nullopt;
    if (GoKindOf(*it) != GoKind::kInt64) {
      Error(At(location, key), "Invalid value: must be an integer");
      return std::nullopt;
    }
    const int64_t count = GoInt64(*it);
    if (count < 0) {
      Error(At(location, key), absl::StrCat("Invalid value: ", count, ": must not be negative"));
      return std::nullopt;
    }
    return count;
  }

  std::vector<std::string> ReadStringList(const Json& in, const char* key,
                                          const std::string& location) {
    std::vector<std::string> out;
    const auto it = in.find(key);
    if (it == in.end()) return out;
    bool strings = it->is_array();
    for (size_t i = 0; strings && i < it->size(); ++i) strings = (*it)[i].is_string();
    if (!strings) {
      Error(At(location, key), "Invalid value: must be an array of strings");
      return out;
    }
    for (const Json& item : *it) out.push_back(item.get<std::string>());
    return out;
  }

  // --- Nodes ---

  std::unique_ptr<SchemaNode> CompileNode(const Json& in, const std::string& location,
                                          const Context& context) {
    if (!in.is_object()) {
      Error(location, "Invalid value: must be a schema object");
      return nullptr;
    }
    if (context.depth > kMaxSchemaDepth) {
      Error(location, "Forbidden: the schema nests too deeply");
      return nullptr;
    }
    auto node = std::make_unique<SchemaNode>();
    CheckUnsupportedKeywords(in, location);
    if (context.in_junctor) CheckJunctorKeywords(in, location, context);
    ReadGeneric(in, location, node.get());
    ReadObjectKeywords(in, location, context, node.get());
    ReadArrayKeywords(in, location, context, node.get());
    ReadStringKeywords(in, location, node.get());
    ReadNumberKeywords(in, location, node.get());
    ReadJunctors(in, location, context, node.get());
    if (!context.in_junctor) {
      CheckStructuralInvariants(in, location, context, *node);
      CheckListType(location, *node);
    }
    // Defaults are checked once the schema itself is sound, as the
    // apiserver only validates defaults of a structural schema.
    if (node->default_value.has_value() && errors_.empty()) CheckDefault(location, *node);
    return node;
  }

  void CheckUnsupportedKeywords(const Json& in, const std::string& location) {
    for (const char* keyword :
         {"$ref", "definitions", "dependencies", "patternProperties", "additionalItems"}) {
      if (in.contains(keyword)) {
        Error(At(location, keyword), "Forbidden: not supported in CRD schemas");
      }
    }
    if (ReadBool(in, "uniqueItems", location).value_or(false)) {
      Error(At(location, "uniqueItems"),
            "Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes "
            "quadratic");
    }
  }

  // Structural schemas keep junctors to value validations.
  void CheckJunctorKeywords(const Json& in, const std::string& location, const Context& context) {
    if (in.contains("type") && !context.int_or_string_alternative) {
      Error(At(location, "type"), "Forbidden: must be empty to be structural");
    }
    for (const char* keyword :
         {"title", "description", "x-kubernetes-list-map-keys", "x-kubernetes-validations"}) {
      if (in.contains(keyword))
        Error(At(location, keyword), "Forbidden: must be empty to be structural");
    }
    for (const char* keyword : {"default", "additionalProperties", "externalDocs",
                                "x-kubernetes-list-type", "x-kubernetes-map-type"}) {
      if (in.contains(keyword)) {
        Error(At(location, keyword), "Forbidden: must be undefined to be structural");
      }
    }
    for (const char* keyword : {"nullable", "x-kubernetes-preserve-unknown-fields",
                                "x-kubernetes-embedded-resource", "x-kubernetes-int-or-string"}) {
      const auto it = in.find(keyword);
      if (it != in.end() && it->is_boolean() && it->get<bool>()) {
        Error(At(location, keyword), "Forbidden: must be false to be structural");
      }
    }
    const auto properties = in.find("properties");
    if (properties != in.end() && properties->is_object() && properties->contains("metadata")) {
      Error(PropertyLocation(location, "metadata"),
            "Forbidden: must not be specified in a nested context");
    }
  }

  void ReadGeneric(const Json& in, const std::string& location, SchemaNode* node) {
    if (std::optional<std::string> type = ReadString(in, "type", location)) {
      // Kept even when unsupported, so that it is not also reported missing.
      node->type = *type;
      if (*type != "object" && *type != "array" && !IsScalarType(*type)) {
        Error(At(location, "type"),
              absl::StrCat("Unsupported value: ", GoQuote(*type),
                           ": supported values: \"array\", \"boolean\", \"integer\", \"number\", "
                           "\"object\", \"string\""));
      }
    }
    node->int_or_string = ReadBool(in, "x-kubernetes-int-or-string", location).value_or(false);
    node->nullable = ReadBool(in, "nullable", location).value_or(false);
    node->embedded_resource =
        ReadBool(in, "x-kubernetes-embedded-resource", location).value_or(false);
    if (std::optional<bool> preserve =
            ReadBool(in, "x-kubernetes-preserve-unknown-fields", location)) {
      if (!*preserve) {
        Error(At(location, "x-kubernetes-preserve-unknown-fields"),
              "Invalid value: false: must be true or undefined");
      }
      node->preserve_unknown_fields = *preserve;
    }
    if (std::optional<std::string> format = ReadString(in, "format", location)) {
      node->format = SupportedFormat(*format, *node);
    }
    if (const auto it = in.find("enum"); it != in.end()) {
      if (it->is_array()) {
        node->enum_values = *it;
      } else {
        Error(At(location, "enum"), "Invalid value: must be an array");
      }
    }
    // A null default is no default, as for the apiserver.
    if (const auto it = in.find("default"); it != in.end() && !it->is_null()) {
      node->default_value = *it;
    }
    // x-kubernetes-validations (CEL) are accepted and not evaluated.
  }

  void ReadObjectKeywords(const Json& in, const std::string& location, const Context& context,
                          SchemaNode* node) {
    if (const auto it = in.find("properties"); it != in.end()) {
      if (!it->is_object()) {
        Error(At(location, "properties"), "Invalid value: must be an object of schemas");
      } else {
        for (auto property = it->begin(); property != it->end(); ++property) {
          Context child;
          child.level = Level::kField;
          child.in_junctor = context.in_junctor;
          child.depth = context.depth + 1;
          std::unique_ptr<SchemaNode> compiled =
              CompileNode(property.value(), PropertyLocation(location, property.key()), child);
          if (compiled != nullptr) node->properties[property.key()] = std::move(compiled);
        }
      }
    }
    // Inside junctors additionalProperties is already reported.
    if (const auto it = in.find("additionalProperties"); it != in.end() && !context.in_junctor) {
      if (it->is_boolean()) {
        if (!it->get<bool>()) {
          Error(At(location, "additionalProperties"),
                "Forbidden: additionalProperties cannot be set to false");
        }
        node->additional_properties_any = it->get<bool>();
      } else {
        Context child;
        child.level = Level::kField;
        child.depth = context.depth + 1;
        node->additional_properties = CompileNode(*it, At(location, "additionalProperties"), child);
      }
      if (in.contains("properties")) {
        Error(At(location, "additionalProperties"),
              "Forbidden: additionalProperties and properties are mutual exclusive");
      }
    }
    node->required = ReadStringList(in, "required", location);
    node->min_properties = ReadCount(in, "minProperties", location);
    node->max_properties = ReadCount(in, "maxProperties", location);
    if (std::optional<std::string> map_type = ReadString(in, "x-kubernetes-map-type", location)) {
      if (*map_type != "granular" && *map_type != "atomic") {
        Error(At(location, "x-kubernetes-map-type"),
              absl::StrCat("Unsupported value: ", GoQuote(*map_type),
                           ": supported values: \"atomic\", \"granular\""));
      }
      node->map_type = *map_type;
    }
  }

  void ReadArrayKeywords(const Json& in, const std::string& location, const Context& context,
                         SchemaNode* node) {
    if (const auto it = in.find("items"); it != in.end()) {
      if (it->is_array()) {
        Error(At(location, "items"), "Forbidden: items must be a schema object and not an array");
      } else {
        Context child;
        child.level = Level::kItems;
        child.in_junctor = context.in_junctor;
        child.depth = context.depth + 1;
        node->items = CompileNode(*it, At(location, "items"), child);
      }
    }
    node->min_items = ReadCount(in, "minItems", location);
    node->max_items = ReadCount(in, "maxItems", location);
    if (std::optional<std::string> list_type = ReadString(in, "x-kubernetes-list-type", location)) {
      if (*list_type != "atomic" && *list_type != "set" && *list_type != "map") {
        Error(At(location, "x-kubernetes-list-type"),
              absl::StrCat("Unsupported value: ", GoQuote(*list_type),
                           ": supported values: \"atomic\", \"set\", \"map\""));
      } else {
        node->list_type = *list_type;
      }
    }
    node->list_map_keys = ReadStringList(in, "x-kubernetes-list-map-keys", location);
  }

  void ReadStringKeywords(const Json& in, const std::string& location, SchemaNode* node) {
    node->min_length = ReadCount(in, "minLength", location);
    node->max_length = ReadCount(in, "maxLength", location);
    std::optional<std::string> pattern = ReadString(in, "pattern", location);
    if (!pattern.has_value()) return;
    // RE2's syntax is Go's; compile errors belong in the status, not stderr.
    RE2::Options options;
    options.set_log_errors(false);
    auto regexp = std::make_unique<RE2>(*pattern, options);
    if (!regexp->ok()) {
      Error(At(location, "pattern"),
            absl::StrCat("Invalid value: ", GoQuote(*pattern),
                         ": must be a valid regular expression, but isn't: ", regexp->error()));
      return;
    }
    node->pattern = *pattern;
    node->pattern_regexp = std::move(regexp);
  }

  void ReadNumberKeywords(const Json& in, const std::string& location, SchemaNode* node) {
    node->minimum = ReadNumber(in, "minimum", location);
    node->maximum = ReadNumber(in, "maximum", location);
    node->exclusive_minimum = ReadBool(in, "exclusiveMinimum", location).value_or(false);
    node->exclusive_maximum = ReadBool(in, "exclusiveMaximum", location).value_or(false);
    node->multiple_of = ReadNumber(in, "multipleOf", location);
    if (node->multiple_of.has_value() && *node->multiple_of <= 0) {
      Error(At(location, "multipleOf"),
            absl::StrCat("Invalid value: ", GoFormatFloat(*node->multiple_of, 'g'),
                         ": must be greater than zero"));
      node->multiple_of.reset();
    }
  }

  void ReadJunctors(const Json& in, const std::string& location, const Context& context,
                    SchemaNode* node) {
    // The int-or-string pattern may stand as the node's anyOf (outside
    // junctors) or as the anyOf of its allOf[0].
    const bool any_of_pattern = (!context.in_junctor || context.int_or_string_pattern_allowed) &&
                                IsIntOrStringAnyOf(in.value("anyOf", Json()));
    const struct {
      const char* keyword;
      std::vector<std::unique_ptr<SchemaNode>>* target;
    } kLists[] = {{"allOf", &node->all_of}, {"anyOf", &node->any_of}, {"oneOf", &node->one_of}};
    for (const auto& list : kLists) {
      const auto it = in.find(list.keyword);
      if (it == in.end()) continue;
      if (!it->is_array()) {
        Error(At(location, list.keyword), "Invalid value: must be an array of schemas");
        continue;
      }
      const std::string keyword = list.keyword;
      for (size_t i = 0; i < it->size(); ++i) {
        Context child;
        child.level = context.level;
        child.in_junctor = true;
        child.depth = context.depth + 1;
        child.int_or_string_alternative = keyword == "anyOf" && any_of_pattern;
        child.int_or_string_pattern_allowed = keyword == "allOf" && i == 0 && !context.in_junctor;
        const std::string child_location = absl::StrCat(location, ".", keyword, "[", i, "]");
        std::unique_ptr<SchemaNode> compiled = CompileNode((*it)[i], child_location, child);
        if (compiled == nullptr) continue;
        if (!context.in_junctor) CheckCompleteness((*it)[i], node, location, child_location);
        list.target->push_back(std::move(compiled));
      }
    }
    if (const auto it = in.find("not"); it != in.end()) {
      Context child;
      child.level = context.level;
      child.in_junctor = true;
      child.depth = context.depth + 1;
      node->not_schema = CompileNode(*it, At(location, "not"), child);
      if (node->not_schema != nullptr && !context.in_junctor) {
        CheckCompleteness(*it, node, location, At(location, "not"));
      }
    }
  }

  // Every property or items a junctor mentions must also be specified in
  // the structural part of the schema (validateStructuralCompleteness).
  void CheckCompleteness(const Json& junctor, const SchemaNode* skeleton,
                         const std::string& skeleton_location,
                         const std::string& junctor_location) {
    if (!junctor.is_object()) return;
    if (skeleton == nullptr) {
      Error(skeleton_location,
            absl::StrCat("Required value: because it is defined in ", junctor_location));
      return;
    }
    if (const auto it = junctor.find("properties"); it != junctor.end() && it->is_object()) {
      for (auto property = it->begin(); property != it->end(); ++property) {
        CheckCompleteness(property.value(), skeleton->FindProperty(property.key()),
                          PropertyLocation(skeleton_location, property.key()),
                          PropertyLocation(junctor_location, property.key()));
      }
    }
    if (const auto it = junctor.find("items"); it != junctor.end()) {
      CheckCompleteness(*it, skeleton->items.get(), At(skeleton_location, "items"),
                        At(junctor_location, "items"));
    }
    for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
      const auto it = junctor.find(keyword);
      if (it == junctor.end() || !it->is_array()) continue;
      for (size_t i = 0; i < it->size(); ++i) {
        CheckCompleteness((*it)[i], skeleton, skeleton_location,
                          absl::StrCat(junctor_location, ".", keyword, "[", i, "]"));
      }
    }
    if (const auto it = junctor.find("not"); it != junctor.end()) {
      CheckCompleteness(*it, skeleton, skeleton_location, At(junctor_location, "not"));
    }
  }

  // validateStructuralInvariants, for a node outside junctors.
  void CheckStructuralInvariants(const Json& in, const std::string& location,
                                 const Context& context, const SchemaNode& node) {
    const bool root = context.level == Level::kRoot;
    if (node.type == "array" && !in.contains("items")) {
      Error(At(location, "items"), "Required value: must be specified");
    }
    if (root && node.HasAdditionalProperties()) {
      Error(At(location, "additionalProperties"), "Forbidden: must not be used at the root");
    }
    if (node.embedded_resource && node.type != "object") {
      Error(At(location, "type"),
            node.type.empty()
                ? "Required value: must be object if x-kubernetes-embedded-resource is true"
                : absl::StrCat("Invalid value: ", GoQuote(node.type),
                               ": must be object if x-kubernetes-embedded-resource is true"));
    } else if (node.type.empty() && !node.int_or_string && !node.preserve_unknown_fields) {
      Error(At(location, "type"),
            root ? "Required value: must not be empty at the root"
            : context.level == Level::kItems
                ? "Required value: must not be empty for specified array items"
                : "Required value: must not be empty for specified object fields");
    }
    if (root && node.type.empty() && (node.int_or_string || node.preserve_unknown_fields)) {
      Error(At(location, "type"), "Required value: must not be empty at the root");
    }
    if (node.embedded_resource && node.HasAdditionalProperties()) {
      Error(At(location, "additionalProperties"),
            "Forbidden: must not be used if x-kubernetes-embedded-resource is set");
    }
    if (root && !node.type.empty() && node.type != "object") {
      Error(At(location, "type"),
            absl::StrCat("Invalid value: ", GoQuote(node.type), ": must be object at the root"));
    }
    if (node.int_or_string && !node.type.empty()) {
      Error(At(location, "type"),
            absl::StrCat("Invalid value: ", GoQuote(node.type),
                         ": must be empty if x-kubernetes-int-or-string is true"));
    }
    if (node.int_or_string && node.preserve_unknown_fields) {
      Error(At(location, "x-kubernetes-preserve-unknown-fields"),
            "Invalid value: true: must be false if x-kubernetes-int-or-string is true");
    }
    if (node.int_or_string && node.embedded_resource) {
      Error(At(location, "x-kubernetes-embedded-resource"),
            "Invalid value: true: must be false if x-kubernetes-int-or-string is true");
    }
    if (!node.map_type.empty() && node.type != "object") {
      Error(At(location, "x-kubernetes-map-type"),
            "Invalid value: must only be used if type is object");
    }
    const bool check_metadata = root || node.embedded_resource;
    for (const char* meta : {"kind", "apiVersion"}) {
      const SchemaNode* property = node.FindProperty(meta);
      if (check_metadata && property != nullptr && property->type != "string") {
        Error(At(PropertyLocation(location, meta), "type"),
              absl::StrCat("Invalid value: ", GoQuote(property->type), ": must be string"));
      }
    }
    if (const SchemaNode* metadata = node.FindProperty("metadata")) {
      CheckMetadata(in.at("properties").at("metadata"), *metadata, check_metadata, root,
                    PropertyLocation(location, "metadata"));
    }
    if (node.embedded_resource && !node.preserve_unknown_fields && node.properties.empty()) {
      Error(At(location, "properties"),
            "Required value: must not be empty if x-kubernetes-embedded-resource is true without "
            "x-kubernetes-preserve-unknown-fields");
    }
  }

  // Object metadata is the apiserver's: a schema may only restrict name and
  // generateName of a resource's own metadata.
  void CheckMetadata(const Json& in, const SchemaNode& metadata, bool check_metadata, bool root,
                     const std::string& location) {
    if (check_metadata && metadata.type != "object") {
      Error(At(location, "type"),
            absl::StrCat("Invalid value: ", GoQuote(metadata.type), ": must be object"));
    }
    if (!root) return;
    bool restricted_only = true;
    for (auto it = in.begin(); it != in.end(); ++it) {
      if (it.key() != "type" && it.key() != "properties") {
        restricted_only = false;
      }
    }
    for (const auto& [name, unused] : metadata.properties) {
      if (name != "name" && name != "generateName") restricted_only = false;
    }
    if (!restricted_only) {
      Error(location,
            "Forbidden: must not specify anything other than name and generateName, but "
            "metadata is implicitly specified");
    }
  }

  void CheckListType(const std::string& location, const SchemaNode& node) {
    if (!node.list_map_keys.empty() && node.list_type != "map") {
      Error(At(location, "x-kubernetes-list-map-keys"),
            "Forbidden: must not be set if x-kubernetes-list-type is not map");
    }
    if (node.list_type.empty()) return;
    const std::string list_type_location = At(location, "x-kubernetes-list-type");
    if (node.type != "array") {
      Error(list_type_location, "Invalid value: must only be used if type is array");
      return;
    }
    const SchemaNode* items = node.items.get();
    if (items == nullptr) return;  // reported as missing items
    if (node.list_type == "set") {
      const bool scalar = IsScalarType(items->type) || items->int_or_string;
      const bool atomic = (items->type == "object" && items->map_type == "atomic") ||
                          (items->type == "array" && items->list_type == "atomic");
      if (!scalar && !atomic) {
        Error(list_type_location,
              "Invalid value: \"set\": must only be used on arrays of scalars or atomic objects "
              "and lists");
      }
      return;
    }
    if (node.list_type != "map") return;
    if (node.list_map_keys.empty()) {
      Error(At(location, "x-kubernetes-list-map-keys"),
            "Required value: must not be empty if x-kubernetes-list-type is map");
    }
    if (items->type != "object") {
      Error(At(location, "items.type"),
            "Invalid value: must be object if parent array's x-kubernetes-list-type is map");
      return;
    }
    for (const std::string& key : node.list_map_keys) {
      const SchemaNode* key_schema = items->FindProperty(key);
      if (key_schema == nullptr) {
        Error(At(location, "x-kubernetes-list-map-keys"),
              absl::StrCat("Invalid value: ", GoQuote(key),
                           ": entries must all be names of item properties"));
      } else if (!IsScalarType(key_schema->type) && !key_schema->int_or_string) {
        Error(At(location, "x-kubernetes-list-map-keys"),
              absl::StrCat("Invalid value: ", GoQuote(key), ": must be a scalar typed property"));
      }
    }
  }

  // A default must survive pruning unchanged and validate (after its own
  // nested defaults apply), or the apiserver refuses the CRD.
  void CheckDefault(const std::string& location, const SchemaNode& node) {
    const std::string default_location = At(location, "default");
    Json value = *node.default_value;
    std::vector<std::string> unknown;
    PruneUnknownFields(&node, node.embedded_resource, "", &value, &unknown);
    if (!unknown.empty()) {
      Error(default_location,
            absl::StrCat("Invalid value: ", GoJsonMarshal(*node.default_value),
                         ": must not have unknown fields: ", absl::StrJoin(unknown, ", ")));
      return;
    }
    ApplyDefaults(&node, &value);
    // Validated at path "default", so messages read "default in body ...".
    std::vector<FieldError> errors;
    ValidateValue(node, value, "default", &errors);
    SortFieldErrors(&errors);
    for (const FieldError& error : errors) {
      Error(error.field == "<nil>" ? default_location : At(location, error.field), error.message);
    }
  }

  std::vector<std::string> errors_;
};

}  // namespace

absl::StatusOr<StructuralSchema> StructuralSchema::Compile(const Json& open_api_v3_schema) {
  try {
    Compiler compiler;
    std::unique_ptr<SchemaNode> root = compiler.CompileRoot(open_api_v3_schema);
    if (!compiler.errors().empty() || root == nullptr) {
      return absl::InvalidArgumentError(absl::StrJoin(compiler.errors(), "; "));
    }
    return StructuralSchema(std::shared_ptr<const SchemaNode>(std::move(root)));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("openAPIV3Schema: cannot be compiled: ", e.what()));
  }
}

}  // namespace sei::controlplane
