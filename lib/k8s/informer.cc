#include "lib/k8s/informer.h"

#include <utility>

#include "lib/k8s/api_error.h"

namespace sei::k8s {

Informer::Informer(KubeClient* client, InformerOptions options)
    : client_(client),
      options_(std::move(options)),
      backoff_(options_.initial_backoff, options_.max_backoff) {}

Informer::~Informer() { Stop(); }

void Informer::AddHandler(ResourceEventHandler* handler) { handlers_.push_back(handler); }

void Informer::Start() {
  absl::MutexLock lock(&mu_);
  if (started_) return;
  started_ = true;
  thread_ = std::thread([this] { Run(); });
}

void Informer::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
    if (current_watch_ != nullptr) current_watch_->Cancel();
  }
  if (thread_.joinable()) thread_.join();
}

bool Informer::HasSynced() const {
  absl::MutexLock lock(&mu_);
  return synced_;
}

bool Informer::WaitForSync(absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto synced = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return synced_; };
  return mu_.AwaitWithTimeout(absl::Condition(&synced), timeout);
}

std::string Informer::LastResourceVersion() const {
  absl::MutexLock lock(&mu_);
  return resource_version_;
}

absl::Status Informer::LastError() const {
  absl::MutexLock lock(&mu_);
  return last_error_;
}

bool Informer::Stopping() const {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

void Informer::RecordError(const absl::Status& status) {
  absl::MutexLock lock(&mu_);
  last_error_ = status;
}

bool Informer::Pause(absl::Duration delay) {
  absl::MutexLock lock(&mu_);
  auto stopping = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return stopping_; };
  mu_.AwaitWithTimeout(absl::Condition(&stopping), delay);
  return !stopping_;
}

void Informer::Run() {
  bool need_list = true;
  while (!Stopping()) {
    if (need_list) {
      if (!Relist()) {
        if (!Pause(backoff_.Next())) return;
        continue;
      }
      need_list = false;
      backoff_.Reset();
    }
    switch (WatchOnce()) {
      case WatchEnd::kResume:
        break;
      case WatchEnd::kRelist:
        need_list = true;  // at once: the cache is stale, not the server unhealthy
        break;
      case WatchEnd::kRetry:
        if (!Pause(backoff_.Next())) return;
        break;
    }
  }
}

bool Informer::Relist() {
  ListOptions list_options;
  list_options.label_selector = options_.label_selector;
  list_options.field_selector = options_.field_selector;
  absl::StatusOr<ObjectList> list = client_->List(options_.resource, options_.ns, list_options);
  if (!list.ok()) {
    RecordError(list.status());
    return false;
  }
  std::string resource_version = list->resource_version;
  for (Object& item : list->items) {
    // A list's items may omit apiVersion and kind; handlers get whole objects.
    if (!item.contains("apiVersion")) item["apiVersion"] = options_.resource.ApiVersion();
    if (!item.contains("kind")) item["kind"] = options_.resource.kind;
  }
  std::vector<CacheDelta> deltas = cache_.Replace(std::move(list->items));
  {
    absl::MutexLock lock(&mu_);
    resource_version_ = resource_version;
    last_error_ = absl::OkStatus();
  }
  for (const CacheDelta& delta : deltas) {
    for (ResourceEventHandler* handler : handlers_) {
      switch (delta.kind) {
        case CacheDelta::Kind::kAdded:
          handler->OnAdd(delta.object);
          break;
        case CacheDelta::Kind::kUpdated:
          handler->OnUpdate(delta.old_object, delta.object);
          break;
        case CacheDelta::Kind::kDeleted:
          handler->OnDelete(delta.old_object);
          break;
      }
    }
  }
  absl::MutexLock lock(&mu_);
  synced_ = true;
  return true;
}

Informer::WatchEnd Informer::WatchOnce() {
  ListOptions watch_options;
  watch_options.label_selector = options_.label_selector;
  watch_options.field_selector = options_.field_selector;
  watch_options.resource_version = LastResourceVersion();
  watch_options.allow_bookmarks = true;
  watch_options.watch_timeout = options_.watch_timeout;
  absl::StatusOr<std::unique_ptr<WatchStream>> stream =
      client_->Watch(options_.resource, options_.ns, watch_options);
  if (!stream.ok()) {
    RecordError(stream.status());
    return IsApiGone(stream.status()) ? WatchEnd::kRelist : WatchEnd::kRetry;
  }
  {
    absl::MutexLock lock(&mu_);
    current_watch_ = stream->get();
    // A Stop() that came while the watch was opening has not seen it.
    if (stopping_) current_watch_->Cancel();
  }
  WatchEnd end = WatchEnd::kResume;
  bool received = false;
  absl::Time opened = absl::Now();
  while (true) {
    absl::StatusOr<std::optional<WatchEvent>> next = (*stream)->Next();
    if (!next.ok()) {
      RecordError(next.status());
      end = IsApiGone(next.status()) ? WatchEnd::kRelist : WatchEnd::kRetry;
      break;
    }
    if (!next->has_value()) {  // the server's timeout, or Stop()
      // A server that ends every watch at once would otherwise be asked
      // again in a tight loop.
      if (!received && absl::Now() - opened < absl::Seconds(1)) end = WatchEnd::kRetry;
      break;
    }
    if (!received) {
      received = true;
      backoff_.Reset();
      RecordError(absl::OkStatus());
    }
    Apply(**next);
  }
  absl::MutexLock lock(&mu_);
  current_watch_ = nullptr;
  return end;
}

void Informer::Apply(const WatchEvent& event) {
  std::string resource_version = ResourceVersionOf(event.object);
  // Before the handlers run, so that what they see is what a resumed watch
  // would start after.
  if (!resource_version.empty()) {
    absl::MutexLock lock(&mu_);
    resource_version_ = resource_version;
  }
  switch (event.type) {
    case WatchEvent::Type::kBookmark:
      break;
    case WatchEvent::Type::kAdded:
    case WatchEvent::Type::kModified: {
      std::optional<Object> previous = cache_.Upsert(event.object);
      for (ResourceEventHandler* handler : handlers_) {
        if (!previous) {
          handler->OnAdd(event.object);
        } else if (ResourceVersionOf(*previous) != resource_version) {
          handler->OnUpdate(*previous, event.object);
        }
      }
      break;
    }
    case WatchEvent::Type::kDeleted:
      cache_.Remove(event.object);
      for (ResourceEventHandler* handler : handlers_) handler->OnDelete(event.object);
      break;
  }
}

}  // namespace sei::k8s
