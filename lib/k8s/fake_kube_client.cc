#include "lib/k8s/fake_kube_client.h"

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <optional>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "lib/controlplane/apiserver/api_error.h"
#include "lib/k8s/api_error.h"

namespace sei::k8s {
namespace {

namespace cp = ::sei::controlplane;

// The store speaks the control plane's ApiError; callers of a KubeClient
// expect k8s::ApiError, exactly as the REST client would produce from the
// same metav1.Status on the wire.
absl::Status Translate(const absl::Status& status) {
  if (status.ok()) return status;
  return ApiErrorFromResponse(cp::HttpCode(status), cp::StatusObject(status).dump());
}

template <typename T>
absl::StatusOr<T> Translate(absl::StatusOr<T> result) {
  if (!result.ok()) return Translate(result.status());
  return result;
}

// A CRD whose every version keeps unknown fields and has a status
// subresource: enough for tasks that read and write SeiNodes, without
// depending on the real schemas (config/crd).
nlohmann::json PermissiveCrd(const Resource& r, absl::string_view singular,
                             absl::string_view short_name) {
  nlohmann::json schema = {{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}};
  return {
      {"apiVersion", "apiextensions.k8s.io/v1"},
      {"kind", "CustomResourceDefinition"},
      {"metadata", {{"name", r.plural + "." + r.group}}},
      {"spec",
       {{"group", r.group},
        {"scope", "Namespaced"},
        {"names",
         {{"plural", r.plural},
          {"singular", std::string(singular)},
          {"kind", r.kind},
          {"listKind", r.kind + "List"},
          {"shortNames", {std::string(short_name)}}}},
        {"versions",
         {{{"name", r.version},
           {"served", true},
           {"storage", true},
           {"subresources", {{"status", nlohmann::json::object()}}},
           {"schema", {{"openAPIV3Schema", schema}}}}}}}},
  };
}

class FakeWatchStream : public WatchStream {
 public:
  absl::StatusOr<std::optional<WatchEvent>> Next() override {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](FakeWatchStream* s)
             ABSL_EXCLUSIVE_LOCKS_REQUIRED(s->mu_) { return s->cancelled_ || !s->queue_.empty(); },
        this));
    if (cancelled_ && queue_.empty()) return std::optional<WatchEvent>();
    absl::StatusOr<WatchEvent> next = std::move(queue_.front());
    queue_.pop_front();
    if (!next.ok()) return next.status();
    return std::optional<WatchEvent>(*std::move(next));
  }

  void Cancel() override {
    absl::MutexLock lock(&mu_);
    cancelled_ = true;
  }

  // Called on the store's delivery thread.
  void Deliver(const cp::WatchEvent& event) {
    absl::MutexLock lock(&mu_);
    switch (event.type) {
      case cp::WatchEventType::kAdded:
        queue_.push_back(WatchEvent{WatchEvent::Type::kAdded, event.object});
        break;
      case cp::WatchEventType::kModified:
        queue_.push_back(WatchEvent{WatchEvent::Type::kModified, event.object});
        break;
      case cp::WatchEventType::kDeleted:
        queue_.push_back(WatchEvent{WatchEvent::Type::kDeleted, event.object});
        break;
      case cp::WatchEventType::kBookmark:
        queue_.push_back(WatchEvent{WatchEvent::Type::kBookmark, event.object});
        break;
      case cp::WatchEventType::kError:
        queue_.push_back(
            ApiErrorFromResponse(event.object.value("code", 500), event.object.dump()));
        break;
    }
  }

  void set_handle(std::unique_ptr<cp::WatchHandle> handle) { handle_ = std::move(handle); }

  ~FakeWatchStream() override { handle_.reset(); }  // stop delivery before the queue dies

 private:
  absl::Mutex mu_;
  std::deque<absl::StatusOr<WatchEvent>> queue_ ABSL_GUARDED_BY(mu_);
  bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
  std::unique_ptr<cp::WatchHandle> handle_;
};

cp::Propagation ToStore(Propagation p) {
  switch (p) {
    case Propagation::kForeground:
      return cp::Propagation::kForeground;
    case Propagation::kOrphan:
      return cp::Propagation::kOrphan;
    case Propagation::kDefault:
    case Propagation::kBackground:
      return cp::Propagation::kBackground;
  }
  return cp::Propagation::kBackground;
}

}  // namespace

absl::string_view VerbName(Verb verb) {
  switch (verb) {
    case Verb::kGet:
      return "get";
    case Verb::kList:
      return "list";
    case Verb::kCreate:
      return "create";
    case Verb::kUpdate:
      return "update";
    case Verb::kUpdateStatus:
      return "update-status";
    case Verb::kPatch:
      return "patch";
    case Verb::kDelete:
      return "delete";
    case Verb::kWatch:
      return "watch";
  }
  return "unknown";
}

