// Records every event of a watch on the control plane's store, in order, so
// a test can assert on a history rather than on snapshots it happened to
// take: "there were never two pods of this node at once" needs every
// ADDED and DELETED, which polling would miss.
#ifndef SEI_CMD_OPERATOR_E2E_WATCH_RECORDER_H_
#define SEI_CMD_OPERATOR_E2E_WATCH_RECORDER_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "lib/controlplane/apiserver/object_store.h"

namespace sei::e2e {

struct RecordedEvent {
  std::string type;  // "ADDED", "MODIFIED", "DELETED", "ERROR"
  nlohmann::json object;
};

class WatchRecorder {
 public:
  // Watches `key` from now on (from the first existing objects, which come
  // as ADDED) with `label_selector`. `store` must outlive the recorder.
  static absl::StatusOr<std::unique_ptr<WatchRecorder>> Start(controlplane::ObjectStore* store,
                                                              const controlplane::ResourceKey& key,
                                                              absl::string_view label_selector);

  WatchRecorder(const WatchRecorder&) = delete;
  WatchRecorder& operator=(const WatchRecorder&) = delete;
  ~WatchRecorder();  // stops the watch

  // Every event so far, in delivery (resourceVersion) order.
  std::vector<RecordedEvent> Events() const;

 private:
  WatchRecorder() = default;
  void Append(const controlplane::WatchEvent& event);

  mutable absl::Mutex mu_;
  std::vector<RecordedEvent> events_ ABSL_GUARDED_BY(mu_);
  std::unique_ptr<controlplane::WatchHandle> handle_;
};

}  // namespace sei::e2e

#endif  // SEI_CMD_OPERATOR_E2E_WATCH_RECORDER_H_
