#include "lib/k8s/observed_kube_client.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "lib/k8s/api_error.h"
#include "lib/k8s/fake_kube_client.h"
#include "lib/k8s/resource.h"

namespace sei::k8s {
namespace {

// A copy of one reported request: the views of ApiRequest die with the call.
struct Seen {
  std::string verb;
  std::string resource;  // QualifiedName()
  int code = -1;
};

// An ObservedKubeClient over a FakeKubeClient that records what it reports.
class Observed {
 public:
  Observed()
      : client_(&fake_, [this](const ApiRequest& request) {
          seen_.push_back(
              {std::string(request.verb), request.resource->QualifiedName(), request.code});
        }) {}

  FakeKubeClient& fake() { return fake_; }
  ObservedKubeClient& client() { return client_; }
  const std::vector<Seen>& seen() const { return seen_; }
  // The one request reported since the last take. When there were none or
  // several, the verb says how many and the code is -1, so checks fail.
  Seen TakeOne() {
    Seen one;
    if (seen_.size() == 1) {
      one = seen_[0];
    } else {
      one.verb = absl::StrCat(seen_.size(), " requests reported");
    }
    seen_.clear();
    return one;
  }

 private:
  FakeKubeClient fake_;
  std::vector<Seen> seen_;
  ObservedKubeClient client_;
};

Object ConfigMap(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "default"}}},
          {"data", {{"k", "v"}}}};
}

Object SeiNode(const std::string& name) {
  return {{"apiVersion", "sei.io/v1alpha1"},
          {"kind", "SeiNode"},
          {"metadata", {{"name", name}, {"namespace", "default"}}},
          {"spec", {{"chainId", "c"}}}};
}

TEST_CASE("a create is reported as create 201 and its result passed through") {
  Observed o;
  absl::StatusOr<Object> created =
      o.client().Create(resources::kConfigMap, "default", ConfigMap("a"));
  REQUIRE(created.ok());
  Seen seen = o.TakeOne();
  CHECK(seen.verb == "create");
  CHECK(seen.resource == "configmaps");
  CHECK(seen.code == 201);
  // The returned object is the stored one, server-set fields included.
  absl::StatusOr<Object> stored = o.fake().Get(resources::kConfigMap, "default", "a");
  REQUIRE(stored.ok());
  CHECK(*created == *stored);
  CHECK(o.fake().Calls(Verb::kCreate, resources::kConfigMap) == 1);

  absl::Status again = o.client().Create(resources::kConfigMap, "default", ConfigMap("a")).status();
  CHECK(IsApiAlreadyExists(again));
  seen = o.TakeOne();
  CHECK(seen.verb == "create");
  CHECK(seen.code == 409);
}

TEST_CASE("a get of a missing object is reported as get 404 with the error unchanged") {
  Observed o;
  absl::Status direct = o.fake().Get(resources::kPod, "default", "missing").status();
  absl::Status observed = o.client().Get(resources::kPod, "default", "missing").status();
  CHECK(IsApiNotFound(observed));
  CHECK(observed == direct);
  Seen seen = o.TakeOne();
  CHECK(seen.verb == "get");
  CHECK(seen.resource == "pods");
  CHECK(seen.code == 404);

  o.fake().Seed(resources::kConfigMap, ConfigMap("here"));
  absl::StatusOr<Object> got = o.client().Get(resources::kConfigMap, "default", "here");
  REQUIRE(got.ok());
  CHECK((*got)["data"]["k"] == "v");
  seen = o.TakeOne();
  CHECK(seen.verb == "get");
  CHECK(seen.code == 200);
}

TEST_CASE("a conflicting update is reported as update 409") {
  Observed o;
  Object stale = o.fake().Seed(resources::kConfigMap, ConfigMap("a"));
  Object changed = stale;
  changed["data"]["k"] = "v2";
  absl::StatusOr<Object> updated = o.client().Update(resources::kConfigMap, "default", changed);
  REQUIRE(updated.ok());
  CHECK((*updated)["data"]["k"] == "v2");
  Seen seen = o.TakeOne();
  CHECK(seen.verb == "update");
  CHECK(seen.code == 200);

  absl::Status conflict = o.client().Update(resources::kConfigMap, "default", stale).status();
  CHECK(IsApiConflict(conflict));
  seen = o.TakeOne();
  CHECK(seen.verb == "update");
  CHECK(seen.code == 409);
}

TEST_CASE("UpdateStatus is an update and every Patch a patch") {
  Observed o;
  Object node = o.fake().Seed(resources::kSeiNode, SeiNode("n"));
  node["status"] = {{"phase", "Pending"}};
  absl::StatusOr<Object> written = o.client().UpdateStatus(resources::kSeiNode, "default", node);
  REQUIRE(written.ok());
  CHECK((*written)["status"]["phase"] == "Pending");
  CHECK(o.fake().Calls(Verb::kUpdateStatus, resources::kSeiNode) == 1);
  Seen seen = o.TakeOne();
  CHECK(seen.verb == "update");
  CHECK(seen.resource == "seinodes.sei.io");
  CHECK(seen.code == 200);

  PatchOptions status;
  status.status = true;
  absl::StatusOr<Object> patched =
      o.client().Patch(resources::kSeiNode, "default", "n", PatchType::kMerge,
                       {{"status", {{"phase", "Running"}}}}, status);
  REQUIRE(patched.ok());
  CHECK((*patched)["status"]["phase"] == "Running");
  seen = o.TakeOne();
  CHECK(seen.verb == "patch");
  CHECK(seen.code == 200);

  absl::StatusOr<Object> labelled =
      o.client().Patch(resources::kSeiNode, "default", "n", PatchType::kMerge,
                       {{"metadata", {{"labels", {{"a", "b"}}}}}}, PatchOptions());
  REQUIRE(labelled.ok());
  CHECK((*labelled)["metadata"]["labels"]["a"] == "b");
  seen = o.TakeOne();
  CHECK(seen.verb == "patch");
  CHECK(seen.code == 200);

  CHECK(IsApiNotFound(o.client()
                          .Patch(resources::kSeiNode, "default", "missing", PatchType::kMerge,
                                 {{"spec", {{"chainId", "d"}}}}, PatchOptions())
                          .status()));
  seen = o.TakeOne();
  CHECK(seen.verb == "patch");
  CHECK(seen.code == 404);
}

