// An informer keeps an ObjectCache of one resource (in one namespace or all,
// optionally narrowed by selectors) in step with the API server and tells
// handlers what changed: it LISTs, then WATCHes from the list's
// resourceVersion; when a watch ends normally it resumes from the last
// resourceVersion seen (bookmarks advance it without an object); when the
// server answers 410 Gone it LISTs again and reports the differences as
// adds, updates and deletes; on any other error it retries with
// exponential backoff. It uses only the KubeClient interface, so it runs
// the same over RestKubeClient and FakeKubeClient.
#ifndef SEI_LIB_K8S_INFORMER_H_
#define SEI_LIB_K8S_INFORMER_H_

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/k8s/backoff.h"
#include "lib/k8s/kube_client.h"
#include "lib/k8s/object_cache.h"

namespace sei::k8s {

// Told about every change, on the informer's thread, after the cache holds
// it. Handlers must not block for long: the next event waits for them.
class ResourceEventHandler {
 public:
  virtual ~ResourceEventHandler() = default;
  virtual void OnAdd(const Object& object) {}
  virtual void OnUpdate(const Object& old_object, const Object& new_object) {}
  // `object` is the last state known: the DELETED event's object, or the
  // cached one when a re-list found it gone.
  virtual void OnDelete(const Object& object) {}
};

struct InformerOptions {
  Resource resource;
  std::string ns;  // "" = all namespaces (and cluster-scoped resources)
  std::string label_selector;
  std::string field_selector;
  // Asked of the server per watch; the watch then ends normally and
  // resumes, which also proves the connection is alive.
  absl::Duration watch_timeout = absl::Minutes(5);
  absl::Duration initial_backoff = absl::Milliseconds(200);
  absl::Duration max_backoff = absl::Seconds(30);
};

class Informer {
 public:
  // `client` must outlive the informer.
  Informer(KubeClient* client, InformerOptions options);
  ~Informer();  // Stop()s

  Informer(const Informer&) = delete;
  Informer& operator=(const Informer&) = delete;

  // Before Start(); not owned, must outlive the informer.
  void AddHandler(ResourceEventHandler* handler);

  // Starts the list-and-watch thread. Once only.
  void Start();
  // Ends the current watch and joins the thread. Idempotent.
  void Stop();

  // True once the first LIST is in the cache and its adds were handled.
  bool HasSynced() const;
  // Waits up to `timeout` for HasSynced().
  bool WaitForSync(absl::Duration timeout) const;

  const ObjectCache& cache() const { return cache_; }
  // The resourceVersion the next watch would start from.
  std::string LastResourceVersion() const;
  // The last LIST or WATCH error (OK after a success), for health reporting.
  absl::Status LastError() const;

 private:
  enum class WatchEnd { kResume, kRelist, kRetry };

  void Run();
  // LISTs into the cache, telling handlers. False on error.
  bool Relist();
  // Opens one watch and applies its events until it ends.
  WatchEnd WatchOnce();
  void Apply(const WatchEvent& event);
  // Sleeps `delay` unless Stop() comes first; false when stopping.
  bool Pause(absl::Duration delay);
  void RecordError(const absl::Status& status);
  bool Stopping() const;

  KubeClient* const client_;
  const InformerOptions options_;
  std::vector<ResourceEventHandler*> handlers_;
  ObjectCache cache_;
  Backoff backoff_;
  std::thread thread_;

  mutable absl::Mutex mu_;
  bool started_ ABSL_GUARDED_BY(mu_) = false;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool synced_ ABSL_GUARDED_BY(mu_) = false;
  std::string resource_version_ ABSL_GUARDED_BY(mu_);
  absl::Status last_error_ ABSL_GUARDED_BY(mu_);
  WatchStream* current_watch_ ABSL_GUARDED_BY(mu_) = nullptr;  // for Stop()
};

}  // namespace sei::k8s

#endif  // SEI_LIB_K8S_INFORMER_H_
