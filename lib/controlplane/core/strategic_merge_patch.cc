#include "lib/controlplane/core/strategic_merge_patch.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sei::controlplane {

PatchStrategy& PatchStrategy::MergeByKey(absl::string_view path, absl::string_view merge_key) {
  lists_[std::string(path)] = ListMerge{std::string(merge_key)};
  return *this;
}

PatchStrategy& PatchStrategy::MergeAsSet(absl::string_view path) {
  lists_[std::string(path)] = ListMerge{};
  return *this;
}

const PatchStrategy::ListMerge* PatchStrategy::FindList(absl::string_view path) const {
  auto it = lists_.find(std::string(path));
  return it == lists_.end() ? nullptr : &it->second;
}

namespace {

using nlohmann::json;

constexpr char kPatchDirective[] = "$patch";
constexpr char kRetainKeysDirective[] = "$retainKeys";
constexpr absl::string_view kSetElementOrderPrefix = "$setElementOrder/";
constexpr absl::string_view kDeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

// Where the merge is. The strategy is looked up by `schema`
// ("spec.containers[].ports"); errors print `shown`, which names the patch
// element ("spec.containers[1].ports") so the client can find it.
struct Path {
  std::string schema;
  std::string shown;

  Path Field(absl::string_view name) const {
    if (schema.empty()) return {std::string(name), std::string(name)};
    return {absl::StrCat(schema, ".", name), absl::StrCat(shown, ".", name)};
  }
  Path Element(size_t index) const {
    return {absl::StrCat(schema, "[]"), absl::StrCat(shown, "[", index, "]")};
  }
};

absl::Status Error(const Path& path, absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat(path.shown.empty() ? "patch" : path.shown, ": ", message));
}

