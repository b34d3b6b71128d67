// The in-memory state of the local control plane: every object of every
// served resource, with kube-apiserver's storage semantics. The HTTP layer
// (http/) and the simulated controllers (controllers/) both use this one
// interface; nothing here knows about HTTP.
//
// Objects are nlohmann::json in their wire form (apiVersion, kind, metadata,
// spec, status…). Errors are ApiError statuses (api_error.h).
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_OBJECT_STORE_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_OBJECT_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/controlplane/apiserver/resource_type.h"

namespace sei::controlplane {

using Json = nlohmann::json;

// Which collection a request addresses. `ns` is empty for cluster-scoped
// resources and for "all namespaces" lists/watches.
struct ResourceKey {
  const ResourceType* type = nullptr;
  std::string ns;
};

struct ListOptions {
  std::string label_selector;  // Kubernetes label selector syntax
  std::string field_selector;  // metadata.name / metadata.namespace (=, ==, !=)
  int64_t limit = 0;           // 0 = no limit
  std::string continue_token;
};

struct WriteOptions {
  bool dry_run = false;
  std::string field_manager;
};

enum class Subresource { kNone, kStatus };

enum class PatchType {
  kMerge,           // application/merge-patch+json (RFC 7386)
  kJson,            // application/json-patch+json (RFC 6902)
  kStrategicMerge,  // application/strategic-merge-patch+json (core/strategic_merge_patch.h)
  kApply,           // application/apply-patch+yaml: create-or-merge, field_manager required
};

struct PatchOptions : WriteOptions {
  bool force = false;  // server-side apply: take ownership of conflicting fields
  // Out, optional: set to whether an apply patch created the object (the
  // HTTP layer answers 201 then, 200 otherwise).
  bool* created = nullptr;
};

enum class Propagation { kBackground, kForeground, kOrphan };

struct DeleteOptions {
  Propagation propagation = Propagation::kBackground;
  std::optional<std::string> precondition_uid;
  std::optional<std::string> precondition_resource_version;
  // Pods: seconds to stay terminating before removal (kubelet grace period);
  // nullopt = the store's configured default.
  std::optional<int64_t> grace_period_seconds;
  bool dry_run = false;
  // Out, optional: set to true when the object is gone (HTTP 200), false
  // when finalizers, a grace period or foreground deletion keep it (202).
  bool* removed = nullptr;
};

enum class WatchEventType { kAdded, kModified, kDeleted, kBookmark, kError };

struct WatchEvent {
  WatchEventType type;
  Json object;  // the object; for kError a metav1.Status (410 Expired)
};

struct WatchOptions {
  // Empty: start with an ADDED event per existing object, then changes.
  // Otherwise: every change after that version; a version older than the
  // retained window yields one kError event with a 410 Expired Status.
  std::string resource_version;
  std::string label_selector;
  std::string field_selector;
  bool allow_bookmarks = false;
};

// A live watch. Events are delivered in resourceVersion order on a store
// thread; the callback must not block and must not call back into the store
// (queue the event instead). Destroying the handle stops delivery.
class WatchHandle {
 public:
  virtual ~WatchHandle() = default;
};

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  virtual absl::StatusOr<Json> Get(const ResourceKey& key, absl::string_view name,
                                   Subresource sub = Subresource::kNone) = 0;
  // A <Kind>List with metadata.resourceVersion (and metadata.continue).
  virtual absl::StatusOr<Json> List(const ResourceKey& key, const ListOptions& options) = 0;
  virtual absl::StatusOr<Json> Create(const ResourceKey& key, Json object,
                                      const WriteOptions& options) = 0;
  // PUT. A stale metadata.resourceVersion → 409 Conflict. kStatus writes
  // only status; kNone never changes status (when the type has a status
  // subresource).
  virtual absl::StatusOr<Json> Update(const ResourceKey& key, absl::string_view name,
                                      Json object, Subresource sub,
                                      const WriteOptions& options) = 0;
  // A metadata.resourceVersion inside a merge patch is a precondition.
  virtual absl::StatusOr<Json> Patch(const ResourceKey& key, absl::string_view name,
                                     PatchType type, const Json& patch, Subresource sub,
                                     const PatchOptions& options) = 0;
  // Returns the deleted object, or the object with deletionTimestamp set
  // when finalizers (or a pod grace period, or foreground propagation) keep it.
  virtual absl::StatusOr<Json> Delete(const ResourceKey& key, absl::string_view name,
                                      const DeleteOptions& options) = 0;
  virtual absl::StatusOr<std::unique_ptr<WatchHandle>> Watch(
      const ResourceKey& key, const WatchOptions& options,
      std::function<void(const WatchEvent&)> on_event) = 0;

  // The current global resourceVersion (for bookmarks and lists).
  virtual std::string CurrentResourceVersion() const = 0;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_OBJECT_STORE_H_
