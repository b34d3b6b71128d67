#include "cmd/operator/e2e/watch_recorder.h"

#include <utility>

namespace sei::e2e {
namespace {

const char* TypeName(controlplane::WatchEventType type) {
  switch (type) {
    case controlplane::WatchEventType::kAdded:
      return "ADDED";
    case controlplane::WatchEventType::kModified:
      return "MODIFIED";
    case controlplane::WatchEventType::kDeleted:
      return "DELETED";
    case controlplane::WatchEventType::kBookmark:
      return "BOOKMARK";
    case controlplane::WatchEventType::kError:
      return "ERROR";
  }
  return "UNKNOWN";
}

}  // namespace

absl::StatusOr<std::unique_ptr<WatchRecorder>> WatchRecorder::Start(
    controlplane::ObjectStore* store, const controlplane::ResourceKey& key,
    absl::string_view label_selector) {
  std::unique_ptr<WatchRecorder> recorder(new WatchRecorder());
  controlplane::WatchOptions options;
  options.label_selector = std::string(label_selector);
  WatchRecorder* self = recorder.get();
  absl::StatusOr<std::unique_ptr<controlplane::WatchHandle>> handle = store->Watch(
      key, options, [self](const controlplane::WatchEvent& event) { self->Append(event); });
  if (!handle.ok()) return handle.status();
  recorder->handle_ = *std::move(handle);
  return recorder;
}

WatchRecorder::~WatchRecorder() { handle_.reset(); }

void WatchRecorder::Append(const controlplane::WatchEvent& event) {
  if (event.type == controlplane::WatchEventType::kBookmark) return;
  absl::MutexLock lock(&mu_);
  events_.push_back({TypeName(event.type), event.object});
}

std::vector<RecordedEvent> WatchRecorder::Events() const {
  absl::MutexLock lock(&mu_);
  return events_;
}

}  // namespace sei::e2e