FakeKubeClient::FakeKubeClient() : registry_(cp::NewRegistryWithBuiltins()) {
  cp::StoreOptions options;
  options.clock = &clock_;
  options.random_seed = 7;
  options.pod_termination_grace = absl::ZeroDuration();
  options.tick_interval = absl::ZeroDuration();
  store_ = cp::NewObjectStore(registry_.get(), options);
  const cp::ResourceType* crds =
      registry_->Find("apiextensions.k8s.io", "v1", "customresourcedefinitions");
  for (const auto& [resource, singular, short_name] :
       {std::tuple{&resources::kSeiNode, "seinode", "snd"},
        std::tuple{&resources::kSeiNodeTask, "seinodetask", "sntask"}}) {
    absl::StatusOr<Object> created =
        store_->Create(cp::ResourceKey{crds, ""}, PermissiveCrd(*resource, singular, short_name),
                       cp::WriteOptions());
    if (!created.ok()) {
      // A fixture that cannot serve SeiNodes is useless; say why at once.
      std::fprintf(stderr, "FakeKubeClient: installing CRD failed: %s\n",
                   created.status().ToString().c_str());
      std::abort();
    }
  }
}

FakeKubeClient::~FakeKubeClient() = default;

absl::StatusOr<cp::ResourceKey> FakeKubeClient::KeyFor(const Resource& resource,
                                                       absl::string_view ns) const {
  const cp::ResourceType* type = registry_->Find(resource.group, resource.version, resource.plural);
  if (type == nullptr) {
    return ApiError(ErrorReason::kNotFound, 404,
                    absl::StrCat("the server could not find the requested resource (",
                                 resource.QualifiedName(), ")"));
  }
  return cp::ResourceKey{type, resource.namespaced ? std::string(ns) : std::string()};
}

absl::Status FakeKubeClient::Enter(Verb verb, const Resource& resource) {
  absl::MutexLock lock(&mu_);
  auto key = std::make_pair(verb, resource.QualifiedName());
  ++calls_[key];
  auto it = failures_.find(key);
  if (it == failures_.end() || it->second.empty()) return absl::OkStatus();
  absl::Status error = std::move(it->second.front());
  it->second.pop_front();
  return error;
}

