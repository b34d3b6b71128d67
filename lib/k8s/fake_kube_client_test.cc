#include "lib/k8s/fake_kube_client.h"

#include <catch2/catch.hpp>

#include "lib/k8s/api_error.h"
#include "lib/k8s/resource.h"

namespace sei::k8s {
namespace {

Object ConfigMap(const std::string& name) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"namespace", "default"}}},
          {"data", {{"k", "v"}}}};
}

TEST_CASE("the fake gives kube-apiserver semantics through the KubeClient interface") {
  FakeKubeClient client;
  absl::StatusOr<Object> created = client.Create(resources::kConfigMap, "default", ConfigMap("a"));
  REQUIRE(created.ok());
  CHECK_FALSE((*created)["metadata"]["uid"].get<std::string>().empty());

  CHECK(
      IsApiAlreadyExists(client.Create(resources::kConfigMap, "default", ConfigMap("a")).status()));
  CHECK(IsApiNotFound(client.Get(resources::kConfigMap, "default", "missing").status()));

  Object stale = *created;
  Object changed = *created;
  changed["data"]["k"] = "v2";  // a no-op PUT would keep the resourceVersion
  REQUIRE(client.Update(resources::kConfigMap, "default", changed).ok());
  CHECK(IsApiConflict(client.Update(resources::kConfigMap, "default", stale).status()));
}

TEST_CASE("SeiNodes are served with a status subresource") {
  FakeKubeClient client;
  Object node = {{"apiVersion", "sei.io/v1alpha1"},
                 {"kind", "SeiNode"},
                 {"metadata", {{"name", "n"}, {"namespace", "default"}}},
                 {"spec", {{"chainId", "c"}}}};
  Object stored = client.Seed(resources::kSeiNode, node);
  CHECK(stored["metadata"]["generation"] == 1);
  PatchOptions status;
  status.status = true;
  absl::StatusOr<Object> patched =
      client.Patch(resources::kSeiNode, "default", "n", PatchType::kMerge,
                   {{"status", {{"phase", "Running"}}}}, status);
  REQUIRE(patched.ok());
  CHECK((*patched)["status"]["phase"] == "Running");
  CHECK((*patched)["metadata"]["generation"] == 1);  // /status never bumps generation
}

TEST_CASE("injected failures are returned once and every call is counted") {
  FakeKubeClient client;
  client.FailNext(Verb::kGet, resources::kPod, ApiError(ErrorReason::kInternal, 500, "boom"));
  CHECK(ReasonOf(client.Get(resources::kPod, "default", "p").status()) == ErrorReason::kInternal);
  CHECK(IsApiNotFound(client.Get(resources::kPod, "default", "p").status()));
  CHECK(client.Calls(Verb::kGet, resources::kPod) == 2);
  CHECK(client.Writes() == 0);
  client.Seed(resources::kConfigMap, ConfigMap("seeded"));
  CHECK(client.Writes() == 0);  // seeding is not a call
  REQUIRE(client.Delete(resources::kConfigMap, "default", "seeded", DeleteOptions()).ok());
  CHECK(client.Writes() == 1);
}

TEST_CASE("a watch delivers changes and ends on Cancel") {
  FakeKubeClient client;
  ObjectList before = *client.List(resources::kConfigMap, "default", ListOptions());
  ListOptions from;
  from.resource_version = before.resource_version;
  absl::StatusOr<std::unique_ptr<WatchStream>> watch =
      client.Watch(resources::kConfigMap, "default", from);
  REQUIRE(watch.ok());
  REQUIRE(client.Create(resources::kConfigMap, "default", ConfigMap("w")).ok());
  absl::StatusOr<std::optional<WatchEvent>> event = (*watch)->Next();
  REQUIRE(event.ok());
  REQUIRE(event->has_value());
  CHECK((*event)->type == WatchEvent::Type::kAdded);
  CHECK((*event)->object["metadata"]["name"] == "w");
  (*watch)->Cancel();
  absl::StatusOr<std::optional<WatchEvent>> end = (*watch)->Next();
  REQUIRE(end.ok());
  CHECK_FALSE(end->has_value());
}

}  // namespace
}  // namespace sei::k8s
