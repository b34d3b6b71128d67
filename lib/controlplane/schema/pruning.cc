#include "lib/controlplane/schema/pruning.h"

#include "absl/strings/str_cat.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

// Data deeper than this below a schema-less node is left as is rather than
// recursed into: the schema bounds every other recursion, and no manifest
// nests anywhere near this deep.
constexpr int kMaxDepth = 512;

bool IsMetaField(const std::string& key) {
  return key == "apiVersion" || key == "kind" || key == "metadata";
}

std::string KeyPath(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : absl::StrCat(parent, ".", key);
}

std::string IndexPath(const std::string& parent, size_t index) {
  return absl::StrCat(parent, "[", index, "]");
}

void Prune(const SchemaNode* schema, bool resource_root, const std::string& path, int depth,
           Json* value, std::vector<std::string>* pruned_paths);

// The descent below a node with x-kubernetes-preserve-unknown-fields: unknown
// members stay, declared ones are pruned by their own schema.
void SkipPrune(const SchemaNode* schema, bool resource_root, const std::string& path, int depth,
               Json* value, std::vector<std::string>* pruned_paths) {
  if (schema == nullptr || depth > kMaxDepth) return;
  if (value->is_object()) {
    for (auto it = value->begin(); it != value->end(); ++it) {
      if (resource_root && IsMetaField(it.key())) continue;
      const SchemaNode* field = schema->FieldSchema(it.key());
      if (field != nullptr) {
        Prune(field, false, KeyPath(path, it.key()), depth + 1, &it.value(), pruned_paths);
      }
    }
  } else if (value->is_array()) {
    const SchemaNode* items = schema->items.get();
    const bool embedded = items != nullptr && items->embedded_resource;
    for (size_t i = 0; i < value->size(); ++i) {
      SkipPrune(items, embedded, IndexPath(path, i), depth + 1, &(*value)[i], pruned_paths);
    }
  }
}

void Prune(const SchemaNode* schema, bool resource_root, const std::string& path, int depth,
           Json* value, std::vector<std::string>* pruned_paths) {
  if (depth > kMaxDepth) return;
  resource_root = resource_root || (schema != nullptr && schema->embedded_resource);
  if (schema != nullptr && schema->preserve_unknown_fields) {
    SkipPrune(schema, resource_root, path, depth, value, pruned_paths);
    return;
  }
  if (value->is_object()) {
    for (auto it = value->begin(); it != value->end();) {
      const std::string& key = it.key();
      if (schema != nullptr && resource_root && IsMetaField(key)) {
        ++it;
        continue;
      }
      if (schema != nullptr &&
          (schema->FindProperty(key) != nullptr || schema->HasAdditionalProperties())) {
        Prune(schema->FieldSchema(key), false, KeyPath(path, key), depth + 1, &it.value(),
              pruned_paths);
        ++it;
        continue;
      }
      if (pruned_paths != nullptr) pruned_paths->push_back(KeyPath(path, key));
      it = value->erase(it);
    }
  } else if (value->is_array()) {
    const SchemaNode* items = schema == nullptr ? nullptr : schema->items.get();
    for (size_t i = 0; i < value->size(); ++i) {
      Prune(items, false, IndexPath(path, i), depth + 1, &(*value)[i], pruned_paths);
    }
  }
}

}  // namespace

void PruneUnknownFields(const SchemaNode* schema, bool resource_root, const std::string& path,
                        Json* value, std::vector<std::string>* pruned_paths) {
  Prune(schema, resource_root, path, 0, value, pruned_paths);
}

bool IsPrunableNull(const SchemaNode* field_schema, const Json& value) {
  return value.is_null() && field_schema != nullptr && !field_schema->nullable &&
         !field_schema->default_value.has_value();
}

void PruneNonNullableNulls(const SchemaNode* schema, Json* value) {
  // Without a schema nothing below can be prunable; stopping here also keeps
  // the recursion bounded by the schema's depth.
  if (schema == nullptr) return;
  if (value->is_object()) {
    for (auto it = value->begin(); it != value->end();) {
      const SchemaNode* field = schema->FieldSchema(it.key());
      if (IsPrunableNull(field, it.value())) {
        it = value->erase(it);
      } else {
        PruneNonNullableNulls(field, &it.value());
        ++it;
      }
    }
  } else if (value->is_array()) {
    for (Json& item : *value) PruneNonNullableNulls(schema->items.get(), &item);
  }
}

}  // namespace sei::controlplane
