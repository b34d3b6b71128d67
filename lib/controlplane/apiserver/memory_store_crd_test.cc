// CustomResourceDefinitions: serving, schema admission, generation rules of
// custom resources, and removal.
#include "lib/controlplane/apiserver/store_test_util.h"

namespace sei::controlplane {
namespace {

using testing::ErrorOf;
using testing::EventLog;
using testing::Must;
using testing::Rv;
using testing::StoreFixture;
using testing::Summaries;

Json WidgetCrd() {
  return Json::parse(R"({
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.example.io"},
    "spec": {
      "group": "example.io",
      "scope": "Namespaced",
      "names": {"plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]},
      "versions": [{
        "name": "v1", "served": true, "storage": true,
        "subresources": {"status": {}},
        "schema": {"openAPIV3Schema": {"type": "object", "properties": {
          "spec": {"type": "object", "required": ["size"], "properties": {
            "size": {"type": "integer", "minimum": 1, "maximum": 10},
            "color": {"type": "string", "enum": ["red", "blue"], "default": "red"}}},
          "status": {"type": "object", "properties": {"ready": {"type": "boolean"}}}}}}
      }, {
        "name": "v1beta1", "served": true, "storage": false,
        "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}
      }]}})");
}

struct CrdFixture : StoreFixture {
  CrdFixture() {
    crd = Must(store->Create(Key("customresourcedefinitions", "", "apiextensions.k8s.io"),
                             WidgetCrd(), {}));
  }
  ResourceKey Widgets(const std::string& version = "v1") {
    ResourceKey key;
    key.type = registry->Find("example.io", version, "widgets");
    key.ns = "default";
    return key;
  }
  Json crd;
};

Json Widget(const std::string& name, Json spec) {
  return {{"apiVersion", "example.io/v1"},
          {"kind", "Widget"},
          {"metadata", {{"name", name}}},
          {"spec", std::move(spec)}};
}

TEST_CASE("creating a CRD establishes it and serves its resources", "[store][crd]") {
  CrdFixture f;
  const Json& status = f.crd["status"];
  CHECK(status["acceptedNames"]["kind"] == "Widget");
  CHECK(status["acceptedNames"]["plural"] == "widgets");
  CHECK(status["storedVersions"] == Json({"v1"}));
  REQUIRE(status["conditions"].size() == 2);
  CHECK(status["conditions"][0]["type"] == "NamesAccepted");
  CHECK(status["conditions"][0]["status"] == "True");
  CHECK(status["conditions"][1]["type"] == "Established");
  CHECK(status["conditions"][1]["status"] == "True");
  CHECK(f.crd["metadata"]["generation"] == 1);
  REQUIRE(f.Widgets().type != nullptr);

  const Json widget = Must(f.store->Create(f.Widgets(), Widget("w", {{"size", 3}}), {}));
  CHECK(widget["spec"]["color"] == "red");  // defaulted
  CHECK(widget["metadata"]["generation"] == 1);
  CHECK(widget["apiVersion"] == "example.io/v1");
  // Another served version sees the same object.
  CHECK(Must(f.store->Get(f.Widgets("v1beta1"), "w"))["apiVersion"] == "example.io/v1beta1");
  const Json list = Must(f.store->List(f.Widgets(), {}));
  CHECK(list["kind"] == "WidgetList");
  CHECK(list["items"][0]["kind"] == "Widget");  // unstructured lists keep it
}

TEST_CASE("the schema is enforced with field paths", "[store][crd]") {
  CrdFixture f;
  auto too_big = f.store->Create(f.Widgets(), Widget("w", {{"size", 11}, {"color", "green"}}), {});
  CHECK(ErrorOf(too_big) == std::make_pair(422, std::string("Invalid")));
  const std::string message(too_big.status().message());
  CHECK(message.rfind("Widget.example.io \"w\" is invalid: [", 0) == 0);
  CHECK(message.find("spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10") !=
        std::string::npos);
  CHECK(message.find("spec.color: Unsupported value: \"green\"") != std::string::npos);
  const Json status = StatusObject(too_big.status());
  CHECK(status["details"]["group"] == "example.io");
  CHECK(status["details"]["kind"] == "Widget");
  CHECK(status["details"]["causes"].size() == 2);

  auto missing = f.store->Create(f.Widgets(), Widget("w", Json::object()), {});
  CHECK(ErrorOf(missing).first == 422);
  CHECK(std::string(missing.status().message()).find("spec.size: Required value") !=
        std::string::npos);

  // Unknown fields are pruned.
  const Json pruned = Must(f.store->Create(f.Widgets(), Widget("w", {{"size", 1}, {"extra", 1}}), {}));
  CHECK_FALSE(pruned["spec"].contains("extra"));

  // Updates are validated too.
  Json invalid = pruned;
  invalid["spec"]["size"] = 0;
  CHECK(ErrorOf(f.store->Update(f.Widgets(), "w", invalid, Subresource::kNone, {})).first == 422);
  CHECK(ErrorOf(f.store->Patch(f.Widgets(), "w", PatchType::kMerge,
                               {{"status", {{"ready", "yes"}}}}, Subresource::kStatus, {}))
            .first == 422);
}

TEST_CASE("custom resources: generation, status subresource, unconditional update", "[store][crd]") {
  CrdFixture f;
  Json w = Must(f.store->Create(f.Widgets(), Widget("w", {{"size", 3}}), {}));
  Json labelled = Must(f.store->Patch(f.Widgets(), "w", PatchType::kMerge,
                                      {{"metadata", {{"labels", {{"a", "b"}}}}}},
                                      Subresource::kNone, {}));
  CHECK(labelled["metadata"]["generation"] == 1);
  Json resized = Must(f.store->Patch(f.Widgets(), "w", PatchType::kMerge,
                                     {{"spec", {{"size", 4}}}, {"status", {{"ready", true}}}},
                                     Subresource::kNone, {}));
  CHECK(resized["metadata"]["generation"] == 2);
  CHECK_FALSE(resized.contains("status"));  // main resource never writes status
  Json ready = Must(f.store->Patch(f.Widgets(), "w", PatchType::kMerge,
                                   {{"status", {{"ready", true}}}}, Subresource::kStatus, {}));
  CHECK(ready["status"]["ready"] == true);
  CHECK(ready["metadata"]["generation"] == 2);

  // Custom resources require a resourceVersion on PUT.
  Json blind = ready;
  blind["metadata"].erase("resourceVersion");
  blind["spec"]["size"] = 5;
  auto result = f.store->Update(f.Widgets(), "w", blind, Subresource::kNone, {});
  CHECK(ErrorOf(result).first == 422);
  CHECK(std::string(result.status().message()).find("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update") !=
        std::string::npos);
}

TEST_CASE("deleting the CRD removes its objects and stops serving", "[store][crd]") {
  CrdFixture f;
  Must(f.store->Create(f.Widgets(), Widget("w1", {{"size", 1}}), {}));
  Must(f.store->Create(f.Widgets(), Widget("w2", {{"size", 2}}), {}));
  const ResourceKey widgets = f.Widgets();
  EventLog log;
  WatchOptions options;
  options.resource_version = f.store->CurrentResourceVersion();
  auto handle = Must(f.store->Watch(widgets, options, log.Callback()));

  Must(f.store->Delete(f.Key("customresourcedefinitions", "", "apiextensions.k8s.io"),
                       "widgets.example.io", {}));
  CHECK(f.registry->Find("example.io", "v1", "widgets") == nullptr);
  CHECK(Summaries(log.WaitFor(2)) == std::vector<std::string>{"DELETED w1", "DELETED w2"});
  // A request still holding the old type gets 404.
  CHECK(ErrorOf(f.store->Get(widgets, "w1")).first == 404);
  CHECK(ErrorOf(f.store->List(widgets, {})).first == 404);

  // Re-creating the CRD starts empty.
  Must(f.store->Create(f.Key("customresourcedefinitions", "", "apiextensions.k8s.io"), WidgetCrd(), {}));
  CHECK(Must(f.store->List(f.Widgets(), {}))["items"].empty());
}

TEST_CASE("an invalid CRD is rejected and not served", "[store][crd]") {
  StoreFixture f;
  Json crd = WidgetCrd();
  crd["metadata"]["name"] = "wrong.example.io";
  auto result = f.store->Create(f.Key("customresourcedefinitions", "", "apiextensions.k8s.io"), crd, {});
  CHECK(ErrorOf(result).first == 422);
  CHECK(f.registry->Find("example.io", "v1", "widgets") == nullptr);
}

}  // namespace
}  // namespace sei::controlplane
