// Reads, writes and watches of the in-memory store. Deletion, finalizers and
// garbage collection live in garbage_collector.cc.
#include "lib/controlplane/apiserver/memory_store.h"

#include "lib/controlplane/core/json_text.h"

#include <algorithm>
#include <exception>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/apiserver/crd_types.h"
#include "lib/controlplane/apiserver/memory_store_impl.h"
#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/apiserver/service_defaults.h"
#include "lib/controlplane/core/json_patch.h"
#include "lib/controlplane/core/patch_strategies.h"
#include "lib/controlplane/core/strategic_merge_patch.h"
#include "lib/controlplane/core/selectors.h"
#include "lib/controlplane/schema/admission.h"

namespace sei::controlplane {
namespace {

#define SEI_RETURN_IF_ERROR(expr)        \
  do {                                   \
    absl::Status sei_status_ = (expr);   \
    if (!sei_status_.ok()) return sei_status_; \
  } while (false)

constexpr absl::string_view kModifiedWhy =
    "the object has been modified; please apply your changes to the latest version and try "
    "again";

// nlohmann reports misuse by throwing; the store validates shapes before it
// touches them, and this turns anything missed into a 500 rather than a
// crash, so nothing throws out of the library.
template <typename F>
auto Guarded(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("object store: ", e.what()));
  }
}

absl::Status ResourceNotServed() {
  return ApiError(404, "NotFound", "the server could not find the requested resource");
}

std::string Dump(const Json& object) {
  return JsonText(object);
}

bool IsBuiltin(const ResourceType& type) { return type.crd_name.empty(); }

bool IsType(const ResourceType& type, absl::string_view group, absl::string_view resource) {
  return type.group == group && type.resource == resource;
}

struct Selectors {
  LabelSelector labels;
  FieldSelector fields;
};

absl::StatusOr<Selectors> ParseSelectors(const ResourceType& type, absl::string_view label_text,
                                         absl::string_view field_text) {
  Selectors selectors;
  absl::StatusOr<LabelSelector> labels = LabelSelector::Parse(label_text);
  if (!labels.ok()) return BadRequestError(labels.status().message());
  selectors.labels = *std::move(labels);
  absl::StatusOr<FieldSelector> fields = FieldSelector::Parse(field_text);
  if (!fields.ok()) return BadRequestError(fields.status().message());
  selectors.fields = *std::move(fields);
  for (const std::string& field : selectors.fields.Fields()) {
    if (std::find(type.selectable_fields.begin(), type.selectable_fields.end(), field) !=
        type.selectable_fields.end()) {
      continue;
    }
    if (type.selectable_fields.size() <= 2) {
      return BadRequestError(absl::StrCat("\"", field,
                                          "\" is not a known field selector: only "
                                          "\"metadata.name\", \"metadata.namespace\""));
    }
    // Kinds with their own selectable fields word it like their field
    // label conversion functions.
    return BadRequestError(absl::StrCat("field label not supported: ", field));
  }
  return selectors;
}

bool Matches(const Selectors& selectors, const Json& object) {
  if (!selectors.labels.MatchesEverything()) {
    const Json& meta = Metadata(object);
    auto labels = meta.is_object() ? meta.find("labels") : meta.end();
    if (!selectors.labels.Matches(meta.is_object() && labels != meta.end() ? *labels
                                                                           : Json(nullptr))) {
      return false;
    }
  }
  return selectors.fields.MatchesEverything() || selectors.fields.Matches(object);
}

// The continue token: opaque to clients, like the apiserver's (base64 of a
// small JSON document naming the list's resourceVersion and the last key).
std::string EncodeContinue(uint64_t resource_version, const std::string& ns,
                           const std::string& name) {
  Json token = {{"v", "meta.k8s.io/v1"}, {"rv", resource_version}, {"start", {ns, name}}};
  return absl::WebSafeBase64Escape(Dump(token));
}

absl::Status BadContinue(absl::string_view why) {
  return BadRequestError(absl::StrCat("continue key is not valid: ", why));
}

}  // namespace

std::unique_ptr<MemoryStore> NewObjectStore(ResourceRegistry* registry, StoreOptions options) {
  return std::make_unique<MemoryStoreImpl>(registry, std::move(options));
}

