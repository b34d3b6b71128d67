#include "lib/controlplane/apiserver/watch_hub.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "lib/controlplane/apiserver/api_error.h"

namespace sei::controlplane {

// One watch: a queue and the thread that drains it into the callback.
class Watcher : public std::enable_shared_from_this<Watcher> {
 public:
  Watcher(WatcherSpec spec, size_t queue_limit, std::function<void(const WatchEvent&)> on_event)
      : spec_(std::move(spec)), queue_limit_(queue_limit), on_event_(std::move(on_event)) {}

  ~Watcher() {
    // Stop() has always run (the handle and the hub call it); this only
    // guards against a thread left joinable by a future change.
    if (thread_.joinable()) thread_.detach();
  }

  const WatcherSpec& spec() const { return spec_; }

  // Queues the first events (not counted against the limit: a client asked
  // for them all at once) and starts delivery.
  void Start(std::vector<std::shared_ptr<const WatchEvent>> initial) {
    {
      absl::MutexLock lock(&mu_);
      for (auto& event : initial) {
        if (event->type == WatchEventType::kError) ended_ = true;
        queue_.push_back({std::move(event), false});
      }
    }
    // The thread keeps the watcher alive until it returns, so a handle
    // destroyed from inside the callback cannot free it under our feet.
    thread_ = std::thread([self = shared_from_this()] { self->Run(); });
  }

  // A live event. Never blocks: past the limit the watcher is cut off.
  void Deliver(std::shared_ptr<const WatchEvent> event) {
    absl::MutexLock lock(&mu_);
    if (stopping_ || ended_) return;
    if (live_pending_ >= queue_limit_) {
      queue_.clear();
      live_pending_ = 0;
      auto error = std::make_shared<WatchEvent>();
      error->type = WatchEventType::kError;
      error->object = StatusObject(ApiError(
          410, "Expired",
          absl::StrCat("watch closed: the client fell more than ", queue_limit_,
                       " events behind; list again and watch from the new resourceVersion")));
      queue_.push_back({std::move(error), false});
      ended_ = true;
      return;
    }
    queue_.push_back({std::move(event), true});
    ++live_pending_;
  }

  // Stops delivery; after it returns (from any thread but the delivery
  // thread) the callback is not running and will not run again.
  void Stop() {
    {
      absl::MutexLock lock(&mu_);
      stopping_ = true;
    }
    std::call_once(stop_once_, [this] {
      if (!thread_.joinable()) return;
      if (thread_.get_id() == std::this_thread::get_id()) {
        thread_.detach();  // called from the callback: the thread ends on return
      } else {
        thread_.join();
      }
    });
  }

  // No further events will be accepted (cut off, ended by an ERROR, stopped).
  bool finished() {
    absl::MutexLock lock(&mu_);
    return stopping_ || ended_;
  }

 private:
  struct Item {
    std::shared_ptr<const WatchEvent> event;
    bool live;
  };

  void Run() {
    while (true) {
      Item item;
      {
        absl::MutexLock lock(&mu_);
        mu_.Await(absl::Condition(
            +[](Watcher* w) ABSL_EXCLUSIVE_LOCKS_REQUIRED(w->mu_) {
              return w->stopping_ || !w->queue_.empty();
            },
            this));
        if (stopping_) return;
        item = std::move(queue_.front());
        queue_.pop_front();
        if (item.live) --live_pending_;
      }
      on_event_(*item.event);
      if (item.event->type == WatchEventType::kError) return;
    }
  }

  const WatcherSpec spec_;
  const size_t queue_limit_;
  const std::function<void(const WatchEvent&)> on_event_;
  absl::Mutex mu_;
  std::deque<Item> queue_ ABSL_GUARDED_BY(mu_);
  size_t live_pending_ ABSL_GUARDED_BY(mu_) = 0;
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool ended_ ABSL_GUARDED_BY(mu_) = false;
  std::thread thread_;
  std::once_flag stop_once_;
};

namespace {

class WatcherHandle : public WatchHandle {
 public:
  explicit WatcherHandle(std::shared_ptr<Watcher> watcher) : watcher_(std::move(watcher)) {}
  ~WatcherHandle() override { watcher_->Stop(); }

