#include "lib/runtime/events/event_recorder.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"

namespace sei::runtime {
namespace {

// metav1.Time: whole seconds, UTC.
std::string WireTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

absl::string_view TypeName(EventType type) {
  return type == EventType::kWarning ? "Warning" : "Normal";
}

}  // namespace

EventRecorder::EventRecorder(k8s::KubeClient* client, EventRecorderOptions options, Clock* clock,
                             Logger logger)
    : client_(client),
      options_(std::move(options)),
      clock_(clock),
      log_(logger.WithName("events").With({{"component", options_.component}})) {}

void EventRecorder::Record(const ObjectReference& object, EventType type, absl::string_view reason,
                           absl::string_view message) {
  const absl::Time now = clock_->Now();
  Key key{object.uid, type, std::string(reason), std::string(message)};
  absl::MutexLock lock(&mu_);
  auto it = recorded_.find(key);
  if (it != recorded_.end() && now - it->second.last <= options_.aggregation_window) {
    if (BumpLocked(key, now, &it->second)) return;
    // The Event expired (the API server's TTL) or was deleted: start anew.
  }
  Recorded fresh;
  if (!CreateLocked(object, key, now, &fresh)) {
    if (it != recorded_.end()) recorded_.erase(it);
    return;
  }
  recorded_[key] = std::move(fresh);
  ForgetStaleLocked(now);
}

bool EventRecorder::CreateLocked(const ObjectReference& object, const Key& key, absl::Time now,
                                 Recorded* recorded) {
  // Events of a cluster-scoped object live in "default", as client-go does.
  const std::string ns = object.namespace_name.empty() ? "default" : object.namespace_name;
  const std::string name = UniqueNameLocked(object.name, now);
  k8s::Object event = {
      {"apiVersion", "v1"},
      {"kind", "Event"},
      {"metadata", {{"name", name}, {"namespace", ns}}},
      {"involvedObject", object.ToJson()},
      {"type", TypeName(key.type)},
      {"reason", key.reason},
      {"message", key.message},
      {"source", {{"component", options_.component}}},
      {"reportingComponent", options_.component},
      {"reportingInstance", options_.instance},
      {"firstTimestamp", WireTime(now)},
      {"lastTimestamp", WireTime(now)},
      {"count", 1},
  };
  if (!options_.instance.empty()) event["source"]["host"] = options_.instance;
  absl::StatusOr<k8s::Object> created = client_->Create(k8s::resources::kEvent, ns, event);
  if (!created.ok()) {
    log_.Warn("recording event failed",
              {{"reason", key.reason}, {"object", object.name}, {"error", created.status()}});
    return false;
  }
  *recorded = Recorded{name, ns, 1, now};
  return true;
}

bool EventRecorder::BumpLocked(const Key& key, absl::Time now, Recorded* recorded) {
  const k8s::Object patch = {{"count", recorded->count + 1}, {"lastTimestamp", WireTime(now)}};
  absl::StatusOr<k8s::Object> patched =
      client_->Patch(k8s::resources::kEvent, recorded->namespace_name, recorded->name,
                     k8s::PatchType::kMerge, patch, k8s::PatchOptions());
  if (k8s::IsApiNotFound(patched.status())) return false;
  if (!patched.ok()) {
    // Not worth a second Event: the next occurrence will try again.
    log_.Warn("updating event failed",
              {{"reason", key.reason}, {"event", recorded->name}, {"error", patched.status()}});
    return true;
  }
  ++recorded->count;
  recorded->last = now;
  return true;
}

void EventRecorder::ForgetStaleLocked(absl::Time now) {
  if (recorded_.size() <= options_.max_remembered) return;
  for (auto it = recorded_.begin(); it != recorded_.end();) {
    it = now - it->second.last > options_.aggregation_window ? recorded_.erase(it) : std::next(it);
  }
  while (recorded_.size() > options_.max_remembered) {
    auto stalest = std::min_element(
        recorded_.begin(), recorded_.end(),
        [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    recorded_.erase(stalest);
  }
}

std::string EventRecorder::UniqueNameLocked(absl::string_view object_name, absl::Time now) {
  // client-go names events <object>.<unix nanos in hex>; two events in the
  // same nanosecond (a coarse or fake clock) get consecutive values.
  last_name_nanos_ = std::max(absl::ToUnixNanos(now), last_name_nanos_ + 1);
  return absl::StrFormat("%s.%x", object_name, last_name_nanos_);
}

}  // namespace sei::runtime
