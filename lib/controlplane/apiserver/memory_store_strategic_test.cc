// Strategic merge patches as kubectl sends them, and what the Service
// storage adds: cluster IP allocation, defaults and immutability.
#include <string>

#include "lib/controlplane/apiserver/metadata.h"
#include "lib/controlplane/apiserver/store_test_util.h"

namespace sei::controlplane {
namespace {

using testing::ErrorOf;
using testing::Must;
using testing::Rv;
using testing::StoreFixture;

Json TwoContainerStatefulSet() {
  return Json::parse(R"({
    "apiVersion": "apps/v1", "kind": "StatefulSet",
    "metadata": {"name": "web"},
    "spec": {
      "replicas": 1, "serviceName": "web",
      "selector": {"matchLabels": {"app": "web"}},
      "template": {
        "metadata": {"labels": {"app": "web"}},
        "spec": {"containers": [
          {"name": "a", "image": "busybox:1", "env": [{"name": "X", "value": "1"}]},
          {"name": "b", "image": "busybox:1"}]}}}})");
}

TEST_CASE("strategic merge patch merges containers by name", "[store][patch][strategic]") {
  StoreFixture f;
  const Json created = Must(f.store->Create(f.StatefulSets(), TwoContainerStatefulSet(), {}));

  // The body `kubectl apply` sends when one image changed.
  const Json patch = Json::parse(R"({"spec": {"template": {"spec": {
      "$setElementOrder/containers": [{"name": "a"}, {"name": "b"}],
      "containers": [{"image": "busybox:2", "name": "a"}]}}}})");
  const Json patched = Must(f.store->Patch(f.StatefulSets(), "web", PatchType::kStrategicMerge,
                                           patch, Subresource::kNone, {}));
  const Json& pod_spec = patched["spec"]["template"]["spec"];
  CHECK(pod_spec == Json::parse(R"({"containers": [
      {"name": "a", "image": "busybox:2", "env": [{"name": "X", "value": "1"}]},
      {"name": "b", "image": "busybox:1"}]})"));
  CHECK(patched["metadata"]["generation"] == 2);
  CHECK(Rv(patched) != Rv(created));
  CHECK(Must(f.store->Get(f.StatefulSets(), "web")) == patched);

  SECTION("a delete directive removes one container") {
    const Json removed =
        Must(f.store->Patch(f.StatefulSets(), "web", PatchType::kStrategicMerge,
                            Json::parse(R"({"spec":{"template":{"spec":{"containers":[
            {"name":"a","$patch":"delete"}]}}}})"),
                            Subresource::kNone, {}));
    CHECK(removed["spec"]["template"]["spec"]["containers"] ==
          Json::parse(R"([{"name":"b","image":"busybox:1"}])"));
  }
  SECTION("the same change as a merge patch replaces the list") {
    const Json replaced =
        Must(f.store->Patch(f.StatefulSets(), "web", PatchType::kMerge,
                            Json::parse(R"({"spec":{"template":{"spec":{"containers":[
            {"name":"a","image":"busybox:3"}]}}}})"),
                            Subresource::kNone, {}));
    CHECK(replaced["spec"]["template"]["spec"]["containers"].size() == 1);
  }
  SECTION("a malformed strategic patch is 400 naming the field, and changes nothing") {
    auto result = f.store->Patch(
        f.StatefulSets(), "web", PatchType::kStrategicMerge,
        Json::parse(R"({"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}})"),
        Subresource::kNone, {});
    CHECK(ErrorOf(result) == std::make_pair(400, std::string("BadRequest")));
    CHECK(result.status().message() ==
          "spec.template.spec.containers[0]: missing merge key \"name\"");
    CHECK(Rv(Must(f.store->Get(f.StatefulSets(), "web"))) == Rv(patched));
  }
  SECTION("finalizers merge as a set and a resourceVersion is still a precondition") {
    const Json with_finalizer = Must(f.store->Patch(
        f.StatefulSets(), "web", PatchType::kStrategicMerge,
        {{"metadata", {{"finalizers", {"example.com/a"}}, {"resourceVersion", Rv(patched)}}}},
        Subresource::kNone, {}));
    CHECK(with_finalizer["metadata"]["finalizers"] == Json({"example.com/a"}));
    auto stale =
        f.store->Patch(f.StatefulSets(), "web", PatchType::kStrategicMerge,
                       {{"metadata", {{"resourceVersion", Rv(patched)}}}}, Subresource::kNone, {});
    CHECK(ErrorOf(stale).first == 409);
    const Json without = Must(f.store->Patch(
        f.StatefulSets(), "web", PatchType::kStrategicMerge,
        Json::parse(R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["example.com/a"]}})"),
        Subresource::kNone, {}));
    CHECK(Finalizers(without).empty());
  }
}

ResourceKey Services(StoreFixture& f) { return f.Key("services"); }

Json ServiceBody(const std::string& name, const std::string& cluster_ip = "") {
  Json service = {{"metadata", {{"name", name}}},
                  {"spec", {{"selector", {{"app", name}}}, {"ports", {{{"port", 80}}}}}}};
  if (!cluster_ip.empty()) service["spec"]["clusterIP"] = cluster_ip;
  return service;
}

