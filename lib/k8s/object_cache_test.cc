#include "lib/k8s/object_cache.h"

#include <catch2/catch.hpp>

namespace sei::k8s {
namespace {

Object Pod(const std::string& ns, const std::string& name, const std::string& rv,
           Object labels = Object::object()) {
  return {{"metadata",
           {{"namespace", ns}, {"name", name}, {"resourceVersion", rv}, {"labels", labels}}}};
}

TEST_CASE("object cache: upsert, get, remove", "[cache]") {
  ObjectCache cache;
  CHECK_FALSE(cache.Upsert(Pod("a", "p", "1")).has_value());
  auto previous = cache.Upsert(Pod("a", "p", "2"));
  REQUIRE(previous.has_value());
  CHECK(ResourceVersionOf(*previous) == "1");
  CHECK(ResourceVersionOf(*cache.Get("a", "p")) == "2");
  CHECK_FALSE(cache.Get("b", "p").has_value());
  CHECK(cache.Remove(Pod("a", "p", "3")).has_value());
  CHECK_FALSE(cache.Remove(Pod("a", "p", "3")).has_value());
  CHECK(cache.Size() == 0);
}

TEST_CASE("object cache: list by namespace and label selector", "[cache]") {
  ObjectCache cache;
  cache.Upsert(Pod("a", "web-0", "1", {{"app", "web"}}));
  cache.Upsert(Pod("b", "web-1", "2", {{"app", "web"}, {"canary", "true"}}));
  cache.Upsert(Pod("a", "db-0", "3", {{"app", "db"}}));
  cache.Upsert({{"metadata", {{"namespace", "a"}, {"name", "bare"}}}});  // no labels at all
  CHECK(cache.List()->size() == 4);
  CHECK(cache.List("a")->size() == 3);
  auto web = cache.List("", "app=web,!canary");
  REQUIRE(web.ok());
  REQUIRE(web->size() == 1);
  CHECK((*web)[0]["metadata"]["name"] == "web-0");
  CHECK(cache.List("", "app in (web,db)")->size() == 3);
  CHECK(absl::IsInvalidArgument(cache.List("", "app in (").status()));
}

TEST_CASE("object cache: replace reports what changed", "[cache]") {
  ObjectCache cache;
  cache.Upsert(Pod("a", "kept", "1"));
  cache.Upsert(Pod("a", "changed", "1"));
  cache.Upsert(Pod("a", "gone", "1"));
  auto deltas =
      cache.Replace({Pod("a", "kept", "1"), Pod("a", "changed", "7"), Pod("a", "new", "8")});
  REQUIRE(deltas.size() == 3);
  int added = 0, updated = 0, deleted = 0;
  for (const CacheDelta& delta : deltas) {
    switch (delta.kind) {
      case CacheDelta::Kind::kAdded:
        ++added;
        CHECK(delta.object["metadata"]["name"] == "new");
        break;
      case CacheDelta::Kind::kUpdated:
        ++updated;
        CHECK(ResourceVersionOf(delta.old_object) == "1");
        CHECK(ResourceVersionOf(delta.object) == "7");
        break;
      case CacheDelta::Kind::kDeleted:
        ++deleted;
        CHECK(delta.old_object["metadata"]["name"] == "gone");
        break;
    }
  }
  CHECK(added == 1);
  CHECK(updated == 1);
  CHECK(deleted == 1);
  CHECK(cache.Size() == 3);
  CHECK_FALSE(cache.Get("a", "gone").has_value());
}

}  // namespace
}  // namespace sei::k8s
