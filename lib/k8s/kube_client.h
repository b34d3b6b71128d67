// The one interface through which the operator talks to the Kubernetes API.
// Every task, controller and cache goes through a KubeClient, so the same code
// runs against the REST client (rest_client.h, cpprestsdk over HTTPS) and
// against the in-memory fake used in unit tests (fake_kube_client.h).
//
// Objects are JSON in their wire form (apiVersion, kind, metadata, spec,
// status). Failures are the statuses of api_error.h: callers test
// IsApiNotFound(s), IsApiConflict(s), ... and never look at HTTP codes.
#ifndef SEI_LIB_K8S_KUBE_CLIENT_H_
#define SEI_LIB_K8S_KUBE_CLIENT_H_

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "lib/k8s/resource.h"

namespace sei::k8s {

using Object = nlohmann::json;

struct ListOptions {
  std::string label_selector;  // "a=b,c in (d)"; empty = everything
  std::string field_selector;  // "metadata.name=x"
  // LIST: "" = most recent. WATCH: "" = start with an ADDED event per existing
  // object, else every change after that version.
  std::string resource_version;
  int64_t limit = 0;           // LIST only; 0 = no limit
  std::string continue_token;  // LIST only
  // WATCH only: ask for BOOKMARK events, and let the server end the stream
  // after this long (0 = the server's default).
  bool allow_bookmarks = true;
  absl::Duration watch_timeout = absl::ZeroDuration();
};

struct ObjectList {
  std::vector<Object> items;
  std::string resource_version;  // of the list: where a watch resumes
  std::string continue_token;
};

enum class PatchType {
  kMerge,      // application/merge-patch+json (RFC 7386)
  kJsonPatch,  // application/json-patch+json (RFC 6902)
  kApply,      // application/apply-patch+yaml (server-side apply)
};

struct PatchOptions {
  std::string field_manager;  // required for kApply
  bool force = false;         // kApply: take ownership of conflicting fields
  bool status = false;        // address the /status subresource
};

enum class Propagation { kDefault, kBackground, kForeground, kOrphan };

struct DeleteOptions {
  Propagation propagation = Propagation::kDefault;
  // Preconditions: the delete fails with kConflict when the live object's
  // uid / resourceVersion differ.
  std::optional<std::string> uid;
  std::optional<std::string> resource_version;
  std::optional<int64_t> grace_period_seconds;
};

struct WatchEvent {
  enum class Type { kAdded, kModified, kDeleted, kBookmark };
  Type type = Type::kAdded;
  Object object;  // for kBookmark only metadata.resourceVersion is meaningful
};

// One open watch. Not thread-safe except for Cancel().
class WatchStream {
 public:
  virtual ~WatchStream() = default;
  // Blocks until the next event. nullopt: the server ended the stream
  // normally (its timeout) or Cancel() was called — resume from the last
  // resourceVersion seen. An ERROR event comes back as the error it carries
  // (410 Expired → IsGone: re-list); a broken connection as kTransport.
  virtual absl::StatusOr<std::optional<WatchEvent>> Next() = 0;
  // Ends the stream from any thread; a blocked Next() returns nullopt.
  virtual void Cancel() = 0;
};

class KubeClient {
 public:
  virtual ~KubeClient() = default;

  // `ns` is ignored for cluster-scoped resources; for LIST and WATCH an empty
  // `ns` of a namespaced resource means all namespaces.
  virtual absl::StatusOr<Object> Get(const Resource& resource, absl::string_view ns,
                                     absl::string_view name) = 0;
  virtual absl::StatusOr<ObjectList> List(const Resource& resource, absl::string_view ns,
                                          const ListOptions& options) = 0;
  virtual absl::StatusOr<Object> Create(const Resource& resource, absl::string_view ns,
                                        const Object& object) = 0;
  // PUT of metadata.name; a metadata.resourceVersion in `object` is a
  // precondition (stale → kConflict). UpdateStatus writes /status only.
  virtual absl::StatusOr<Object> Update(const Resource& resource, absl::string_view ns,
                                        const Object& object) = 0;
  virtual absl::StatusOr<Object> UpdateStatus(const Resource& resource, absl::string_view ns,
                                              const Object& object) = 0;
  // A metadata.resourceVersion inside a merge patch is a precondition.
  virtual absl::StatusOr<Object> Patch(const Resource& resource, absl::string_view ns,
                                       absl::string_view name, PatchType type, const Object& patch,
                                       const PatchOptions& options) = 0;
  virtual absl::Status Delete(const Resource& resource, absl::string_view ns,
                              absl::string_view name, const DeleteOptions& options) = 0;
  virtual absl::StatusOr<std::unique_ptr<WatchStream>> Watch(const Resource& resource,
                                                             absl::string_view ns,
                                                             const ListOptions& options) = 0;
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_KUBE_CLIENT_H_