 private:
  std::shared_ptr<Watcher> watcher_;
};

// A change parsed at most once, however many watchers look at it.
class ParsedChange {
 public:
  explicit ParsedChange(const ChangeRecord& record) : record_(record) {}

  const ChangeRecord& record() const { return record_; }
  const Json& object() {
    if (!object_) object_ = Json::parse(record_.object, nullptr, false);
    return *object_;
  }
  const Json& previous() {
    if (!previous_) previous_ = Json::parse(record_.previous, nullptr, false);
    return *previous_;
  }

 private:
  const ChangeRecord& record_;
  std::optional<Json> object_;
  std::optional<Json> previous_;
};

bool Selected(const WatcherSpec& spec, const Json& object) {
  if (!spec.labels.MatchesEverything()) {
    const Json* labels = nullptr;
    auto meta = object.find("metadata");
    if (meta != object.end() && meta->is_object()) {
      auto it = meta->find("labels");
      if (it != meta->end()) labels = &*it;
    }
    if (!spec.labels.Matches(labels != nullptr ? *labels : Json(nullptr))) return false;
  }
  return spec.fields.MatchesEverything() || spec.fields.Matches(object);
}

enum class Source { kObject, kPrevious };

// What `spec` sees of a change, as the apiserver's watch cache decides it:
// an object that starts matching the selectors arrives as ADDED, one that
// stops matching leaves as DELETED (its previous state, at the new RV).
std::optional<std::pair<WatchEventType, Source>> ViewOf(const WatcherSpec& spec,
                                                        ParsedChange& change) {
  const ChangeRecord& record = change.record();
  if (record.collection != spec.collection) return std::nullopt;
  if (!spec.ns.empty() && record.ns != spec.ns) return std::nullopt;
  const bool trivial = spec.labels.MatchesEverything() && spec.fields.MatchesEverything();
  const bool now = trivial || Selected(spec, change.object());
  if (record.type != WatchEventType::kModified) {
    if (!now) return std::nullopt;
    return std::make_pair(record.type, Source::kObject);
  }
  const bool before = trivial || Selected(spec, change.previous());
  if (now && before) return std::make_pair(WatchEventType::kModified, Source::kObject);
  if (now) return std::make_pair(WatchEventType::kAdded, Source::kObject);
  if (before) return std::make_pair(WatchEventType::kDeleted, Source::kPrevious);
  return std::nullopt;
}

std::shared_ptr<const WatchEvent> MakeEvent(const WatcherSpec& spec, ParsedChange& change,
                                            WatchEventType type, Source source) {
  auto event = std::make_shared<WatchEvent>();
  event->type = type;
  event->object = source == Source::kObject ? change.object() : change.previous();
  event->object["apiVersion"] = spec.type->GroupVersion();
  event->object["kind"] = spec.type->kind;
  if (source == Source::kPrevious) {
    event->object["metadata"]["resourceVersion"] =
        std::to_string(change.record().resource_version);
  }
  return event;
}

}  // namespace

Json TooOldStatus(uint64_t requested, uint64_t oldest) {
  return StatusObject(ApiError(
      410, "Expired", absl::StrCat("too old resource version: ", requested, " (", oldest, ")")));
}

WatchHub::WatchHub(size_t window_size, size_t queue_limit)
    : window_size_(std::max<size_t>(window_size, 1)), queue_limit_(std::max<size_t>(queue_limit, 1)) {}

WatchHub::~WatchHub() {
  for (auto& watcher : watchers_) watcher->Stop();
}

void WatchHub::Publish(ChangeRecord record) {
  window_.push_back(std::move(record));
  while (window_.size() > window_size_) {
    window_start_ = window_.front().resource_version;
    window_.pop_front();
  }
  ParsedChange change(window_.back());
  // Watchers of the same version share one event object.
  std::vector<std::pair<std::string, std::shared_ptr<const WatchEvent>>> made;
  auto it = watchers_.begin();
  while (it != watchers_.end()) {
    Watcher& watcher = **it;
    if (watcher.finished()) {
      it = watchers_.erase(it);
      continue;
    }
    if (auto view = ViewOf(watcher.spec(), change)) {
      const std::string key = absl::StrCat(static_cast<int>(view->first), "/",
                                           static_cast<int>(view->second), "/",
                                           watcher.spec().type->GroupVersion());
      auto cached = std::find_if(made.begin(), made.end(),
                                 [&](const auto& entry) { return entry.first == key; });
      if (cached == made.end()) {
        made.emplace_back(key, MakeEvent(watcher.spec(), change, view->first, view->second));
        cached = made.end() - 1;
      }
      watcher.Deliver(cached->second);
    }
    ++it;
  }
}

std::unique_ptr<WatchHandle> WatchHub::Launch(WatcherSpec spec, std::vector<WatchEvent> initial,
                                              bool register_live,
                                              std::function<void(const WatchEvent&)> on_event) {
  auto watcher = std::make_shared<Watcher>(std::move(spec), queue_limit_, std::move(on_event));
  std::vector<std::shared_ptr<const WatchEvent>> events;
  events.reserve(initial.size());
  for (WatchEvent& event : initial) events.push_back(std::make_shared<WatchEvent>(std::move(event)));
  watcher->Start(std::move(events));
  if (register_live) watchers_.push_back(watcher);
  return std::make_unique<WatcherHandle>(std::move(watcher));
}

std::unique_ptr<WatchHandle> WatchHub::StartWithInitial(
    WatcherSpec spec, std::vector<WatchEvent> initial,
    std::function<void(const WatchEvent&)> on_event) {
  return Launch(std::move(spec), std::move(initial), true, std::move(on_event));
}

std::unique_ptr<WatchHandle> WatchHub::StartFrom(WatcherSpec spec, uint64_t resource_version,
                                                 std::function<void(const WatchEvent&)> on_event) {
  if (resource_version < window_start_) {
    std::vector<WatchEvent> error(1);
    error[0].type = WatchEventType::kError;
    error[0].object = TooOldStatus(resource_version, window_start_);
    return Launch(std::move(spec), std::move(error), false, std::move(on_event));
  }
  std::vector<WatchEvent> replay;
  for (const ChangeRecord& record : window_) {
    if (record.resource_version <= resource_version) continue;
    ParsedChange change(record);
    if (auto view = ViewOf(spec, change)) {
      replay.push_back(*MakeEvent(spec, change, view->first, view->second));
    }
  }
  return Launch(std::move(spec), std::move(replay), true, std::move(on_event));
}

void WatchHub::Bookmark(uint64_t resource_version) {
  std::vector<std::pair<std::string, std::shared_ptr<const WatchEvent>>> made;
  for (auto& watcher : watchers_) {
    const WatcherSpec& spec = watcher->spec();
    if (!spec.allow_bookmarks || watcher->finished()) continue;
    const std::string key = spec.type->GroupVersion() + "/" + spec.type->kind;
    auto cached = std::find_if(made.begin(), made.end(),
                               [&](const auto& entry) { return entry.first == key; });
    if (cached == made.end()) {
      auto event = std::make_shared<WatchEvent>();
      event->type = WatchEventType::kBookmark;
      event->object = {{"kind", spec.type->kind},
                       {"apiVersion", spec.type->GroupVersion()},
                       {"metadata", {{"resourceVersion", std::to_string(resource_version)}}}};
      made.emplace_back(key, std::move(event));
      cached = made.end() - 1;
    }
    watcher->Deliver(cached->second);
  }
}

size_t WatchHub::watcher_count() {
  size_t n = 0;
  for (auto& watcher : watchers_) {
    if (!watcher->finished()) ++n;
  }
  return n;
}

}  // namespace sei::controlplane
