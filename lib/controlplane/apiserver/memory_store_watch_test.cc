// Watch semantics: initial state, resuming from a resourceVersion, the 410
// window, selectors, bookmarks and slow watchers.
#include <atomic>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "lib/controlplane/apiserver/store_test_util.h"

namespace sei::controlplane {
namespace {

using testing::ErrorOf;
using testing::EventLog;
using testing::Must;
using testing::Rv;
using testing::StoreFixture;
using testing::Summaries;
using Strings = std::vector<std::string>;

TEST_CASE("watch without resourceVersion starts with the current objects", "[store][watch]") {
  StoreFixture f;
  f.CreateConfigMap("b");
  f.CreateConfigMap("a");
  f.CreateConfigMap("other", {{"k", "v"}}, "kube-system");
  EventLog log;
  auto handle = Must(f.store->Watch(f.ConfigMaps(), {}, log.Callback()));
  f.CreateConfigMap("c");
  const auto events = log.WaitFor(3);
  CHECK(Summaries(events) == Strings{"ADDED a", "ADDED b", "ADDED c"});
  CHECK(events[0].object["kind"] == "ConfigMap");
  CHECK(events[0].object["apiVersion"] == "v1");

  // "0" means any state too.
  EventLog zero;
  WatchOptions options;
  options.resource_version = "0";
  auto handle2 = Must(f.store->Watch(f.ConfigMaps(""), options, zero.Callback()));
  CHECK(Summaries(zero.WaitFor(4)) == Strings{"ADDED a", "ADDED b", "ADDED c", "ADDED other"});
}

TEST_CASE("watch from a resourceVersion replays what came after it", "[store][watch]") {
  StoreFixture f;
  const Json a = f.CreateConfigMap("a");
  Json modified = a;
  modified["data"]["k"] = "v2";
  Must(f.store->Update(f.ConfigMaps(), "a", modified, Subresource::kNone, {}));
  f.CreateConfigMap("b");
  Must(f.store->Delete(f.ConfigMaps(), "a", {}));

  EventLog log;
  WatchOptions options;
  options.resource_version = Rv(a);
  auto handle = Must(f.store->Watch(f.ConfigMaps(), options, log.Callback()));
  f.CreateConfigMap("c");
  const auto events = log.WaitFor(4);
  CHECK(Summaries(events) == Strings{"MODIFIED a", "ADDED b", "DELETED a", "ADDED c"});
  CHECK(events[1].object["data"]["k"] == "v");
  // DELETED carries the last state at a new resourceVersion.
  CHECK(events[2].object["data"]["k"] == "v2");
  CHECK(std::stoull(Rv(events[2].object)) > std::stoull(Rv(events[1].object)));
  for (size_t i = 1; i < events.size(); ++i) {
    CHECK(std::stoull(Rv(events[i - 1].object)) < std::stoull(Rv(events[i].object)));
  }

  WatchOptions bad;
  bad.resource_version = "abc";
  CHECK(ErrorOf(f.store->Watch(f.ConfigMaps(), bad, log.Callback())).first == 400);
}

TEST_CASE("a resourceVersion older than the window gets 410 Expired", "[store][watch]") {
  StoreOptions options = StoreFixture::DefaultOptions();
  options.watch_window_events = 5;
  StoreFixture f(options);
  const Json first = f.CreateConfigMap("first");
  for (int i = 0; i < 10; ++i) f.CreateConfigMap(absl::StrCat("cm-", i));

  EventLog log;
  WatchOptions watch;
  watch.resource_version = Rv(first);
  auto handle = Must(f.store->Watch(f.ConfigMaps(), watch, log.Callback()));
  const auto events = log.WaitFor(1);
  REQUIRE(events.size() == 1);
  CHECK(events[0].type == WatchEventType::kError);
  CHECK(events[0].object["code"] == 410);
  CHECK(events[0].object["reason"] == "Expired");
  const uint64_t oldest = std::stoull(f.store->CurrentResourceVersion()) - 5;
  CHECK(events[0].object["message"] ==
        absl::StrCat("too old resource version: ", Rv(first), " (", oldest, ")"));
  CHECK(events[0].object["kind"] == "Status");

  // The oldest retained version still works.
  EventLog recent;
  watch.resource_version = std::to_string(oldest);
  auto handle2 = Must(f.store->Watch(f.ConfigMaps(), watch, recent.Callback()));
  CHECK(recent.WaitFor(5).size() == 5);
  CHECK(recent.Settle()[0].type == WatchEventType::kAdded);
}

TEST_CASE("selectors filter events; leaving the selection is DELETED", "[store][watch]") {
  StoreFixture f;
  EventLog log;
  WatchOptions options;
  options.label_selector = "app=web";
  options.resource_version = f.store->CurrentResourceVersion();
  auto handle = Must(f.store->Watch(f.Pods(), options, log.Callback()));

  f.CreatePod("db", {{"app", "db"}});
  f.CreatePod("web", {{"app", "web"}});
  Must(f.store->Patch(f.Pods(), "web", PatchType::kMerge,
                      {{"metadata", {{"annotations", {{"x", "y"}}}}}}, Subresource::kNone, {}));
  Must(f.store->Patch(f.Pods(), "web", PatchType::kMerge,
                      {{"metadata", {{"labels", {{"app", "other"}}}}}}, Subresource::kNone, {}));
  Must(f.store->Patch(f.Pods(), "db", PatchType::kMerge,
                      {{"metadata", {{"labels", {{"app", "web"}}}}}}, Subresource::kNone, {}));
  const auto events = log.WaitFor(4);
  CHECK(Summaries(events) == Strings{"ADDED web", "MODIFIED web", "DELETED web", "ADDED db"});
  // The DELETED object is the last matching state, at the change's version.
  CHECK(events[2].object["metadata"]["labels"]["app"] == "web");
  CHECK(Rv(events[2].object) == Rv(Must(f.store->Get(f.Pods(), "web"))));

  EventLog fields;
  WatchOptions by_name;
  by_name.field_selector = "metadata.name=web";
  auto handle2 = Must(f.store->Watch(f.Pods(), by_name, fields.Callback()));
  CHECK(Summaries(fields.WaitFor(1)) == Strings{"ADDED web"});

  WatchOptions bad;
  bad.field_selector = "spec.nope=1";
  CHECK(ErrorOf(f.store->Watch(f.Pods(), bad, fields.Callback())).first == 400);
}

TEST_CASE("namespaced watches see only their namespace", "[store][watch]") {
  StoreFixture f;
  EventLog log;
  WatchOptions options;
  options.resource_version = f.store->CurrentResourceVersion();
  auto handle = Must(f.store->Watch(f.ConfigMaps("kube-system"), options, log.Callback()));
  f.CreateConfigMap("mine", {{"k", "v"}}, "kube-system");
  f.CreateConfigMap("theirs");
  f.CreateConfigMap("mine-too", {{"k", "v"}}, "kube-system");
  CHECK(Summaries(log.WaitFor(2)) == Strings{"ADDED mine", "ADDED mine-too"});
  CHECK(Summaries(log.Settle()).size() == 2);
}

TEST_CASE("bookmarks are sent on tick to watchers that allow them", "[store][watch]") {
  StoreFixture f;
  EventLog with, without;
  WatchOptions options;
  options.resource_version = f.store->CurrentResourceVersion();
  options.allow_bookmarks = true;
  auto h1 = Must(f.store->Watch(f.StatefulSets(), options, with.Callback()));
  options.allow_bookmarks = false;
  auto h2 = Must(f.store->Watch(f.StatefulSets(), options, without.Callback()));

  f.store->Tick();  // interval not reached
  f.CreateConfigMap("c");
  f.clock.Advance(absl::Seconds(60));
  f.store->Tick();
  const auto events = with.WaitFor(1);
  REQUIRE(events.size() == 1);
  CHECK(events[0].type == WatchEventType::kBookmark);
  CHECK(events[0].object == Json({{"kind", "StatefulSet"},
                                  {"apiVersion", "apps/v1"},
                                  {"metadata", {{"resourceVersion", f.store->CurrentResourceVersion()}}}}));
  CHECK(without.Settle().empty());
}

TEST_CASE("a watcher that falls too far behind is cut off with 410", "[store][watch]") {
  StoreOptions options = StoreFixture::DefaultOptions();
  options.watch_queue_limit = 3;
  StoreFixture f(options);

  absl::Notification entered, release;
  std::atomic<int> delivered{0};
  EventLog log;
  auto record = log.Callback();
  WatchOptions watch;
  watch.resource_version = f.store->CurrentResourceVersion();
  auto slow = Must(f.store->Watch(f.ConfigMaps(), watch, [&](const WatchEvent& event) {
    if (delivered++ == 0) {  // stuck on the first event
      entered.Notify();
      release.WaitForNotification();
    }
    record(event);
  }));
  EventLog fast;
  auto quick = Must(f.store->Watch(f.ConfigMaps(), watch, fast.Callback()));

  f.CreateConfigMap("cm-0");
  REQUIRE(entered.WaitForNotificationWithTimeout(absl::Seconds(10)));
  // The writer never blocks on the stuck watcher; the other one keeps up.
  for (int i = 1; i < 10; ++i) {
    f.CreateConfigMap(absl::StrCat("cm-", i));
    REQUIRE(fast.WaitFor(i + 1).size() == static_cast<size_t>(i + 1));
  }
  release.Notify();
  const auto events = log.WaitFor(2);
  REQUIRE(events.size() == 2);
  CHECK(Summaries(events)[0] == "ADDED cm-0");
  CHECK(events[1].type == WatchEventType::kError);
  CHECK(events[1].object["code"] == 410);
  CHECK(events[1].object["reason"] == "Expired");
  f.CreateConfigMap("after");
  CHECK(log.Settle().size() == 2);  // nothing after the error
  CHECK(fast.WaitFor(11).size() == 11);
}

TEST_CASE("destroying the handle stops delivery, even from the callback", "[store][watch]") {
  StoreFixture f;
  EventLog log;
  auto handle = Must(f.store->Watch(f.ConfigMaps(), {}, log.Callback()));
  handle.reset();
  f.CreateConfigMap("c");
  CHECK(log.Settle().empty());

  std::unique_ptr<WatchHandle> self;
  std::atomic<int> calls{0};
  absl::Notification done;
  WatchOptions from_now;
  from_now.resource_version = f.store->CurrentResourceVersion();
  self = Must(f.store->Watch(f.ConfigMaps(), from_now, [&](const WatchEvent&) {
    if (calls++ == 0) {
      self.reset();
      done.Notify();
    }
  }));
  f.CreateConfigMap("d");
  REQUIRE(done.WaitForNotificationWithTimeout(absl::Seconds(10)));
  f.CreateConfigMap("e");
  absl::SleepFor(absl::Milliseconds(50));
  CHECK(calls == 1);
}

TEST_CASE("the background ticker runs Tick on its own", "[store][watch]") {
  StoreOptions options = StoreFixture::DefaultOptions();
  options.tick_interval = absl::Milliseconds(5);
  options.bookmark_interval = absl::ZeroDuration();
  StoreFixture f(options);
  EventLog log;
  WatchOptions watch;
  watch.allow_bookmarks = true;
  watch.resource_version = f.store->CurrentResourceVersion();
  auto handle = Must(f.store->Watch(f.Pods(), watch, log.Callback()));
  const auto events = log.WaitFor(1);
  REQUIRE_FALSE(events.empty());
  CHECK(events[0].type == WatchEventType::kBookmark);
}

}  // namespace
}  // namespace sei::controlplane
