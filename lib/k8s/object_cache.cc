#include "lib/k8s/object_cache.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/core/selectors.h"

namespace sei::k8s {
namespace {

const Object& LabelsOf(const Object& object) {
  static const Object kNone;
  if (!object.is_object()) return kNone;
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return kNone;
  auto labels = meta->find("labels");
  return labels == meta->end() ? kNone : *labels;
}

std::string MetadataString(const Object& object, const char* field) {
  if (!object.is_object()) return "";
  auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return "";
  auto value = meta->find(field);
  return value != meta->end() && value->is_string() ? value->get<std::string>() : "";
}

std::string Key(absl::string_view ns, absl::string_view name) {
  return absl::StrCat(ns, "/", name);
}

}  // namespace

std::string CacheKey(const Object& object) {
  return Key(MetadataString(object, "namespace"), MetadataString(object, "name"));
}

std::string ResourceVersionOf(const Object& object) {
  return MetadataString(object, "resourceVersion");
}

std::optional<Object> ObjectCache::Get(absl::string_view ns, absl::string_view name) const {
  absl::MutexLock lock(&mu_);
  auto it = objects_.find(Key(ns, name));
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::vector<Object>> ObjectCache::List(absl::string_view ns,
                                                      absl::string_view label_selector) const {
  absl::StatusOr<controlplane::LabelSelector> selector =
      controlplane::LabelSelector::Parse(label_selector);
  if (!selector.ok()) return selector.status();
  std::vector<Object> out;
  absl::MutexLock lock(&mu_);
  for (const auto& [key, object] : objects_) {
    if (!ns.empty() && MetadataString(object, "namespace") != ns) continue;
    if (!selector->Matches(LabelsOf(object))) continue;
    out.push_back(object);
  }
  return out;
}

size_t ObjectCache::Size() const {
  absl::MutexLock lock(&mu_);
  return objects_.size();
}

std::optional<Object> ObjectCache::Upsert(Object object) {
  std::string key = CacheKey(object);
  absl::MutexLock lock(&mu_);
  auto [it, inserted] = objects_.try_emplace(key);
  std::optional<Object> previous;
  if (!inserted) previous = std::move(it->second);
  it->second = std::move(object);
  return previous;
}

std::optional<Object> ObjectCache::Remove(const Object& object) {
  absl::MutexLock lock(&mu_);
  auto it = objects_.find(CacheKey(object));
  if (it == objects_.end()) return std::nullopt;
  Object previous = std::move(it->second);
  objects_.erase(it);
  return previous;
}

std::vector<CacheDelta> ObjectCache::Replace(std::vector<Object> objects) {
  std::map<std::string, Object> next;
  for (Object& object : objects) {
    std::string key = CacheKey(object);
    next[key] = std::move(object);
  }
  std::vector<CacheDelta> deltas;
  absl::MutexLock lock(&mu_);
  for (auto& [key, old_object] : objects_) {
    auto it = next.find(key);
    if (it == next.end()) {
      deltas.push_back({CacheDelta::Kind::kDeleted, old_object, Object()});
    } else if (ResourceVersionOf(old_object) != ResourceVersionOf(it->second)) {
      deltas.push_back({CacheDelta::Kind::kUpdated, old_object, it->second});
    }
  }
  for (const auto& [key, object] : next) {
    if (objects_.count(key) == 0) deltas.push_back({CacheDelta::Kind::kAdded, Object(), object});
  }
  objects_ = std::move(next);
  return deltas;
}

}  // namespace sei::k8s