std::string Show(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool IsScalar(const json& value) { return !value.is_object() && !value.is_array(); }

bool IsDirective(const std::string& key) { return !key.empty() && key[0] == '$'; }

// How the elements of one list are told apart: by their merge key, or (sets
// and replaced lists) by their whole value.
class Identity {
 public:
  explicit Identity(std::string merge_key) : merge_key_(std::move(merge_key)) {}

  // nullptr for a map without the merge key, which matches nothing.
  const json* Of(const json& element) const {
    if (merge_key_.empty()) return &element;
    auto it = element.find(merge_key_);  // end() for a non-object too
    return it == element.end() ? nullptr : &*it;
  }

  // The first element of `list` (an array) with the identity of `element`.
  std::optional<size_t> IndexIn(const json& list, const json& element) const {
    const json* id = Of(element);
    if (id == nullptr) return std::nullopt;
    for (size_t i = 0; i < list.size(); ++i) {
      const json* other = Of(list[i]);
      if (other != nullptr && *other == *id) return i;
    }
    return std::nullopt;
  }

 private:
  std::string merge_key_;
};

// kube-apiserver's element order for a merged list: the elements `order`
// names, sorted as `order` has them, with the rest (already in their stored
// order) interleaved: one goes before a named element only when it stood
// before it in `stored`. Anything unplaceable yields to the named elements.
json Arrange(const json& merged, const json& order, const json& stored, const Identity& id) {
  std::vector<const json*> named;
  std::vector<const json*> others;
  for (const json& element : merged) {
    (id.IndexIn(order, element).has_value() ? named : others).push_back(&element);
  }
  std::stable_sort(named.begin(), named.end(), [&](const json* a, const json* b) {
    return *id.IndexIn(order, *a) < *id.IndexIn(order, *b);
  });
  json result = json::array();
  size_t i = 0;
  size_t j = 0;
  while (i < others.size() || j < named.size()) {
    bool other_first = j == named.size();
    if (i < others.size() && j < named.size()) {
      const std::optional<size_t> left = id.IndexIn(stored, *others[i]);
      const std::optional<size_t> right = id.IndexIn(stored, *named[j]);
      other_first = left.has_value() && right.has_value() && *left < *right;
    }
    result.push_back(other_first ? *others[i++] : *named[j++]);
  }
  return result;
}

class Merger {
 public:
  explicit Merger(const PatchStrategy& strategy) : strategy_(strategy) {}

  // Merges the object `patch` into the object `target`. nullopt: the patch
  // deletes the map ("$patch": "delete").
  absl::StatusOr<std::optional<json>> MergeMap(const Path& path, json target,
                                               const json& patch) const;

  // Merges the array `patch` into `original` (an array, or nullptr when the
  // field is absent or of another type).
  absl::StatusOr<json> MergeList(const Path& path, const json* original, const json& patch) const;

 private:
  // A value new to the object: merged onto nothing, so its directives are
  // interpreted and stripped like everywhere else. nullopt: deleted.
  absl::StatusOr<std::optional<json>> Fresh(const Path& path, const json& patch) const;

  // $setElementOrder/<field> (at `directive`) applied to the merged list at
  // `path`; `patch_list` is the patch's own value for that list, if any.
  absl::StatusOr<json> Reorder(const Path& path, const Path& directive, const json& merged,
                               const json& order, const json& stored, const json* patch_list) const;

  const PatchStrategy& strategy_;
};

absl::StatusOr<std::optional<json>> Merger::Fresh(const Path& path, const json& patch) const {
  if (patch.is_object()) return MergeMap(path, json::object(), patch);
  if (patch.is_array()) {
    absl::StatusOr<json> list = MergeList(path, nullptr, patch);
    if (!list.ok()) return list.status();
    return std::optional<json>(*std::move(list));
  }
  return std::optional<json>(patch);
}

absl::StatusOr<std::optional<json>> Merger::MergeMap(const Path& path, json target,
                                                     const json& patch) const {
  if (!target.is_object()) target = json::object();
  if (auto directive = patch.find(kPatchDirective); directive != patch.end()) {
    if (!directive->is_string()) return Error(path, "$patch must be a string");
    const std::string& what = directive->get_ref<const std::string&>();
    if (what == "delete") return std::optional<json>();
    if (what == "replace") {
      target = json::object();
    } else if (what != "merge") {
      return Error(path, absl::StrCat("unknown $patch value ", Show(*directive),
                                      " (want replace, merge or delete)"));
    }
  }

  // Directives, checked before anything is merged.
  const json* retain_keys = nullptr;
  std::vector<std::pair<std::string, const json*>> orders;
  std::vector<std::pair<std::string, const json*>> deletions;
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& key = it.key();
    if (!IsDirective(key) || key == kPatchDirective) continue;
    const Path here = path.Field(key);
    if (key == kRetainKeysDirective) {
      retain_keys = &it.value();
    } else if (absl::StartsWith(key, kSetElementOrderPrefix) &&
               key.size() > kSetElementOrderPrefix.size()) {
      if (!it->is_array()) return Error(here, "must be a list");
      orders.emplace_back(key.substr(kSetElementOrderPrefix.size()), &it.value());
    } else if (absl::StartsWith(key, kDeleteFromPrimitiveListPrefix) &&
               key.size() > kDeleteFromPrimitiveListPrefix.size()) {
      if (!it->is_array()) return Error(here, "must be a list");
      deletions.emplace_back(key.substr(kDeleteFromPrimitiveListPrefix.size()), &it.value());
    } else {
      return Error(path, absl::StrCat("unknown patch directive \"", key, "\""));
    }
  }

  if (retain_keys != nullptr) {
    const Path here = path.Field(kRetainKeysDirective);
    if (!retain_keys->is_array()) return Error(here, "must be a list of field names");
    std::set<std::string> retained;
    for (const json& name : *retain_keys) {
      if (!name.is_string()) return Error(here, "must be a list of field names");
      retained.insert(name.get<std::string>());
    }
    // A union member the patch sets must be one it keeps, or the patch
    // contradicts itself.
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      if (IsDirective(it.key()) || it->is_null() || retained.count(it.key()) > 0) continue;
      return Error(here, absl::StrCat("does not list \"", it.key(), "\", which the patch sets"));
    }
    for (auto it = target.begin(); it != target.end();) {
      it = retained.count(it.key()) > 0 ? std::next(it) : target.erase(it);
    }
  }

  // $setElementOrder places elements relative to the list as stored.
  std::vector<json> stored_lists;
  for (const auto& [field, order] : orders) {
    auto it = target.find(field);
    stored_lists.push_back(it != target.end() && it->is_array() ? *it : json::array());
  }

  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string& key = it.key();
    if (IsDirective(key)) continue;
    const json& value = it.value();
    if (value.is_null()) {
      target.erase(key);
      continue;
    }
    const Path here = path.Field(key);
    auto existing = target.find(key);
    absl::StatusOr<std::optional<json>> merged;
    if (value.is_object() && existing != target.end() && existing->is_object()) {
      merged = MergeMap(here, std::move(*existing), value);
    } else if (value.is_array() && existing != target.end() && existing->is_array()) {
      absl::StatusOr<json> list = MergeList(here, &*existing, value);
      merged = list.ok() ? absl::StatusOr<std::optional<json>>(*std::move(list)) : list.status();
    } else {
      merged = Fresh(here, value);
    }
    if (!merged.ok()) return merged.status();
    if (merged->has_value()) {
      target[key] = std::move(**merged);
    } else {
      target.erase(key);
    }
  }

  for (const auto& [field, values] : deletions) {
    auto list = target.find(field);
    if (list == target.end() || !list->is_array()) continue;
    json kept = json::array();
    for (json& element : *list) {
      if (std::find(values->begin(), values->end(), element) == values->end()) {
        kept.push_back(std::move(element));
      }
    }
    *list = std::move(kept);
  }

  for (size_t i = 0; i < orders.size(); ++i) {
    const auto& [field, order] = orders[i];
    auto list = target.find(field);
    if (list == target.end() || !list->is_array()) continue;
    auto patch_list = patch.find(field);
    absl::StatusOr<json> arranged =
        Reorder(path.Field(field), path.Field(absl::StrCat(kSetElementOrderPrefix, field)), *list,
                *order, stored_lists[i],
                patch_list != patch.end() && patch_list->is_array() ? &*patch_list : nullptr);
    if (!arranged.ok()) return arranged.status();
    *list = *std::move(arranged);
  }
  return std::optional<json>(std::move(target));
}