TEST_CASE("services get a cluster IP and kube's defaults", "[store][service]") {
  StoreFixture f;
  const Json first = Must(f.store->Create(Services(f), ServiceBody("one"), {}));
  CHECK(first["spec"] == Json::parse(R"({
      "selector": {"app": "one"},
      "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
      "type": "ClusterIP", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
      "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"],
      "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack"})"));
  const Json second = Must(f.store->Create(Services(f), ServiceBody("two"), {}));
  CHECK(second["spec"]["clusterIP"] == "10.96.0.11");

  SECTION("headless stays None") {
    const Json headless = Must(f.store->Create(Services(f), ServiceBody("h", "None"), {}));
    CHECK(headless["spec"]["clusterIP"] == "None");
    CHECK(headless["spec"]["clusterIPs"] == Json({"None"}));
    CHECK(headless["spec"]["ipFamilyPolicy"] == "SingleStack");
    // Updates keep it headless.
    const Json labelled =
        Must(f.store->Patch(Services(f), "h", PatchType::kStrategicMerge,
                            {{"metadata", {{"labels", {{"x", "y"}}}}}}, Subresource::kNone, {}));
    CHECK(labelled["spec"]["clusterIP"] == "None");
    CHECK(ErrorOf(f.store->Patch(Services(f), "h", PatchType::kMerge,
                                 {{"spec", {{"clusterIP", "10.96.0.50"}}}}, Subresource::kNone, {}))
              .first == 422);
  }
  SECTION("an explicit address is used when free and in range") {
    CHECK(Must(f.store->Create(Services(f), ServiceBody("fixed", "10.96.1.1"),
                               {}))["spec"]["clusterIPs"] == Json({"10.96.1.1"}));
    auto taken = f.store->Create(Services(f), ServiceBody("dup", "10.96.0.10"), {});
    CHECK(ErrorOf(taken) == std::make_pair(422, std::string("Invalid")));
    CHECK(taken.status().message() ==
          "Service \"dup\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: "
          "failed to allocate IP 10.96.0.10: provided IP is already allocated");
    auto outside = f.store->Create(Services(f), ServiceBody("out", "192.168.0.1"), {});
    CHECK(outside.status().message() ==
          "Service \"out\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.168.0.1\"}: "
          "failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid "
          "range. The range of valid IPs is 10.96.0.0/12");
    auto garbage = f.store->Create(Services(f), ServiceBody("bad", "10.96.0.300"), {});
    CHECK(ErrorOf(garbage).first == 422);
    CHECK(garbage.status().message() ==
          "Service \"bad\" is invalid: spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be "
          "a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
  }
  SECTION("the cluster IP is immutable; leaving it out keeps it") {
    auto changed =
        f.store->Patch(Services(f), "one", PatchType::kMerge,
                       {{"spec", {{"clusterIP", "10.96.0.99"}}}}, Subresource::kNone, {});
    CHECK(ErrorOf(changed) == std::make_pair(422, std::string("Invalid")));
    CHECK(changed.status().message() ==
          "Service \"one\" is invalid: spec.clusterIPs[0]: Invalid value: "
          "[]string{\"10.96.0.99\"}: may not change once set");
    Json replacement = ServiceBody("one");  // a PUT of the original manifest
    replacement["spec"]["ports"][0]["port"] = 8080;
    const Json replaced =
        Must(f.store->Update(Services(f), "one", replacement, Subresource::kNone, {}));
    CHECK(replaced["spec"]["clusterIP"] == "10.96.0.10");
    CHECK(replaced["spec"]["clusterIPs"] == Json({"10.96.0.10"}));
    CHECK(replaced["spec"]["ipFamilies"] == Json({"IPv4"}));
    CHECK(replaced["spec"]["ports"][0]["targetPort"] == 8080);
  }
  SECTION("a deleted service's address can be reused") {
    Must(f.store->Delete(Services(f), "one", {}));
    CHECK(Must(f.store->Create(Services(f), ServiceBody("three"), {}))["spec"]["clusterIP"] ==
          "10.96.0.10");
  }
  SECTION("ExternalName services get no cluster IP") {
    Json external = {{"metadata", {{"name", "ext"}}},
                     {"spec", {{"type", "ExternalName"}, {"externalName", "example.com"}}}};
    const Json created = Must(f.store->Create(Services(f), external, {}));
    CHECK_FALSE(created["spec"].contains("clusterIP"));
    CHECK_FALSE(created["spec"].contains("ipFamilies"));
  }
  SECTION("dry run allocates nothing") {
    WriteOptions dry_run;
    dry_run.dry_run = true;
    CHECK(Must(f.store->Create(Services(f), ServiceBody("dry"), dry_run))["spec"]["clusterIP"] ==
          "10.96.0.12");
    CHECK(Must(f.store->Create(Services(f), ServiceBody("real"), {}))["spec"]["clusterIP"] ==
          "10.96.0.12");
  }
}

}  // namespace
}  // namespace sei::controlplane
