// The in-memory ObjectStore: kube-apiserver's storage semantics (server-set
// metadata, optimistic concurrency, generation, finalizers, garbage
// collection, namespaces, CRDs, watch with a retained event window) over
// one mutex-guarded map of serialized objects.
#ifndef SEI_LIB_CONTROLPLANE_APISERVER_MEMORY_STORE_H_
#define SEI_LIB_CONTROLPLANE_APISERVER_MEMORY_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

#include "absl/time/time.h"
#include "lib/controlplane/apiserver/clock.h"
#include "lib/controlplane/apiserver/object_store.h"
#include "lib/controlplane/apiserver/resource_registry.h"

namespace sei::controlplane {

struct StoreOptions {
  // Time source; nullptr = RealClock(). Must outlive the store.
  Clock* clock = nullptr;
  // Seeds uids and generateName suffixes; nullopt = seeded from the OS.
  std::optional<uint64_t> random_seed;
  // How long a deleted pod stays terminating (what a kubelet's shutdown
  // would take) when the DELETE names no grace period. 0 = removed at once.
  absl::Duration pod_termination_grace = absl::Seconds(2);
  // Changes retained so that a watch can resume from an older
  // resourceVersion; older ones get 410 Expired.
  size_t watch_window_events = 1000;
  // Live events a watcher may have undelivered before it is cut off with a
  // 410 Expired ERROR event.
  size_t watch_queue_limit = 1000;
  // BOOKMARK events go to watchers that allow them at most this often (on Tick).
  absl::Duration bookmark_interval = absl::Seconds(60);
  // A background thread calls Tick() this often (real time); zero = never,
  // for tests that drive Tick() themselves.
  absl::Duration tick_interval = absl::Seconds(1);
};

class MemoryStore : public ObjectStore {
 public:
  // Runs the timed transitions due at the clock's current time: removes pods
  // whose grace period ended, and sends bookmarks when the interval passed.
  virtual void Tick() = 0;
};

// `registry` must outlive the store; the store serves CRDs through it.
// Starts with the namespaces default, kube-system, kube-public and
// kube-node-lease.
std::unique_ptr<MemoryStore> NewObjectStore(ResourceRegistry* registry,
                                            StoreOptions options = StoreOptions());

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_APISERVER_MEMORY_STORE_H_
