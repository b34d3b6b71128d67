// Internal to the memory_store target: the MemoryStore implementation class,
// shared by memory_store.cc (reads, writes, watch) and garbage_collector.cc
// (deletion, finalizers, owner references, namespace and CRD cleanup).
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_MEMORY_STORE_IMPL_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_MEMORY_STORE_IMPL_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/memory_store.h"
#include "lib/controlplane/apiserver/watch_hub.h"

namespace sei::controlplane {

class MemoryStoreImpl : public MemoryStore {
 public:
  MemoryStoreImpl(ResourceRegistry* registry, StoreOptions options);
  ~MemoryStoreImpl() override;

  absl::StatusOr<Json> Get(const ResourceKey& key, absl::string_view name,
                           Subresource sub) override;
  absl::StatusOr<Json> List(const ResourceKey& key, const ListOptions& options) override;
  absl::StatusOr<Json> Create(const ResourceKey& key, Json object,
                              const WriteOptions& options) override;
  absl::StatusOr<Json> Update(const ResourceKey& key, absl::string_view name, Json object,
                              Subresource sub, const WriteOptions& options) override;
  absl::StatusOr<Json> Patch(const ResourceKey& key, absl::string_view name, PatchType type,
                             const Json& patch, Subresource sub,
                             const PatchOptions& options) override;
  absl::StatusOr<Json> Delete(const ResourceKey& key, absl::string_view name,
                              const DeleteOptions& options) override;
  absl::StatusOr<std::unique_ptr<WatchHandle>> Watch(
      const ResourceKey& key, const WatchOptions& options,
      std::function<void(const WatchEvent&)> on_event) override;
  std::string CurrentResourceVersion() const override;
  void Tick() override;

 private:
  // (namespace, name): the map order is the list order, namespace first.
  using ObjectKey = std::pair<std::string, std::string>;

  // One object, kept serialized (a parsed nlohmann::json costs ~10× the
  // bytes); the fields the store consults on every request are copied out.
  struct Stored {
    std::string data;
    uint64_t resource_version = 0;
    std::string uid;
    std::vector<std::string> owner_uids;  // sorted, distinct
    bool terminating = false;             // metadata.deletionTimestamp is set
    bool foreground = false;              // ... with the foregroundDeletion finalizer
  };

  // All objects of one GroupResource, whatever version wrote them (custom
  // resource versions share storage and convert with strategy None).
  struct Collection {
    std::string id;                      // QualifiedResource(), e.g. "statefulsets.apps"
    const ResourceType* type = nullptr;  // the latest type seen; for scope
    std::map<ObjectKey, Stored> objects;
  };

  struct ObjectRef {
    std::string collection;
    ObjectKey key;
  };

  // ---- memory_store.cc ----
  absl::StatusOr<Collection*> CollectionFor(const ResourceType* type)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  Collection* FindCollection(const std::string& id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The stored object with this uid, or nullptr.
  const Stored* FindByUid(const std::string& uid) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  static Json Load(const Stored& stored);
  // A stored object as a client of `type` sees it.
  static Json Present(const ResourceType& type, Json object);
  // The spec.clusterIP of every stored Service (service_defaults.h).
  static std::set<std::string> ClusterIps(const Collection& services);
  absl::Time Now() const { return clock_->Now(); }

  // Stores `object` under `key` at a new resourceVersion (written into it),
  // updates the indexes and publishes kAdded or kModified.
  void Commit(Collection& collection, const ObjectKey& key, Json* object)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Removes the object at a new resourceVersion and publishes kDeleted with
  // `final_state` (default: the stored state). Returns what was published.
  Json Erase(Collection& collection, const ObjectKey& key,
             std::optional<Json> final_state = std::nullopt) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  absl::StatusOr<Json> CreateLocked(Collection& collection, const ResourceType& type,
                                    const std::string& request_ns, Json object,
                                    const WriteOptions& options, absl::string_view operation)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The common tail of PUT and PATCH: `updated` is the client's intended
  // object; `current` the stored one as `type` presents it.
  absl::StatusOr<Json> UpdateLocked(Collection& collection, const ResourceType& type,
                                    const ObjectKey& key, const Json& current, Json updated,
                                    Subresource sub, const WriteOptions& options,
                                    absl::string_view operation)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Custom resources: pruning, defaulting and validation against the schema.
  static absl::Status Admit(const ResourceType& type, Json* object);
  // CRDs: validate, and fill the status the apiextensions controllers would.
  absl::Status PrepareCrd(const Json* previous, Json* crd) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  // ---- garbage_collector.cc ----
  // Deletes (or starts deleting) one object as a DELETE or the garbage
  // collector would; returns the resulting state and whether it is gone.
  Json DeleteObject(Collection& collection, const ObjectKey& key, Json current,
                    Propagation propagation, std::optional<int64_t> grace_seconds,
                    bool* removed) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Namespaces: mark terminating and delete everything inside.
  Json DeleteNamespace(Collection& collection, const ObjectKey& key, Json current,
                       bool* removed) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Runs the garbage collector and namespace cleanup until nothing changes.
  void CollectGarbage() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void AttemptToDelete(const std::string& uid) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void FinishForegroundDeletion(const ObjectRef& ref) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Terminating namespaces that are empty and have no finalizers go away.
  void SweepNamespaces() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Pods whose grace period ended go away (if no finalizer holds them).
  void ExpireGracePeriods() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // A terminating object whose last finalizer is gone (and whose grace
  // period, for a pod, is over) is removed.
  bool ReadyToRemove(const Json& object, const std::string& uid)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // The CRD's own instances go with it; its resources stop being served.
  void RemoveCustomResources(const Json& crd) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  ResourceRegistry* const registry_;
  const StoreOptions options_;
  Clock* const clock_;

  mutable absl::Mutex mu_;
  std::mt19937_64 rng_ ABSL_GUARDED_BY(mu_);
  uint64_t resource_version_ ABSL_GUARDED_BY(mu_) = 0;
  std::map<std::string, Collection> collections_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, ObjectRef> by_uid_ ABSL_GUARDED_BY(mu_);
  // owner uid → uids of the objects whose ownerReferences name it (whether
  // or not the owner still exists: that is what the collector looks for).
  absl::flat_hash_map<std::string, std::set<std::string>> dependents_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, size_t> namespace_population_ ABSL_GUARDED_BY(mu_);
  // Uids the collector must look at: removed objects (their dependents may
  // now be orphans, their owners may finish a foreground deletion) and
  // objects whose ownerReferences changed.
  std::deque<std::string> gc_queue_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_set<std::string> terminating_namespaces_ ABSL_GUARDED_BY(mu_);
  // Terminating pods (uid) and when their grace period ends.
  absl::flat_hash_map<std::string, absl::Time> grace_deadlines_ ABSL_GUARDED_BY(mu_);
  absl::Time last_bookmark_ ABSL_GUARDED_BY(mu_);
  WatchHub hub_ ABSL_GUARDED_BY(mu_);

  absl::Mutex ticker_mu_;
  bool stop_ticker_ ABSL_GUARDED_BY(ticker_mu_) = false;
  std::thread ticker_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_MEMORY_STORE_IMPL_H_
