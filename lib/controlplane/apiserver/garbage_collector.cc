// Deletion as kube-apiserver and kube-controller-manager carry it out
// together: graceful deletion (finalizers, a pod's grace period), the
// propagation policies, the garbage collector's owner-reference rules, the
// namespace controller and the CRD finalizer. Here it all runs synchronously
// under the store mutex right after the write that triggered it, so every
// resulting event is already published, in resourceVersion order, when the
// request returns.
#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/apiserver/memory_store_impl.h"
#include "lib/controlplane/apiserver/metadata.h"

namespace sei::controlplane {
namespace {

bool IsPods(const ResourceType& type) { return type.group.empty() && type.resource == "pods"; }

const Json& OwnerReferences(const Json& object) {
  static const Json* const empty = new Json(Json::array());
  const Json& meta = Metadata(object);
  if (!meta.is_object()) return *empty;
  auto refs = meta.find("ownerReferences");
  return refs != meta.end() && refs->is_array() ? *refs : *empty;
}

std::string RefUid(const Json& ref) {
  if (!ref.is_object()) return "";
  auto uid = ref.find("uid");
  return uid != ref.end() && uid->is_string() ? uid->get<std::string>() : "";
}

// Keeps the owner references whose uid `keep` accepts.
template <typename Pred>
void FilterOwnerReferences(Json* object, Pred keep) {
  Json& meta = (*object)["metadata"];
  Json kept = Json::array();
  for (const Json& ref : OwnerReferences(*object)) {
    if (keep(RefUid(ref))) kept.push_back(ref);
  }
  if (kept.empty()) {
    meta.erase("ownerReferences");
  } else {
    meta["ownerReferences"] = std::move(kept);
  }
}

}  // namespace

bool MemoryStoreImpl::ReadyToRemove(const Json& object, const std::string& uid) {
  if (!IsTerminating(object) || !Finalizers(object).empty()) return false;
  auto deadline = grace_deadlines_.find(uid);
  return deadline == grace_deadlines_.end() || deadline->second <= Now();
}

Json MemoryStoreImpl::DeleteObject(Collection& collection, const ObjectKey& key, Json current,
                                   Propagation propagation, std::optional<int64_t> grace_seconds,
                                   bool* removed) {
  *removed = false;
  const std::string uid = MetaString(current, "uid");
  const bool pod = IsPods(*collection.type);

  if (IsTerminating(current)) {
    // Already being deleted. Only a shorter grace period changes anything
    // (`kubectl delete --grace-period=0 --force` on a terminating pod).
    auto deadline = grace_deadlines_.find(uid);
    if (!pod || !grace_seconds.has_value() || deadline == grace_deadlines_.end()) return current;
    const int64_t grace = std::max<int64_t>(*grace_seconds, 0);
    const absl::Time new_deadline = Now() + absl::Seconds(grace);
    if (new_deadline >= deadline->second) return current;
    deadline->second = new_deadline;
    current["metadata"]["deletionTimestamp"] = FormatTimestamp(new_deadline);
    current["metadata"]["deletionGracePeriodSeconds"] = grace;
    if (ReadyToRemove(current, uid)) {
      *removed = true;
      return Erase(collection, key, std::move(current));
    }
    Commit(collection, key, &current);
    return current;
  }

  std::vector<std::string> finalizers = Finalizers(current);
  if (propagation == Propagation::kOrphan) {
    // What the collector's "orphan" finalizer would do, done at once: the
    // dependents lose their owner reference to this object.
    auto deps = dependents_.find(uid);
    if (deps != dependents_.end()) {
      const std::vector<std::string> dependent_uids(deps->second.begin(), deps->second.end());
      for (const std::string& dependent : dependent_uids) {
        auto ref = by_uid_.find(dependent);
        if (ref == by_uid_.end()) continue;
        const ObjectRef target = ref->second;
        Collection* dep_collection = FindCollection(target.collection);
        auto stored = dep_collection->objects.find(target.key);
        Json object = Load(stored->second);
        FilterOwnerReferences(&object, [&](const std::string& owner) { return owner != uid; });
        Commit(*dep_collection, target.key, &object);
      }
    }
  } else if (propagation == Propagation::kForeground) {
    if (std::find(finalizers.begin(), finalizers.end(), kForegroundDeletionFinalizer) == finalizers.end()) {
      finalizers.emplace_back(kForegroundDeletionFinalizer);
    }
  }

  int64_t grace = 0;
  if (pod) {
    // A kubelet takes the grace period to stop the containers; a pod that
    // already finished has nothing to stop.
    grace = grace_seconds.has_value() ? *grace_seconds
                                      : absl::ToInt64Seconds(options_.pod_termination_grace);
    const Json& status = current.contains("status") ? current["status"] : Json::object();
    const std::string phase =
        status.is_object() && status.contains("phase") && status["phase"].is_string()
            ? status["phase"].get<std::string>()
            : "";
    if (phase == "Succeeded" || phase == "Failed" || grace < 0) grace = 0;
  }
  if (finalizers.empty() && grace == 0) {
    *removed = true;
    return Erase(collection, key);
  }
  const absl::Time now = Now();
  current["metadata"]["deletionTimestamp"] = FormatTimestamp(now + absl::Seconds(grace));
  current["metadata"]["deletionGracePeriodSeconds"] = grace;
  SetFinalizers(std::move(finalizers), &current);
  if (grace > 0) grace_deadlines_[uid] = now + absl::Seconds(grace);
  Commit(collection, key, &current);
  if (propagation == Propagation::kForeground) gc_queue_.push_back(uid);
  return current;
}

Json MemoryStoreImpl::DeleteNamespace(Collection& collection, const ObjectKey& key, Json current,
                                      bool* removed) {
  *removed = false;
  const std::string ns = key.second;
  if (!IsTerminating(current)) {
    current["metadata"]["deletionTimestamp"] = FormatTimestamp(Now());
    current["metadata"]["deletionGracePeriodSeconds"] = 0;
    current["status"] = {{"phase", "Terminating"}};
    Commit(collection, key, &current);
  }
  terminating_namespaces_.insert(ns);
  // The namespace controller deletes everything inside (honouring each
  // object's finalizers and grace period); the namespace goes when empty.
  for (auto& [id, content] : collections_) {
    if (content.type == nullptr || !content.type->namespaced) continue;
    std::vector<ObjectKey> keys;
    for (auto it = content.objects.lower_bound(ObjectKey(ns, ""));
         it != content.objects.end() && it->first.first == ns; ++it) {
      keys.push_back(it->first);
    }
    for (const ObjectKey& object_key : keys) {
      auto it = content.objects.find(object_key);
      if (it == content.objects.end()) continue;  // already taken by the collector
      bool gone = false;
      DeleteObject(content, object_key, Load(it->second), Propagation::kBackground, std::nullopt,
                   &gone);
    }
  }
  return current;
}

void MemoryStoreImpl::RemoveCustomResources(const Json& crd) {
  const Json& spec = crd.contains("spec") ? crd["spec"] : Json::object();
  const std::string group = spec.value("group", "");
  const std::string plural =
      spec.contains("names") && spec["names"].is_object() ? spec["names"].value("plural", "") : "";
  const std::string id = absl::StrCat(plural, ".", group);
  if (Collection* instances = FindCollection(id)) {
    // The CRD's cleanup finalizer deletes every instance. Simplification:
    // instances' own finalizers are not waited for.
    std::vector<ObjectKey> keys;
    for (const auto& entry : instances->objects) keys.push_back(entry.first);
    for (const ObjectKey& key : keys) Erase(*instances, key);
    collections_.erase(id);
  }
  registry_->StopServing(MetaString(crd, "name"));
}

void MemoryStoreImpl::ExpireGracePeriods() {
  const absl::Time now = Now();
  std::vector<std::string> expired;
  for (const auto& [uid, deadline] : grace_deadlines_) {
    if (deadline <= now) expired.push_back(uid);
  }
  for (const std::string& uid : expired) {
    grace_deadlines_.erase(uid);
    auto ref = by_uid_.find(uid);
    if (ref == by_uid_.end()) continue;
    const ObjectRef target = ref->second;
    Collection* collection = FindCollection(target.collection);
    auto stored = collection->objects.find(target.key);
    Json object = Load(stored->second);
    if (ReadyToRemove(object, uid)) Erase(*collection, target.key, std::move(object));
  }
}

void MemoryStoreImpl::SweepNamespaces() {
  const std::vector<std::string> terminating(terminating_namespaces_.begin(),
                                             terminating_namespaces_.end());
  for (const std::string& ns : terminating) {
    if (namespace_population_.count(ns) > 0) continue;
    Collection* namespaces = FindCollection("namespaces");
    if (namespaces == nullptr) return;
    auto it = namespaces->objects.find(ObjectKey("", ns));
    if (it == namespaces->objects.end()) {
      terminating_namespaces_.erase(ns);
      continue;
    }
    Json object = Load(it->second);
    if (Finalizers(object).empty()) Erase(*namespaces, ObjectKey("", ns), std::move(object));
  }
}

void MemoryStoreImpl::CollectGarbage() {
  // Every step either changes the store or drops a queue entry, so this
  // terminates; the bound only guards against a bug turning into a hang.
  for (int budget = 1000000; budget > 0; --budget) {
    if (!gc_queue_.empty()) {
      const std::string uid = std::move(gc_queue_.front());
      gc_queue_.pop_front();
      AttemptToDelete(uid);
      continue;
    }
    SweepNamespaces();
    if (gc_queue_.empty()) return;
  }
}

void MemoryStoreImpl::AttemptToDelete(const std::string& uid) {
  auto ref = by_uid_.find(uid);
  if (ref == by_uid_.end()) {
    // Gone: each dependent may now be an orphan.
    auto deps = dependents_.find(uid);
    if (deps != dependents_.end()) {
      for (const std::string& dependent : deps->second) gc_queue_.push_back(dependent);
    }
    return;
  }
  const ObjectRef target = ref->second;
  Collection* collection = FindCollection(target.collection);
  if (collection == nullptr) return;
  auto stored = collection->objects.find(target.key);
  if (stored == collection->objects.end()) return;
  // Classify the owners as the collector does: gone (dangling), waiting
  // for their dependents (foreground deletion), or solid. Decided from the
  // index alone, so the common case (all owners alive) parses nothing.
  std::vector<std::string> dangling, waiting;
  bool solid = false;
  for (const std::string& owner_uid : stored->second.owner_uids) {
    const Stored* owner = FindByUid(owner_uid);
    if (owner == nullptr) {
      dangling.push_back(owner_uid);
    } else if (owner->foreground) {
      waiting.push_back(owner_uid);
    } else {
      solid = true;
    }
  }

  if (solid) {
    // A live owner keeps it; references to owners that are gone or
    // deleting in the foreground are dropped so they stop blocking.
    if (!dangling.empty() || !waiting.empty()) {
      Json object = Load(stored->second);
      FilterOwnerReferences(&object, [&](const std::string& owner) {
        return std::find(dangling.begin(), dangling.end(), owner) == dangling.end() &&
               std::find(waiting.begin(), waiting.end(), owner) == waiting.end();
      });
      Commit(*collection, target.key, &object);
    }
  } else if ((!dangling.empty() || !waiting.empty()) && !stored->second.terminating) {
    // Every owner is gone or going: delete it, in the foreground when an
    // owner waits for it and it has dependents of its own.
    const bool has_dependents = dependents_.count(uid) > 0;
    const Propagation propagation = !waiting.empty() && has_dependents
                                        ? Propagation::kForeground
                                        : Propagation::kBackground;
    bool removed = false;
    DeleteObject(*collection, target.key, Load(stored->second), propagation, std::nullopt,
                 &removed);
    return;
  }

  // Its own foreground deletion may be able to finish.
  stored = collection->objects.find(target.key);
  if (stored != collection->objects.end() && stored->second.foreground) {
    FinishForegroundDeletion(target);
  }
}

void MemoryStoreImpl::FinishForegroundDeletion(const ObjectRef& target) {
  Collection* collection = FindCollection(target.collection);
  auto stored = collection->objects.find(target.key);
  Json object = Load(stored->second);
  const std::string uid = stored->second.uid;

  bool pending = false;
  bool blocked = false;
  auto deps = dependents_.find(uid);
  if (deps != dependents_.end()) {
    for (const std::string& dependent : deps->second) {
      auto ref = by_uid_.find(dependent);
      if (ref == by_uid_.end()) continue;
      Collection* dep_collection = FindCollection(ref->second.collection);
      const Json dep = Load(dep_collection->objects.at(ref->second.key));
      if (!IsTerminating(dep)) {
        gc_queue_.push_back(dependent);  // the collector deletes it first
        pending = true;
      }
      for (const Json& owner_ref : OwnerReferences(dep)) {
        if (RefUid(owner_ref) == uid && owner_ref.value("blockOwnerDeletion", false)) {
          blocked = true;
        }
      }
    }
  }
  if (pending) {
    gc_queue_.push_back(uid);  // look again once they are being deleted
    return;
  }
  // Dependents with blockOwnerDeletion hold the owner until they are gone
  // (their removal queues this owner again).
  if (blocked) return;

  std::vector<std::string> finalizers = Finalizers(object);
  finalizers.erase(std::remove(finalizers.begin(), finalizers.end(), kForegroundDeletionFinalizer),
                   finalizers.end());
  SetFinalizers(std::move(finalizers), &object);
  if (ReadyToRemove(object, uid)) {
    Erase(*collection, target.key, std::move(object));
  } else {
    Commit(*collection, target.key, &object);
  }
}

}  // namespace sei::controlplane
