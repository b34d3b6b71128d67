// Records core/v1 Events for the objects the controllers manage
// (plans.md §13.6, nodetask.md §10.3), like client-go's recorder with its
// correlator simplified: an event identical to one recorded for the same
// object within the aggregation window (same uid, type, reason and
// message) is not created again; the existing Event's count and
// lastTimestamp are patched instead, so a Failed node that is reconciled
// every few seconds shows one NodeFailed event with a growing count.
//
// Events are best-effort: a failure to create or patch is logged, never
// returned, and never fails a reconcile. Recording is synchronous (one API
// call on the caller's thread) and serialised, which keeps counts exact;
// events are rare enough that the latency does not matter.
#ifndef SEI_LIB_RUNTIME_EVENTS_EVENT_RECORDER_H_
#define SEI_LIB_RUNTIME_EVENTS_EVENT_RECORDER_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <tuple>

#include "absl/base/thread_annotations.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "lib/k8s/kube_client.h"
#include "lib/runtime/clock/clock.h"
#include "lib/runtime/events/object_reference.h"
#include "lib/runtime/logging/logger.h"

namespace sei::runtime {

enum class EventType { kNormal, kWarning };

struct EventRecorderOptions {
  // reportingComponent and source.component, e.g. "seinode-controller".
  std::string component;
  // reportingInstance and source.host (the pod name); optional.
  std::string instance;
  // An identical event within this long after the last one is aggregated.
  absl::Duration aggregation_window = absl::Minutes(10);
  // Events remembered for aggregation; the stalest are forgotten first.
  size_t max_remembered = 4096;
};

class EventRecorder {
 public:
  EventRecorder(k8s::KubeClient* client, EventRecorderOptions options, Clock* clock, Logger logger);

  void Record(const ObjectReference& object, EventType type, absl::string_view reason,
              absl::string_view message);

 private:
  struct Key {
    std::string uid;
    EventType type;
    std::string reason;
    std::string message;
    bool operator<(const Key& other) const {
      return std::tie(uid, type, reason, message) <
             std::tie(other.uid, other.type, other.reason, other.message);
    }
  };
  struct Recorded {
    std::string name;
    std::string namespace_name;
    int64_t count = 0;
    absl::Time last;
  };

  // Creates a new Event; the cache entry on success.
  bool CreateLocked(const ObjectReference& object, const Key& key, absl::Time now,
                    Recorded* recorded) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Patches count and lastTimestamp; false when the Event is gone.
  bool BumpLocked(const Key& key, absl::Time now, Recorded* recorded)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  void ForgetStaleLocked(absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  std::string UniqueNameLocked(absl::string_view object_name, absl::Time now)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);

  k8s::KubeClient* const client_;
  const EventRecorderOptions options_;
  Clock* const clock_;
  const Logger log_;

  absl::Mutex mu_;
  std::map<Key, Recorded> recorded_ ABSL_GUARDED_BY(mu_);
  int64_t last_name_nanos_ ABSL_GUARDED_BY(mu_) = 0;
};

}  // namespace sei::runtime

#endif  // SEI_LIB_RUNTIME_EVENTS_EVENT_RECORDER_H_
