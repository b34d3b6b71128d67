// A thread-safe, in-memory copy of the objects of one watched resource,
// keyed by namespace and name: what an informer keeps up to date and what
// controllers read instead of asking the API server. Readers get copies.
#ifndef SEI_LIB_K8S_OBJECT_CACHE_H_
#define SEI_LIB_K8S_OBJECT_CACHE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "lib/k8s/kube_client.h"

namespace sei::k8s {

// One difference found when the cache's contents are replaced.
struct CacheDelta {
  enum class Kind { kAdded, kUpdated, kDeleted };
  Kind kind = Kind::kAdded;
  Object old_object;  // kUpdated, kDeleted
  Object object;      // kAdded, kUpdated
};

class ObjectCache {
 public:
  // The object at ns/name (ns "" for cluster-scoped ones).
  std::optional<Object> Get(absl::string_view ns, absl::string_view name) const;

  // The objects in `ns` ("" = every namespace) whose labels match
  // `label_selector` (kubectl syntax; "" = all), ordered by namespace and
  // name. InvalidArgument for a selector that does not parse.
  absl::StatusOr<std::vector<Object>> List(absl::string_view ns = "",
                                           absl::string_view label_selector = "") const;

  size_t Size() const;

  // Inserts or replaces `object`; returns what was there before.
  std::optional<Object> Upsert(Object object);
  // Removes the object with `object`'s namespace and name; returns it.
  std::optional<Object> Remove(const Object& object);
  // Makes `objects` the whole contents and returns the differences: objects
  // no longer present, new ones, and ones whose resourceVersion changed.
  std::vector<CacheDelta> Replace(std::vector<Object> objects);

 private:
  mutable absl::Mutex mu_;
  std::map<std::string, Object> objects_ ABSL_GUARDED_BY(mu_);  // "ns/name"
};

// The cache key of an object: "<namespace>/<name>".
std::string CacheKey(const Object& object);
// metadata.resourceVersion, or "" when absent.
std::string ResourceVersionOf(const Object& object);

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_OBJECT_CACHE_H_