absl::StatusOr<json> Merger::MergeList(const Path& path, const json* original,
                                       const json& patch) const {
  const PatchStrategy::ListMerge* merge = strategy_.FindList(path.schema);
  const bool keyed = merge != nullptr && !merge->merge_key.empty();
  json kept = merge != nullptr && original != nullptr ? *original : json::array();

  // Directive elements first: they decide what the others merge into.
  bool replace = merge == nullptr;
  std::vector<size_t> regular;
  for (size_t i = 0; i < patch.size(); ++i) {
    const json& element = patch[i];
    auto directive = element.find(kPatchDirective);  // end() for a non-object too
    if (directive == element.end()) {
      regular.push_back(i);
      continue;
    }
    const Path here = path.Element(i);
    if (!directive->is_string()) return Error(here, "$patch must be a string");
    const std::string& what = directive->get_ref<const std::string&>();
    if (what == "replace") {
      replace = true;
    } else if (what == "delete") {
      if (!keyed) return Error(here, "$patch: delete needs a list with a merge key");
      auto key = element.find(merge->merge_key);
      if (key == element.end()) {
        return Error(here, absl::StrCat("missing merge key \"", merge->merge_key, "\""));
      }
      json rest = json::array();
      for (json& stored : kept) {
        auto stored_key = stored.find(merge->merge_key);
        if (stored_key == stored.end() || *stored_key != *key) rest.push_back(std::move(stored));
      }
      kept = std::move(rest);
    } else if (what != "merge") {
      return Error(here, absl::StrCat("unknown $patch value ", Show(*directive),
                                      " (want replace, merge or delete)"));
    }
  }

  if (replace) {
    json result = json::array();
    for (size_t i : regular) {
      absl::StatusOr<std::optional<json>> element = Fresh(path.Element(i), patch[i]);
      if (!element.ok()) return element.status();
      if (element->has_value()) result.push_back(std::move(**element));
    }
    return result;
  }

  json merged = json::array();
  json patch_elements = json::array();
  if (!keyed) {
    // A set of scalars: the union, first occurrence first.
    for (const json& element : kept) {
      if (!IsScalar(element)) return Error(path, "the stored list is not a list of scalars");
      if (std::find(merged.begin(), merged.end(), element) == merged.end()) {
        merged.push_back(element);
      }
    }
    for (size_t i : regular) {
      const json& element = patch[i];
      if (!IsScalar(element)) return Error(path.Element(i), "must be a scalar (the list is a set)");
      if (std::find(merged.begin(), merged.end(), element) == merged.end()) {
        merged.push_back(element);
      }
      patch_elements.push_back(element);
    }
  } else {
    const std::string& key = merge->merge_key;
    for (const json& element : kept) {
      if (!element.is_object()) {
        return Error(
            path, absl::StrCat("the stored list has a non-object element, cannot merge by \"", key,
                               "\""));
      }
    }
    merged = kept;
    for (size_t i : regular) {
      const json& element = patch[i];
      const Path here = path.Element(i);
      if (!element.is_object()) return Error(here, "must be an object (the list merges by key)");
      auto value = element.find(key);
      if (value == element.end()) {
        return Error(here, absl::StrCat("missing merge key \"", key, "\""));
      }
      auto match = std::find_if(merged.begin(), merged.end(), [&](const json& stored) {
        auto stored_value = stored.find(key);
        return stored_value != stored.end() && *stored_value == *value;
      });
      absl::StatusOr<std::optional<json>> result =
          MergeMap(here, match != merged.end() ? std::move(*match) : json::object(), element);
      if (!result.ok()) return result.status();
      // An element with $patch went down the directive path above.
      json updated = result->has_value() ? std::move(**result) : json::object();
      if (match != merged.end()) {
        *match = std::move(updated);
      } else {
        merged.push_back(std::move(updated));
      }
      patch_elements.push_back(element);
    }
  }
  return Arrange(merged, patch_elements, kept, Identity(keyed ? merge->merge_key : ""));
}

