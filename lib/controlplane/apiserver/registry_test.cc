#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "lib/controlplane/apiserver/api_error.h"
#include "lib/controlplane/apiserver/resource_registry.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;
using Strings = std::vector<std::string>;

TEST_CASE("built-ins are described as kube-apiserver serves them", "[registry]") {
  auto registry = NewRegistryWithBuiltins();
  struct Expect {
    const char* group;
    const char* resource;
    const char* kind;
    const char* singular;
    Strings short_names;
    bool namespaced;
    bool status;
  };
  const Expect expected[] = {
      {"", "pods", "Pod", "pod", {"po"}, true, true},
      {"", "services", "Service", "service", {"svc"}, true, true},
      {"", "persistentvolumeclaims", "PersistentVolumeClaim", "persistentvolumeclaim", {"pvc"}, true, true},
      {"", "persistentvolumes", "PersistentVolume", "persistentvolume", {"pv"}, false, true},
      {"", "configmaps", "ConfigMap", "configmap", {"cm"}, true, false},
      {"", "secrets", "Secret", "secret", {}, true, false},
      {"", "serviceaccounts", "ServiceAccount", "serviceaccount", {"sa"}, true, false},
      {"", "events", "Event", "event", {"ev"}, true, false},
      {"", "namespaces", "Namespace", "namespace", {"ns"}, false, true},
      {"apps", "statefulsets", "StatefulSet", "statefulset", {"sts"}, true, true},
      {"apps", "controllerrevisions", "ControllerRevision", "controllerrevision", {}, true, false},
      {"batch", "jobs", "Job", "job", {}, true, true},
      {"coordination.k8s.io", "leases", "Lease", "lease", {}, true, false},
      {"events.k8s.io", "events", "Event", "event", {"ev"}, true, false},
      {"apiextensions.k8s.io", "customresourcedefinitions", "CustomResourceDefinition",
       "customresourcedefinition", {"crd", "crds"}, false, true},
  };
  for (const Expect& e : expected) {
    INFO(e.resource);
    const ResourceType* type = registry->Find(e.group, "v1", e.resource);
    REQUIRE(type != nullptr);
    CHECK(type->kind == e.kind);
    CHECK(type->list_kind == std::string(e.kind) + "List");
    CHECK(type->singular == e.singular);
    CHECK(type->short_names == e.short_names);
    CHECK(type->namespaced == e.namespaced);
    CHECK(type->has_status_subresource == e.status);
    CHECK(registry->FindByKind(e.group, "v1", e.kind) == type);
  }
  CHECK(registry->Find("", "v1", "pods")->categories == Strings{"all"});
  CHECK(registry->Find("", "v1", "pods")->verbs ==
        Strings{"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"});
  CHECK(registry->Find("", "v1", "namespaces")->verbs ==
        Strings{"create", "delete", "get", "list", "patch", "update", "watch"});
  CHECK(registry->Find("apps", "v1", "statefulsets")->tracks_generation);
  CHECK_FALSE(registry->Find("", "v1", "pods")->tracks_generation);
  CHECK_FALSE(registry->Find("", "v1", "configmaps")->tracks_generation);
  CHECK(registry->All().size() == 15);
  CHECK(registry->All().front()->group.empty());
}

Json Crd(const std::string& scope = "Namespaced") {
  return Json::parse(R"({
    "apiVersion": "apiextensions.k8s.io/v1",
    "kind": "CustomResourceDefinition",
    "metadata": {"name": "widgets.example.io"},
    "spec": {
      "group": "example.io",
      "scope": ")" + scope + R"(",
      "names": {"plural": "widgets", "singular": "widget", "kind": "Widget",
                "shortNames": ["wd"], "categories": ["all"]},
      "versions": [
        {"name": "v1", "served": true, "storage": true,
         "subresources": {"status": {}},
         "selectableFields": [{"jsonPath": ".spec.color"}],
         "additionalPrinterColumns": [{"name": "Color", "type": "string", "jsonPath": ".spec.color"}],
         "schema": {"openAPIV3Schema": {"type": "object", "properties": {
            "spec": {"type": "object", "properties": {"color": {"type": "string"}}},
            "status": {"type": "object", "properties": {"ready": {"type": "boolean"}}}}}}},
        {"name": "v1beta1", "served": true, "storage": false,
         "schema": {"openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}}},
        {"name": "v1alpha1", "served": false, "storage": false,
         "schema": {"openAPIV3Schema": {"type": "object"}}}
      ]}})");
}

TEST_CASE("ServeCustomResource serves every served version", "[registry]") {
  auto registry = NewRegistryWithBuiltins();
  REQUIRE(registry->ServeCustomResource(Crd()).ok());
  const ResourceType* v1 = registry->Find("example.io", "v1", "widgets");
  REQUIRE(v1 != nullptr);
  CHECK(v1->kind == "Widget");
  CHECK(v1->list_kind == "WidgetList");
  CHECK(v1->singular == "widget");
  CHECK(v1->short_names == Strings{"wd"});
  CHECK(v1->categories == Strings{"all"});
  CHECK(v1->namespaced);
  CHECK(v1->has_status_subresource);
  CHECK(v1->tracks_generation);
  CHECK(v1->schema != nullptr);
  CHECK(v1->crd_name == "widgets.example.io");
  CHECK(v1->selectable_fields == Strings{"metadata.name", "metadata.namespace", "spec.color"});
  REQUIRE(v1->printer_columns.size() == 1);
  CHECK(v1->printer_columns[0].json_path == ".spec.color");
  const ResourceType* beta = registry->Find("example.io", "v1beta1", "widgets");
  REQUIRE(beta != nullptr);
  CHECK_FALSE(beta->has_status_subresource);
  CHECK(registry->Find("example.io", "v1alpha1", "widgets") == nullptr);
  CHECK(registry->FindByKind("example.io", "v1", "Widget") == v1);

  registry->StopServing("widgets.example.io");
  CHECK(registry->Find("example.io", "v1", "widgets") == nullptr);
  CHECK(v1->kind == "Widget");  // retired, not freed
}

TEST_CASE("cluster-scoped CRDs and invalid CRDs", "[registry]") {
  auto registry = NewRegistryWithBuiltins();
  REQUIRE(registry->ServeCustomResource(Crd("Cluster")).ok());
  CHECK_FALSE(registry->Find("example.io", "v1", "widgets")->namespaced);

  Json bad = Crd();
  bad["metadata"]["name"] = "gadgets.example.io";
  bad["spec"]["scope"] = "Everywhere";
  const absl::Status status = registry->ServeCustomResource(bad);
  CHECK(HttpCode(status) == 422);
  CHECK(std::string(status.message()).find(
            "metadata.name: Invalid value: \"gadgets.example.io\": must be "
            "spec.names.plural+\".\"+spec.group") != std::string::npos);
  CHECK(std::string(status.message()).find("spec.scope: Unsupported value: \"Everywhere\"") !=
        std::string::npos);

  Json two_storage = Crd();
  two_storage["spec"]["versions"][1]["storage"] = true;
  CHECK(std::string(registry->ServeCustomResource(two_storage).message())
            .find("must have exactly one version marked as storage version") != std::string::npos);

  Json no_schema = Crd();
  no_schema["spec"]["versions"][0].erase("schema");
  CHECK(std::string(registry->ServeCustomResource(no_schema).message())
            .find("spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required") !=
        std::string::npos);
}

}  // namespace
}  // namespace sei::controlplane