absl::StatusOr<Object> FakeKubeClient::Get(const Resource& resource, absl::string_view ns,
                                           absl::string_view name) {
  if (absl::Status s = Enter(Verb::kGet, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  return Translate(store_->Get(*key, name));
}

absl::StatusOr<ObjectList> FakeKubeClient::List(const Resource& resource, absl::string_view ns,
                                                const ListOptions& options) {
  if (absl::Status s = Enter(Verb::kList, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  cp::ListOptions store_options;
  store_options.label_selector = options.label_selector;
  store_options.field_selector = options.field_selector;
  store_options.limit = options.limit;
  store_options.continue_token = options.continue_token;
  absl::StatusOr<Object> list = Translate(store_->List(*key, store_options));
  if (!list.ok()) return list.status();
  ObjectList out;
  if (list->contains("items")) {
    for (Object& item : (*list)["items"]) out.items.push_back(std::move(item));
  }
  const Object& meta = (*list)["metadata"];
  out.resource_version = meta.value("resourceVersion", "");
  out.continue_token = meta.value("continue", "");
  return out;
}

absl::StatusOr<Object> FakeKubeClient::Create(const Resource& resource, absl::string_view ns,
                                              const Object& object) {
  if (absl::Status s = Enter(Verb::kCreate, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  return Translate(store_->Create(*key, object, cp::WriteOptions()));
}

absl::StatusOr<Object> FakeKubeClient::Update(const Resource& resource, absl::string_view ns,
                                              const Object& object) {
  if (absl::Status s = Enter(Verb::kUpdate, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  std::string name = object.value("/metadata/name"_json_pointer, "");
  return Translate(store_->Update(*key, name, object, cp::Subresource::kNone, cp::WriteOptions()));
}

absl::StatusOr<Object> FakeKubeClient::UpdateStatus(const Resource& resource, absl::string_view ns,
                                                    const Object& object) {
  if (absl::Status s = Enter(Verb::kUpdateStatus, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  std::string name = object.value("/metadata/name"_json_pointer, "");
  return Translate(
      store_->Update(*key, name, object, cp::Subresource::kStatus, cp::WriteOptions()));
}

absl::StatusOr<Object> FakeKubeClient::Patch(const Resource& resource, absl::string_view ns,
                                             absl::string_view name, PatchType type,
                                             const Object& patch, const PatchOptions& options) {
  if (absl::Status s = Enter(Verb::kPatch, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  cp::PatchOptions store_options;
  store_options.field_manager = options.field_manager;
  store_options.force = options.force;
  cp::PatchType store_type = type == PatchType::kMerge       ? cp::PatchType::kMerge
                             : type == PatchType::kJsonPatch ? cp::PatchType::kJson
                                                             : cp::PatchType::kApply;
  return Translate(store_->Patch(*key, name, store_type, patch,
                                 options.status ? cp::Subresource::kStatus : cp::Subresource::kNone,
                                 store_options));
}

absl::Status FakeKubeClient::Delete(const Resource& resource, absl::string_view ns,
                                    absl::string_view name, const DeleteOptions& options) {
  if (absl::Status s = Enter(Verb::kDelete, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  cp::DeleteOptions store_options;
  store_options.propagation = ToStore(options.propagation);
  store_options.precondition_uid = options.uid;
  store_options.precondition_resource_version = options.resource_version;
  store_options.grace_period_seconds = options.grace_period_seconds;
  return Translate(store_->Delete(*key, name, store_options).status());
}

absl::StatusOr<std::unique_ptr<WatchStream>> FakeKubeClient::Watch(const Resource& resource,
                                                                   absl::string_view ns,
                                                                   const ListOptions& options) {
  if (absl::Status s = Enter(Verb::kWatch, resource); !s.ok()) return s;
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  if (!key.ok()) return key.status();
  cp::WatchOptions store_options;
  store_options.resource_version = options.resource_version;
  store_options.label_selector = options.label_selector;
  store_options.field_selector = options.field_selector;
  store_options.allow_bookmarks = options.allow_bookmarks;
  auto stream = std::make_unique<FakeWatchStream>();
  FakeWatchStream* raw = stream.get();
  absl::StatusOr<std::unique_ptr<cp::WatchHandle>> handle = store_->Watch(
      *key, store_options, [raw](const cp::WatchEvent& event) { raw->Deliver(event); });
  if (!handle.ok()) return Translate(handle.status());
  stream->set_handle(*std::move(handle));
  return std::unique_ptr<WatchStream>(std::move(stream));
}

void FakeKubeClient::FailNext(Verb verb, const Resource& resource, absl::Status error) {
  absl::MutexLock lock(&mu_);
  failures_[{verb, resource.QualifiedName()}].push_back(std::move(error));
}

int FakeKubeClient::Calls(Verb verb, const Resource& resource) const {
  absl::MutexLock lock(&mu_);
  auto it = calls_.find({verb, resource.QualifiedName()});
  return it == calls_.end() ? 0 : it->second;
}

int FakeKubeClient::Calls(Verb verb) const {
  absl::MutexLock lock(&mu_);
  int total = 0;
  for (const auto& [key, count] : calls_) {
    if (key.first == verb) total += count;
  }
  return total;
}

int FakeKubeClient::Writes() const {
  return Calls(Verb::kCreate) + Calls(Verb::kUpdate) + Calls(Verb::kUpdateStatus) +
         Calls(Verb::kPatch) + Calls(Verb::kDelete);
}

void FakeKubeClient::ResetCounts() {
  absl::MutexLock lock(&mu_);
  calls_.clear();
}

Object FakeKubeClient::Seed(const Resource& resource, Object object) {
  std::string ns = object.value("/metadata/namespace"_json_pointer, "default");
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  absl::StatusOr<Object> created = key.ok()
                                       ? store_->Create(*key, std::move(object), cp::WriteOptions())
                                       : absl::StatusOr<Object>(key.status());
  if (!created.ok()) {
    std::fprintf(stderr, "FakeKubeClient::Seed: %s\n", created.status().ToString().c_str());
    std::abort();  // a broken fixture, not a test outcome
  }
  return *std::move(created);
}

Object FakeKubeClient::SeedStatus(const Resource& resource, absl::string_view ns,
                                  absl::string_view name, const Object& status) {
  absl::StatusOr<cp::ResourceKey> key = KeyFor(resource, ns);
  absl::StatusOr<Object> patched =
      key.ok() ? store_->Patch(*key, name, cp::PatchType::kMerge, Object{{"status", status}},
                               cp::Subresource::kStatus, cp::PatchOptions())
               : absl::StatusOr<Object>(key.status());
  if (!patched.ok()) {
    std::fprintf(stderr, "FakeKubeClient::SeedStatus: %s\n", patched.status().ToString().c_str());
    std::abort();
  }
  return *std::move(patched);
}

}  // namespace sei::k8s