absl::StatusOr<json> Merger::Reorder(const Path& path, const Path& directive, const json& merged,
                                     const json& order, const json& stored,
                                     const json* patch_list) const {
  const PatchStrategy::ListMerge* merge = strategy_.FindList(path.schema);
  // A replaced list already has the patch's order, and the directive names
  // elements by a merge key this list does not have.
  if (merge == nullptr) return merged;
  const Identity id(merge->merge_key);
  const std::string& merge_key = merge->merge_key;
  for (const json& element : order) {
    if (id.Of(element) == nullptr) {
      return Error(directive,
                   absl::StrCat("every element needs the merge key \"", merge_key, "\""));
    }
  }
  // The patch's own elements must appear in the directive, in the same
  // relative order; anything else means the client computed them apart.
  if (patch_list != nullptr) {
    size_t next = 0;
    for (const json& element : *patch_list) {
      if (element.is_object() && element.contains(kPatchDirective)) continue;
      const json* element_id = id.Of(element);
      while (next < order.size() &&
             !(element_id != nullptr && *id.Of(order[next]) == *element_id)) {
        ++next;
      }
      if (next == order.size()) {
        return Error(directive,
                     absl::StrCat("does not list ", Show(element), " where the patch has it"));
      }
      ++next;
    }
  }
  return Arrange(merged, order, stored, id);
}

}  // namespace

absl::StatusOr<json> ApplyStrategicMergePatch(const json& original, const json& patch,
                                              const PatchStrategy& strategy) {
  if (!patch.is_object()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a strategic merge patch must be a JSON object, not ", patch.type_name()));
  }
  absl::StatusOr<std::optional<json>> merged = Merger(strategy).MergeMap(Path(), original, patch);
  if (!merged.ok()) return merged.status();
  // "$patch": "delete" at the root leaves an empty object, as in kube.
  return merged->has_value() ? **std::move(merged) : json::object();
}

}  // namespace sei::controlplane