MemoryStoreImpl::MemoryStoreImpl(ResourceRegistry* registry, StoreOptions options)
    : registry_(registry),
      options_(std::move(options)),
      clock_(options_.clock != nullptr ? options_.clock : RealClock()),
      hub_(options_.watch_window_events, options_.watch_queue_limit) {
  absl::MutexLock lock(&mu_);
  if (options_.random_seed.has_value()) {
    rng_.seed(*options_.random_seed);
  } else {
    std::random_device device;
    rng_.seed((uint64_t{device()} << 32) ^ device());
  }
  last_bookmark_ = Now();
  // The namespaces every cluster starts with.
  const ResourceType* namespaces = registry_->Find("", "v1", "namespaces");
  if (namespaces != nullptr) {
    absl::StatusOr<Collection*> collection = CollectionFor(namespaces);
    for (const char* name : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
      if (!collection.ok()) break;
      Json ns = {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
      (void)CreateLocked(**collection, *namespaces, "", std::move(ns), WriteOptions(), "Update");
    }
  }
  if (options_.tick_interval > absl::ZeroDuration()) {
    ticker_ = std::thread([this] {
      absl::MutexLock lock(&ticker_mu_);
      while (!ticker_mu_.AwaitWithTimeout(absl::Condition(&stop_ticker_),
                                          options_.tick_interval)) {
        ticker_mu_.Unlock();
        Tick();
        ticker_mu_.Lock();
      }
    });
  }
}

MemoryStoreImpl::~MemoryStoreImpl() {
  {
    absl::MutexLock lock(&ticker_mu_);
    stop_ticker_ = true;
  }
  if (ticker_.joinable()) ticker_.join();
}

// ---------------------------------------------------------------------------
// Lookups and write primitives.

absl::StatusOr<MemoryStoreImpl::Collection*> MemoryStoreImpl::CollectionFor(
    const ResourceType* type) {
  if (type == nullptr) return absl::InternalError("object store: request without a resource type");
  // A custom resource whose CRD went away (or was re-served under new
  // types) is answered like an unknown path.
  if (!IsBuiltin(*type) && registry_->Find(type->group, type->version, type->resource) == nullptr) {
    return ResourceNotServed();
  }
  const std::string id = QualifiedResource(*type);
  Collection& collection = collections_[id];
  collection.id = id;
  collection.type = type;
  return &collection;
}

MemoryStoreImpl::Collection* MemoryStoreImpl::FindCollection(const std::string& id) {
  auto it = collections_.find(id);
  return it == collections_.end() ? nullptr : &it->second;
}

const MemoryStoreImpl::Stored* MemoryStoreImpl::FindByUid(const std::string& uid) {
  auto ref = by_uid_.find(uid);
  if (ref == by_uid_.end()) return nullptr;
  Collection* collection = FindCollection(ref->second.collection);
  if (collection == nullptr) return nullptr;
  auto it = collection->objects.find(ref->second.key);
  return it == collection->objects.end() ? nullptr : &it->second;
}

Json MemoryStoreImpl::Load(const Stored& stored) {
  return Json::parse(stored.data, nullptr, /*allow_exceptions=*/false);
}

Json MemoryStoreImpl::Present(const ResourceType& type, Json object) {
  object["apiVersion"] = type.GroupVersion();
  object["kind"] = type.kind;
  return object;
}

std::set<std::string> MemoryStoreImpl::ClusterIps(const Collection& services) {
  std::set<std::string> ips;
  for (const auto& [key, stored] : services.objects) {
    const Json service = Load(stored);
    auto spec = service.find("spec");
    if (spec == service.end() || !spec->is_object()) continue;
    auto ip = spec->find("clusterIP");
    if (ip != spec->end() && ip->is_string()) ips.insert(ip->get<std::string>());
  }
  return ips;
}

namespace {

std::vector<std::string> OwnerUids(const Json& object) {
  std::vector<std::string> uids;
  const Json& meta = Metadata(object);
  if (!meta.is_object()) return uids;
  auto refs = meta.find("ownerReferences");
  if (refs == meta.end() || !refs->is_array()) return uids;
  for (const Json& ref : *refs) {
    if (!ref.is_object()) continue;
    auto uid = ref.find("uid");
    if (uid != ref.end() && uid->is_string() && !uid->get<std::string>().empty()) {
      uids.push_back(uid->get<std::string>());
    }
  }
  std::sort(uids.begin(), uids.end());
  uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
  return uids;
}

}  // namespace

void MemoryStoreImpl::Commit(Collection& collection, const ObjectKey& key, Json* object) {
  const uint64_t rv = ++resource_version_;
  (*object)["metadata"]["resourceVersion"] = std::to_string(rv);
  auto [it, inserted] = collection.objects.try_emplace(key);
  Stored& stored = it->second;
  std::string previous = inserted ? std::string() : std::move(stored.data);
  std::vector<std::string> old_owners = std::move(stored.owner_uids);
  stored.data = Dump(*object);
  stored.resource_version = rv;
  stored.uid = MetaString(*object, "uid");
  stored.owner_uids = OwnerUids(*object);
  stored.terminating = IsTerminating(*object);
  const std::vector<std::string> finalizers = Finalizers(*object);
  stored.foreground = stored.terminating &&
                      std::find(finalizers.begin(), finalizers.end(), kForegroundDeletionFinalizer) !=
                          finalizers.end();
  if (inserted) {
    by_uid_[stored.uid] = ObjectRef{collection.id, key};
    if (collection.type->namespaced) ++namespace_population_[key.first];
  }
  if (old_owners != stored.owner_uids) {
    for (const std::string& owner : old_owners) {
      if (std::binary_search(stored.owner_uids.begin(), stored.owner_uids.end(), owner)) continue;
      auto deps = dependents_.find(owner);
      if (deps != dependents_.end()) {
        deps->second.erase(stored.uid);
        if (deps->second.empty()) dependents_.erase(deps);
      }
      gc_queue_.push_back(owner);  // it may be waiting for this dependent
    }
    for (const std::string& owner : stored.owner_uids) dependents_[owner].insert(stored.uid);
    gc_queue_.push_back(stored.uid);  // its owners may already be gone
  }
  ChangeRecord record;
  record.type = inserted ? WatchEventType::kAdded : WatchEventType::kModified;
  record.collection = collection.id;
  record.ns = key.first;
  record.resource_version = rv;
  record.object = stored.data;
  record.previous = std::move(previous);
  hub_.Publish(std::move(record));
}

Json MemoryStoreImpl::Erase(Collection& collection, const ObjectKey& key,
                            std::optional<Json> final_state) {
  auto it = collection.objects.find(key);
  if (it == collection.objects.end()) return Json(nullptr);
  Json last = final_state.has_value() ? *std::move(final_state) : Load(it->second);
  if (IsType(*collection.type, "apiextensions.k8s.io", "customresourcedefinitions")) {
    RemoveCustomResources(last);  // instances go first, as the CRD's finalizer has it
    it = collection.objects.find(key);
  }
  const uint64_t rv = ++resource_version_;
  last["metadata"]["resourceVersion"] = std::to_string(rv);
  const std::string uid = it->second.uid;
  const std::vector<std::string> owners = std::move(it->second.owner_uids);
  by_uid_.erase(uid);
  for (const std::string& owner : owners) {
    auto deps = dependents_.find(owner);
    if (deps == dependents_.end()) continue;
    deps->second.erase(uid);
    if (deps->second.empty()) dependents_.erase(deps);
  }
  if (collection.type->namespaced) {
    auto population = namespace_population_.find(key.first);
    if (population != namespace_population_.end() && --population->second == 0) {
      namespace_population_.erase(population);
    }
  }
  grace_deadlines_.erase(uid);
  collection.objects.erase(it);
  if (IsType(*collection.type, "", "namespaces")) terminating_namespaces_.erase(key.second);

  ChangeRecord record;
  record.type = WatchEventType::kDeleted;
  record.collection = collection.id;
  record.ns = key.first;
  record.resource_version = rv;
  record.object = Dump(last);
  hub_.Publish(std::move(record));
  // Its dependents may now be orphans; its owners may be waiting for it.
  gc_queue_.push_back(uid);
  for (const std::string& owner : owners) gc_queue_.push_back(owner);
  return last;
}

absl::Status MemoryStoreImpl::Admit(const ResourceType& type, Json* object) {
  if (type.schema == nullptr) return absl::OkStatus();
  std::vector<std::string> pruned;
  std::vector<FieldError> errors = PruneDefaultValidate(*type.schema, object, &pruned);
  if (errors.empty()) return absl::OkStatus();
  return InvalidObjectError(type, MetaString(*object, "name"), errors);
}

absl::Status MemoryStoreImpl::PrepareCrd(const Json* previous, Json* crd) {
  SEI_RETURN_IF_ERROR(CrdResourceTypes(*crd).status());
  const Json no_status;
  const Json& previous_status =
      previous != nullptr && previous->contains("status") ? (*previous)["status"] : no_status;
  (*crd)["status"] = EstablishedCrdStatus(*crd, previous_status, Now());
  return absl::OkStatus();
}

// ---------------------------------------------------------------------------
// Reads.

absl::StatusOr<Json> MemoryStoreImpl::Get(const ResourceKey& key, absl::string_view name,
                                          Subresource sub) {
  return Guarded([&]() -> absl::StatusOr<Json> {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Collection*> collection = CollectionFor(key.type);
    if (!collection.ok()) return collection.status();
    if (sub == Subresource::kStatus && !key.type->has_status_subresource) {
      return ResourceNotServed();
    }
    const ObjectKey object_key(key.type->namespaced ? key.ns : "", std::string(name));
    auto it = (*collection)->objects.find(object_key);
    if (it == (*collection)->objects.end()) {
      return NotFoundError(key.type->resource, key.type->group, name);
    }
    return Present(*key.type, Load(it->second));
  });
}

absl::StatusOr<Json> MemoryStoreImpl::List(const ResourceKey& key, const ListOptions& options) {
  return Guarded([&]() -> absl::StatusOr<Json> {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Collection*> collection = CollectionFor(key.type);
    if (!collection.ok()) return collection.status();
    const ResourceType& type = *key.type;
    absl::StatusOr<Selectors> selectors =
        ParseSelectors(type, options.label_selector, options.field_selector);
    if (!selectors.ok()) return selectors.status();
    const bool filtered =
        !selectors->labels.MatchesEverything() || !selectors->fields.MatchesEverything();
    const std::string ns = type.namespaced ? key.ns : "";
    std::map<ObjectKey, Stored>& objects = (*collection)->objects;

    auto it = ns.empty() ? objects.begin() : objects.lower_bound(ObjectKey(ns, ""));
    if (!options.continue_token.empty()) {
      std::string decoded;
      if (!absl::WebSafeBase64Unescape(options.continue_token, &decoded)) {
        return BadContinue("not base64");
      }
      Json token = Json::parse(decoded, nullptr, false);
      if (!token.is_object() || !token.contains("start") || !token["start"].is_array() ||
          token["start"].size() != 2 || !token["start"][0].is_string() ||
          !token["start"][1].is_string()) {
        return BadContinue("malformed token");
      }
      it = objects.upper_bound(
          ObjectKey(token["start"][0].get<std::string>(), token["start"][1].get<std::string>()));
    }

    Json items = Json::array();
    std::optional<ObjectKey> last;
    bool more = false;
    int64_t remaining = 0;
    for (; it != objects.end(); ++it) {
      if (!ns.empty() && it->first.first != ns) break;
      if (options.limit > 0 && static_cast<int64_t>(items.size()) >= options.limit) {
        if (!filtered) {
          // Unfiltered: the apiserver reports how many are left.
          remaining = std::distance(it, ns.empty() ? objects.end()
                                                   : objects.lower_bound(ObjectKey(ns + '\0', "")));
          more = remaining > 0;
          break;
        }
        Json object = Load(it->second);
        if (Matches(*selectors, object)) {
          more = true;
          break;
        }
        continue;
      }
      Json object = Load(it->second);
      if (filtered && !Matches(*selectors, object)) continue;
      if (IsBuiltin(type)) {
        // Typed lists leave the kind to the list, as the apiserver's
        // protobuf/JSON encoding of built-in lists does.
        object.erase("apiVersion");
        object.erase("kind");
      } else {
        object = Present(type, std::move(object));
      }
      items.push_back(std::move(object));
      last = it->first;
    }
    Json metadata = {{"resourceVersion", std::to_string(resource_version_)}};
    if (more && last.has_value()) {
      metadata["continue"] = EncodeContinue(resource_version_, last->first, last->second);
      if (!filtered) metadata["remainingItemCount"] = remaining;
    }
    return Json{{"kind", type.list_kind},
                {"apiVersion", type.GroupVersion()},
                {"metadata", std::move(metadata)},
                {"items", std::move(items)}};
  });
}

std::string MemoryStoreImpl::CurrentResourceVersion() const {
  absl::MutexLock lock(&mu_);
  return std::to_string(resource_version_);
}

// ---------------------------------------------------------------------------
// Writes.

absl::StatusOr<Json> MemoryStoreImpl::Create(const ResourceKey& key, Json object,
                                             const WriteOptions& options) {
  return Guarded([&]() -> absl::StatusOr<Json> {
    if (key.type == nullptr) return CollectionFor(nullptr).status();
    SEI_RETURN_IF_ERROR(CheckTypeMeta(*key.type, object));
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Collection*> collection = CollectionFor(key.type);
    if (!collection.ok()) return collection.status();
    return CreateLocked(**collection, *key.type, key.ns, std::move(object), options, "Update");
  });
}

absl::StatusOr<Json> MemoryStoreImpl::CreateLocked(Collection& collection,
                                                   const ResourceType& type,
                                                   const std::string& request_ns, Json object,
                                                   const WriteOptions& options,
                                                   absl::string_view operation) {
  Json& meta = object["metadata"];
  if (!meta.is_object()) meta = Json::object();
  std::string ns;
  if (type.namespaced) {
    const std::string body_ns = MetaString(object, "namespace");
    if (!request_ns.empty() && !body_ns.empty() && body_ns != request_ns) {
      return BadRequestError(
          "the namespace of the provided object does not match the namespace sent on the "
          "request");
    }
    ns = request_ns.empty() ? body_ns : request_ns;
    if (ns.empty()) return BadRequestError("a namespace is required for namespaced resources");
    meta["namespace"] = ns;
  } else {
    meta.erase("namespace");
  }

  std::string name = MetaString(object, "name");
  const std::string generate_name = MetaString(object, "generateName");
  if (name.empty() && !generate_name.empty()) {
    // The apiserver tries a fresh suffix when the generated name is taken.
    for (int attempt = 0; attempt < 8; ++attempt) {
      name = generate_name + GenerateNameSuffix(rng_);
      if (collection.objects.count(ObjectKey(ns, name)) == 0) break;
    }
    meta["name"] = name;
  }
  SEI_RETURN_IF_ERROR(ValidateObjectName(type, name));

  if (type.namespaced) {
    Collection* namespaces = FindCollection("namespaces");
    auto it = namespaces != nullptr ? namespaces->objects.find(ObjectKey("", ns))
                                    : std::map<ObjectKey, Stored>::iterator();
    if (namespaces == nullptr || it == namespaces->objects.end()) {
      return NotFoundError("namespaces", "", ns);
    }
    if (terminating_namespaces_.count(ns) > 0) {
      return ApiError(403, "Forbidden",
                      absl::StrCat(QualifiedResource(type), " \"", name,
                                   "\" is forbidden: unable to create new content in namespace ",
                                   ns, " because it is being terminated"),
                      {{"name", name},
                       {"kind", type.resource},
                       {"causes",
                        {{{"reason", "NamespaceTerminating"},
                          {"message", absl::StrCat("namespace ", ns,
                                                   " is being terminated")},
                          {"field", "metadata.namespace"}}}}});
    }
  }
  const ObjectKey key(ns, name);
  if (collection.objects.count(key) > 0) {
    return AlreadyExistsError(type.resource, type.group, name);
  }

  PrepareForCreate(type, Now(), NewUid(rng_), &object);
  if (IsType(type, "", "services")) {
    SEI_RETURN_IF_ERROR(PrepareServiceForCreate(type, ClusterIps(collection), &object));
  }
  SEI_RETURN_IF_ERROR(Admit(type, &object));
  const bool is_crd = IsType(type, "apiextensions.k8s.io", "customresourcedefinitions");
  if (is_crd) SEI_RETURN_IF_ERROR(PrepareCrd(nullptr, &object));
  RecordManager(type, options.field_manager, operation, Subresource::kNone, Now(), &object);
  if (options.dry_run) return Present(type, std::move(object));
  if (is_crd) SEI_RETURN_IF_ERROR(registry_->ServeCustomResource(object));

  Commit(collection, key, &object);
  CollectGarbage();
  return Present(type, std::move(object));
}

absl::StatusOr<Json> MemoryStoreImpl::UpdateLocked(Collection& collection,
                                                   const ResourceType& type, const ObjectKey& key,
                                                   const Json& current, Json updated,
                                                   Subresource sub, const WriteOptions& options,
                                                   absl::string_view operation) {
  PrepareForUpdate(type, current, sub, &updated);
  if (IsType(type, "", "services") && sub == Subresource::kNone) {
    SEI_RETURN_IF_ERROR(PrepareServiceForUpdate(type, current, ClusterIps(collection), &updated));
  }
  if (IsTerminating(current)) {
    const std::vector<std::string> before = Finalizers(current);
    std::vector<std::string> added;
    for (const std::string& f : Finalizers(updated)) {
      if (std::find(before.begin(), before.end(), f) == before.end()) added.push_back(f);
    }
    if (!added.empty()) {
      return InvalidObjectError(
          type, key.second,
          {{"metadata.finalizers", "FieldValueForbidden",
            absl::StrCat("Forbidden: no new finalizers can be added if the object is being "
                         "deleted, found new finalizers []string{\"",
                         absl::StrJoin(added, "\", \""), "\"}")}});
    }
  }
  SEI_RETURN_IF_ERROR(Admit(type, &updated));
  const bool is_crd = IsType(type, "apiextensions.k8s.io", "customresourcedefinitions");
  if (is_crd && sub == Subresource::kNone) SEI_RETURN_IF_ERROR(PrepareCrd(&current, &updated));

  // The apiserver skips the write when nothing changed: same
  // resourceVersion, no event.
  if (updated == current) return current;

  RecordManager(type, options.field_manager, operation, sub, Now(), &updated);
  if (options.dry_run) return updated;
  if (is_crd && sub == Subresource::kNone) {
    SEI_RETURN_IF_ERROR(registry_->ServeCustomResource(updated));
  }
  const bool populated_namespace =
      IsType(type, "", "namespaces") && namespace_population_.count(key.second) > 0;
  if (ReadyToRemove(updated, MetaString(current, "uid")) && !populated_namespace) {
    // The last finalizer is gone: the update completes the deletion.
    Json last = Erase(collection, key, std::move(updated));
    CollectGarbage();
    return Present(type, std::move(last));
  }
  Commit(collection, key, &updated);
  CollectGarbage();
  return updated;
}

absl::StatusOr<Json> MemoryStoreImpl::Update(const ResourceKey& key, absl::string_view name,
                                             Json object, Subresource sub,
                                             const WriteOptions& options) {
  return Guarded([&]() -> absl::StatusOr<Json> {
    if (key.type == nullptr) return CollectionFor(nullptr).status();
    const ResourceType& type = *key.type;
    SEI_RETURN_IF_ERROR(CheckTypeMeta(type, object));
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Collection*> collection = CollectionFor(key.type);
    if (!collection.ok()) return collection.status();
    if (sub == Subresource::kStatus && !type.has_status_subresource) return ResourceNotServed();
    const ObjectKey object_key(type.namespaced ? key.ns : "", std::string(name));
    auto it = (*collection)->objects.find(object_key);
    if (it == (*collection)->objects.end()) return NotFoundError(type.resource, type.group, name);
    const Json current = Present(type, Load(it->second));

    const std::string body_name = MetaString(object, "name");
    if (body_name != name) {
      return BadRequestError(absl::StrCat("the name of the object (", body_name,
                                          ") does not match the name on the URL (", name, ")"));
    }
    const std::string body_ns = MetaString(object, "namespace");
    if (type.namespaced && !body_ns.empty() && body_ns != object_key.first) {
      return BadRequestError(absl::StrCat("the namespace of the object (", body_ns,
                                          ") does not match the namespace on the URL (",
                                          object_key.first, ")"));
    }
    const std::string body_rv = MetaString(object, "resourceVersion");
    if (body_rv.empty()) {
      if (!type.allow_unconditional_update) {
        return InvalidObjectError(type, name,
                            {{"metadata.resourceVersion", "FieldValueInvalid",
                              "Invalid value: 0x0: must be specified for an update"}});
      }
    } else if (body_rv != MetaString(current, "resourceVersion")) {
      return ConflictError(type.resource, type.group, name, kModifiedWhy);
    }
    return UpdateLocked(**collection, type, object_key, current, std::move(object), sub, options,
                        "Update");
  });
}

absl::StatusOr<Json> MemoryStoreImpl::Patch(const ResourceKey& key, absl::string_view name,
                                            PatchType patch_type, const Json& patch,
                                            Subresource sub, const PatchOptions& options) {
  return Guarded([&]() -> absl::StatusOr<Json> {
    if (key.type == nullptr) return CollectionFor(nullptr).status();
    const ResourceType& type = *key.type;
    if (options.created != nullptr) *options.created = false;
    if (patch_type == PatchType::kApply && options.field_manager.empty()) {
      // PatchOptions are validated before the object is looked up.
      return ApiError(422, "Invalid",
                      "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is "
                      "required for apply patch",
                      {{"group", "meta.k8s.io"},
                       {"kind", "PatchOptions"},
                       {"causes",
                        {{{"reason", "FieldValueRequired"},
                          {"message", "Required value: is required for apply patch"},
                          {"field", "fieldManager"}}}}});
    }
    const bool merge_like = patch_type != PatchType::kJson;
    if (merge_like && !patch.is_object()) {
      return BadRequestError("the patch must be a JSON object");
    }
    if (patch_type == PatchType::kJson && !patch.is_array()) {
      return BadRequestError("the JSON patch must be an array of operations");
    }
    if (patch_type == PatchType::kApply) SEI_RETURN_IF_ERROR(CheckTypeMeta(type, patch));

    absl::MutexLock lock(&mu_);
    absl::StatusOr<Collection*> collection = CollectionFor(key.type);
    if (!collection.ok()) return collection.status();
    if (sub == Subresource::kStatus && !type.has_status_subresource) return ResourceNotServed();
    const ObjectKey object_key(type.namespaced ? key.ns : "", std::string(name));
    auto it = (*collection)->objects.find(object_key);
    if (it == (*collection)->objects.end()) {
      if (patch_type != PatchType::kApply || sub != Subresource::kNone) {
        return NotFoundError(type.resource, type.group, name);
      }
      // Server-side apply of an absent object creates it.
      Json object = patch;
      const std::string body_name = MetaString(object, "name");
      if (!body_name.empty() && body_name != name) {
        return BadRequestError(absl::StrCat("the name of the object (", body_name,
                                            ") does not match the name on the URL (", name, ")"));
      }
      object["metadata"]["name"] = std::string(name);
      object["metadata"].erase("resourceVersion");
      absl::StatusOr<Json> created =
          CreateLocked(**collection, type, object_key.first, std::move(object), options, "Apply");
      if (created.ok() && options.created != nullptr) *options.created = true;
      return created;
    }
    const Json current = Present(type, Load(it->second));

    Json updated;
    if (patch_type == PatchType::kStrategicMerge) {
      // Custom resources never get here over HTTP (415, as in kube); called
      // directly, their kind has no merge keys and lists are replaced.
      absl::StatusOr<Json> patched =
          ApplyStrategicMergePatch(current, patch, BuiltinPatchStrategy(type.group, type.kind));
      if (!patched.ok()) return BadRequestError(patched.status().message());
      updated = *std::move(patched);
    } else if (merge_like) {
      // Apply patches are applied as JSON merge patches (no field
      // ownership: the applied fields simply win).
      updated = ApplyMergePatch(current, patch);
    } else {
      absl::StatusOr<Json> patched = ApplyJsonPatch(current, patch);
      if (!patched.ok()) return ApiError(422, "Invalid", patched.status().message());
      updated = *std::move(patched);
    }
    SEI_RETURN_IF_ERROR(CheckTypeMeta(type, updated));
    // The patched object's resourceVersion and uid are preconditions (a
    // patch that carries them, or a JSON patch that rewrote them).
    const std::string new_rv = MetaString(updated, "resourceVersion");
    if (!new_rv.empty() && new_rv != MetaString(current, "resourceVersion")) {
      return ConflictError(type.resource, type.group, name, kModifiedWhy);
    }
    const std::string new_uid = MetaString(updated, "uid");
    if (!new_uid.empty() && new_uid != MetaString(current, "uid")) {
      return ConflictError(type.resource, type.group, name,
                           absl::StrCat("Precondition failed: UID in precondition: ", new_uid,
                                        ", UID in object meta: ", MetaString(current, "uid")));
    }
    const std::string new_name = MetaString(updated, "name");
    if (new_name != name) {
      return BadRequestError(absl::StrCat("the name of the object (", new_name,
                                          ") does not match the name on the URL (", name, ")"));
    }
    return UpdateLocked(**collection, type, object_key, current, std::move(updated), sub, options,
                        patch_type == PatchType::kApply ? "Apply" : "Update");
  });
}

absl::StatusOr<Json> MemoryStoreImpl::Delete(const ResourceKey& key, absl::string_view name,
                                             const DeleteOptions& options) {
  return Guarded([&]() -> absl::StatusOr<Json> {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Collection*> collection = CollectionFor(key.type);
    if (!collection.ok()) return collection.status();
    const ResourceType& type = *key.type;
    const ObjectKey object_key(type.namespaced ? key.ns : "", std::string(name));
    auto it = (*collection)->objects.find(object_key);
    if (it == (*collection)->objects.end()) return NotFoundError(type.resource, type.group, name);
    Json current = Present(type, Load(it->second));

    const std::string uid = MetaString(current, "uid");
    if (options.precondition_uid.has_value() && *options.precondition_uid != uid) {
      return ConflictError(type.resource, type.group, name,
                           absl::StrCat("Precondition failed: UID in precondition: ",
                                        *options.precondition_uid, ", UID in object meta: ", uid));
    }
    const std::string rv = MetaString(current, "resourceVersion");
    if (options.precondition_resource_version.has_value() &&
        *options.precondition_resource_version != rv) {
      return ConflictError(
          type.resource, type.group, name,
          absl::StrCat("Precondition failed: ResourceVersion in precondition: ",
                       *options.precondition_resource_version,
                       ", ResourceVersion in object meta: ", rv));
    }
    bool removed = false;
    Json result;
    if (IsType(type, "", "namespaces")) {
      if (name == "default" || name == "kube-system" || name == "kube-public") {
        return ApiError(403, "Forbidden",
                        absl::StrCat("namespaces \"", name,
                                     "\" is forbidden: this namespace may not be deleted"),
                        {{"name", std::string(name)}, {"kind", "namespaces"}});
      }
      if (options.dry_run) return current;
      result = DeleteNamespace(**collection, object_key, std::move(current), &removed);
    } else {
      if (options.dry_run) {
        if (options.removed != nullptr) *options.removed = true;
        return current;
      }
      result = DeleteObject(**collection, object_key, std::move(current), options.propagation,
                            options.grace_period_seconds, &removed);
    }
    CollectGarbage();
    if (!removed && by_uid_.count(uid) == 0) removed = true;  // the collector finished it
    if (options.removed != nullptr) *options.removed = removed;
    return Present(type, std::move(result));
  });
}

// ---------------------------------------------------------------------------
// Watch and timed transitions.

absl::StatusOr<std::unique_ptr<WatchHandle>> MemoryStoreImpl::Watch(
    const ResourceKey& key, const WatchOptions& options,
    std::function<void(const WatchEvent&)> on_event) {
  return Guarded([&]() -> absl::StatusOr<std::unique_ptr<WatchHandle>> {
    absl::MutexLock lock(&mu_);
    absl::StatusOr<Collection*> collection = CollectionFor(key.type);
    if (!collection.ok()) return collection.status();
    const ResourceType& type = *key.type;
    absl::StatusOr<Selectors> selectors =
        ParseSelectors(type, options.label_selector, options.field_selector);
    if (!selectors.ok()) return selectors.status();

    WatcherSpec spec;
    spec.type = key.type;
    spec.collection = (*collection)->id;
    spec.ns = type.namespaced ? key.ns : "";
    spec.labels = selectors->labels;
    spec.fields = selectors->fields;
    spec.allow_bookmarks = options.allow_bookmarks;

    if (options.resource_version.empty() || options.resource_version == "0") {
      // "Any state": the current objects as ADDED events, then changes.
      std::vector<WatchEvent> initial;
      for (const auto& [object_key, stored] : (*collection)->objects) {
        if (!spec.ns.empty() && object_key.first != spec.ns) continue;
        Json object = Load(stored);
        if (!Matches(*selectors, object)) continue;
        initial.push_back({WatchEventType::kAdded, Present(type, std::move(object))});
      }
      return hub_.StartWithInitial(std::move(spec), std::move(initial), std::move(on_event));
    }
    uint64_t from = 0;
    if (!absl::SimpleAtoi(options.resource_version, &from)) {
      return BadRequestError(
          absl::StrCat("invalid resource version: \"", options.resource_version, "\""));
    }
    return hub_.StartFrom(std::move(spec), from, std::move(on_event));
  });
}

void MemoryStoreImpl::Tick() {
  absl::MutexLock lock(&mu_);
  try {
    ExpireGracePeriods();
    CollectGarbage();
    const absl::Time now = Now();
    if (now - last_bookmark_ >= options_.bookmark_interval) {
      hub_.Bookmark(resource_version_);
      last_bookmark_ = now;
    }
  } catch (const std::exception&) {
    // Nothing in a tick depends on client input that could fail to parse;
    // never let a background thread take the process down regardless.
  }
}

}  // namespace sei::controlplane