TEST_CASE("list and delete are reported with their verbs") {
  Observed o;
  o.fake().Seed(resources::kConfigMap, ConfigMap("a"));
  o.fake().Seed(resources::kConfigMap, ConfigMap("b"));
  absl::StatusOr<ObjectList> listed =
      o.client().List(resources::kConfigMap, "default", ListOptions());
  REQUIRE(listed.ok());
  CHECK(listed->items.size() == 2);
  CHECK_FALSE(listed->resource_version.empty());
  Seen seen = o.TakeOne();
  CHECK(seen.verb == "list");
  CHECK(seen.code == 200);

  CHECK(o.client().Delete(resources::kConfigMap, "default", "a", DeleteOptions()).ok());
  seen = o.TakeOne();
  CHECK(seen.verb == "delete");
  CHECK(seen.code == 200);
  CHECK(IsApiNotFound(o.fake().Get(resources::kConfigMap, "default", "a").status()));

  CHECK(IsApiNotFound(o.client().Delete(resources::kConfigMap, "default", "a", DeleteOptions())));
  seen = o.TakeOne();
  CHECK(seen.verb == "delete");
  CHECK(seen.code == 404);
}

TEST_CASE("a watch is reported once, when opened, not per event") {
  Observed o;
  ListOptions from;
  from.resource_version =
      o.fake().List(resources::kConfigMap, "default", ListOptions())->resource_version;
  absl::StatusOr<std::unique_ptr<WatchStream>> watch =
      o.client().Watch(resources::kConfigMap, "default", from);
  REQUIRE(watch.ok());
  Seen seen = o.TakeOne();
  CHECK(seen.verb == "watch");
  CHECK(seen.code == 200);

  o.fake().Seed(resources::kConfigMap, ConfigMap("w"));
  absl::StatusOr<std::optional<WatchEvent>> event = (*watch)->Next();
  REQUIRE(event.ok());
  REQUIRE(event->has_value());
  CHECK((*event)->object["metadata"]["name"] == "w");
  (*watch)->Cancel();
  absl::StatusOr<std::optional<WatchEvent>> end = (*watch)->Next();
  REQUIRE(end.ok());
  CHECK_FALSE(end->has_value());
  CHECK(o.seen().empty());

  o.fake().FailNext(Verb::kWatch, resources::kConfigMap,
                    ApiError(ErrorReason::kForbidden, 403, "no watch for you"));
  CHECK(IsApiForbidden(o.client().Watch(resources::kConfigMap, "default", from).status()));
  seen = o.TakeOne();
  CHECK(seen.verb == "watch");
  CHECK(seen.code == 403);
}

TEST_CASE("errors without an HTTP answer are reported as code 0 and returned unchanged") {
  Observed o;
  const absl::Status transport = ApiError(ErrorReason::kTransport, 0, "connection refused");
  o.fake().FailNext(Verb::kGet, resources::kPod, transport);
  CHECK(o.client().Get(resources::kPod, "default", "p").status() == transport);
  Seen seen = o.TakeOne();
  CHECK(seen.verb == "get");
  CHECK(seen.code == 0);

  const absl::Status deadline = ApiError(ErrorReason::kTimeout, 0, "client deadline exceeded");
  o.fake().FailNext(Verb::kList, resources::kPod, deadline);
  CHECK(o.client().List(resources::kPod, "default", ListOptions()).status() == deadline);
  seen = o.TakeOne();
  CHECK(seen.verb == "list");
  CHECK(seen.code == 0);

  // A status that is no API error at all carries no code either.
  const absl::Status plain = absl::InternalError("not from the API");
  o.fake().FailNext(Verb::kDelete, resources::kPod, plain);
  CHECK(o.client().Delete(resources::kPod, "default", "p", DeleteOptions()) == plain);
  seen = o.TakeOne();
  CHECK(seen.verb == "delete");
  CHECK(seen.code == 0);

  const absl::Status server = ApiError(ErrorReason::kInternal, 503, "etcd is sad");
  o.fake().FailNext(Verb::kCreate, resources::kConfigMap, server);
  CHECK(o.client().Create(resources::kConfigMap, "default", ConfigMap("x")).status() == server);
  seen = o.TakeOne();
  CHECK(seen.verb == "create");
  CHECK(seen.code == 503);
  CHECK(IsApiNotFound(o.fake().Get(resources::kConfigMap, "default", "x").status()));
}

}  // namespace
}  // namespace sei::k8s
