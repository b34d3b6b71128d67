#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lib/controlplane/apiserver/builtin_types.h"
#include "lib/controlplane/apiserver/crd_types.h"
#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/apiserver/resource_registry.h"

namespace sei::controlplane {
namespace {

using Triple = std::tuple<std::string, std::string, std::string>;

class Registry : public ResourceRegistry {
 public:
  Registry() {
    absl::MutexLock lock(&mu_);
    for (ResourceType& type : BuiltinResourceTypes()) Add(std::move(type));
  }

  const ResourceType* Find(absl::string_view group, absl::string_view version,
                           absl::string_view resource) const override {
    absl::MutexLock lock(&mu_);
    auto it = by_resource_.find(
        Triple(std::string(group), std::string(version), std::string(resource)));
    return it == by_resource_.end() ? nullptr : it->second;
  }

  const ResourceType* FindByKind(absl::string_view group, absl::string_view version,
                                 absl::string_view kind) const override {
    absl::MutexLock lock(&mu_);
    auto it = by_kind_.find(Triple(std::string(group), std::string(version), std::string(kind)));
    return it == by_kind_.end() ? nullptr : it->second;
  }

  std::vector<const ResourceType*> All() const override {
    absl::MutexLock lock(&mu_);
    std::vector<const ResourceType*> all;
    all.reserve(by_resource_.size());
    for (const auto& entry : by_resource_) all.push_back(entry.second);
    return all;
  }

  absl::Status ServeCustomResource(const nlohmann::json& crd) override {
    absl::StatusOr<std::vector<ResourceType>> types = CrdResourceTypes(crd);
    if (!types.ok()) return types.status();
    const std::string name = MetaString(crd, "name");
    absl::MutexLock lock(&mu_);
    Retire(name);
    for (ResourceType& type : *types) Add(std::move(type));
    return absl::OkStatus();
  }

  void StopServing(absl::string_view crd_name) override {
    absl::MutexLock lock(&mu_);
    Retire(std::string(crd_name));
  }

 private:
  void Add(ResourceType type) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    owned_.push_back(std::make_unique<const ResourceType>(std::move(type)));
    const ResourceType* added = owned_.back().get();
    by_resource_[Triple(added->group, added->version, added->resource)] = added;
    by_kind_[Triple(added->group, added->version, added->kind)] = added;
  }

  // Unlists a CRD's types. They stay allocated (in owned_): requests and
  // watches in flight may still hold them.
  void Retire(const std::string& crd_name) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    for (auto it = by_resource_.begin(); it != by_resource_.end();) {
      if (!it->second->crd_name.empty() && it->second->crd_name == crd_name) {
        const ResourceType* type = it->second;
        auto kind = by_kind_.find(Triple(type->group, type->version, type->kind));
        if (kind != by_kind_.end() && kind->second == type) by_kind_.erase(kind);
        it = by_resource_.erase(it);
      } else {
        ++it;
      }
    }
  }

  mutable absl::Mutex mu_;
  std::vector<std::unique_ptr<const ResourceType>> owned_ ABSL_GUARDED_BY(mu_);
  std::map<Triple, const ResourceType*> by_resource_ ABSL_GUARDED_BY(mu_);
  std::map<Triple, const ResourceType*> by_kind_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<ResourceRegistry> NewRegistryWithBuiltins() {
  return std::make_unique<Registry>();
}

}  // namespace sei::controlplane
