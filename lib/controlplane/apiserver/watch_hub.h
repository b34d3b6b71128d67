// Watch fan-out: the retained window of committed changes (for watches that
// resume from a resourceVersion) and the live watchers, each with a bounded
// queue drained by its own delivery thread, so a slow watcher never blocks
// the writer; one that falls too far behind is cut off with a 410 Expired
// ERROR event, after which the client re-lists (as it would after the
// apiserver closed its watch).
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_WATCH_HUB_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_WATCH_HUB_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_type.h"
#include "lib/controlplane/core/selectors.h"

namespace sei::controlplane {

// One committed change, as the window retains it. Objects are kept
// serialized: the window must stay small next to the store itself.
struct ChangeRecord {
  WatchEventType type = WatchEventType::kAdded;  // kAdded, kModified or kDeleted
  std::string collection;  // storage identity, e.g. "statefulsets.apps"
  std::string ns;
  uint64_t resource_version = 0;
  std::string object;    // the new state; for kDeleted the last state (with the new RV)
  std::string previous;  // kModified: the state before, for selector transitions
};

// What one watch asks for.
struct WatcherSpec {
  const ResourceType* type = nullptr;  // the version the client watches
  std::string collection;
  std::string ns;  // empty: all namespaces
  LabelSelector labels;
  FieldSelector fields;
  bool allow_bookmarks = false;
};

class Watcher;

// Not thread-safe: the store calls it under its own mutex, which is what
// makes every watcher see events in resourceVersion order.
class WatchHub {
 public:
  // `window_size`: changes retained for resuming watches; `queue_limit`:
  // live events a watcher may have undelivered before it is cut off.
  WatchHub(size_t window_size, size_t queue_limit);
  ~WatchHub();  // stops every watcher (no callback runs afterwards)

  WatchHub(const WatchHub&) = delete;
  WatchHub& operator=(const WatchHub&) = delete;

  // Appends to the window and delivers to matching watchers.
  void Publish(ChangeRecord record);

  // A watcher that first receives `initial` (the ADDED events of a watch
  // without resourceVersion), then every later Publish.
  std::unique_ptr<WatchHandle> StartWithInitial(WatcherSpec spec,
                                                std::vector<WatchEvent> initial,
                                                std::function<void(const WatchEvent&)> on_event);
  // A watcher resuming after `resource_version`: replays the retained changes
  // after it, or — when the window no longer reaches back that far — delivers
  // a single ERROR event with a 410 Expired Status and ends.
  std::unique_ptr<WatchHandle> StartFrom(WatcherSpec spec, uint64_t resource_version,
                                         std::function<void(const WatchEvent&)> on_event);

  // Sends a BOOKMARK at `resource_version` to each watcher that allows them.
  void Bookmark(uint64_t resource_version);

  // Changes after this resourceVersion are all retained.
  uint64_t window_start() const { return window_start_; }
  // Live (not cut off, not stopped) watchers; for tests and metrics.
  size_t watcher_count();

 private:
  std::unique_ptr<WatchHandle> Launch(WatcherSpec spec, std::vector<WatchEvent> initial,
                                      bool register_live,
                                      std::function<void(const WatchEvent&)> on_event);

  const size_t window_size_;
  const size_t queue_limit_;
  std::deque<ChangeRecord> window_;
  uint64_t window_start_ = 0;
  std::vector<std::shared_ptr<Watcher>> watchers_;
};

// The 410 Expired Status of a resourceVersion older than the window.
Json TooOldStatus(uint64_t requested, uint64_t oldest);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_WATCH_HUB_H_
