#include "lib/controlplane/core/strategic_merge_patch.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "absl/status/status.h"
#include "lib/controlplane/core/patch_strategies.h"

namespace sei::controlplane {
namespace {

using nlohmann::json;

struct Case {
  const char* name;
  const char* group;
  const char* kind;
  const char* original;
  const char* patch;
  const char* result;
};

// Expected results are kube-apiserver's (k8s.io/apimachinery strategicpatch
// with the k8s.io/api struct tags), element order included.
const Case kCases[] = {
    {"kubectl apply changing one image keeps the other container", "apps", "StatefulSet",
     R"({"spec":{"template":{"spec":{"containers":[
          {"name":"a","image":"busybox:1","ports":[{"containerPort":80}]},
          {"name":"b","image":"busybox:1"}]}}}})",
     R"({"spec":{"template":{"spec":{
          "$setElementOrder/containers":[{"name":"a"},{"name":"b"}],
          "containers":[{"image":"busybox:2","name":"a"}]}}}})",
     R"({"spec":{"template":{"spec":{"containers":[
          {"name":"a","image":"busybox:2","ports":[{"containerPort":80}]},
          {"name":"b","image":"busybox:1"}]}}}})"},
    {"a new container without $setElementOrder goes first (kubectl patch docs)", "", "Pod",
     R"({"spec":{"containers":[{"name":"a","image":"nginx"}]}})",
     R"({"spec":{"containers":[{"name":"c","image":"redis"}]}})",
     R"({"spec":{"containers":[{"name":"c","image":"redis"},{"name":"a","image":"nginx"}]}})"},
    {"a null inside a merged element deletes that field", "", "Pod",
     R"({"spec":{"containers":[{"name":"a","image":"x","command":["sh"]}]}})",
     R"({"spec":{"containers":[{"name":"a","command":null}]}})",
     R"({"spec":{"containers":[{"name":"a","image":"x"}]}})"},
    {"$patch: delete removes the element with that key", "", "Pod",
     R"({"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}})",
     R"({"spec":{"containers":[{"name":"b","$patch":"delete"}]}})",
     R"({"spec":{"containers":[{"name":"a"},{"name":"c"}]}})"},
    {"$patch: replace in a list replaces it with the other elements", "", "Pod",
     R"({"spec":{"containers":[{"name":"a","image":"x"},{"name":"b"}]}})",
     R"({"spec":{"containers":[{"name":"c","image":"y"},{"$patch":"replace"}]}})",
     R"({"spec":{"containers":[{"name":"c","image":"y"}]}})"},
    {"$patch: replace in a map replaces the map", "", "Pod",
     R"({"metadata":{"labels":{"x":"1","y":"2"}}})",
     R"({"metadata":{"labels":{"$patch":"replace","z":"3"}}})",
     R"({"metadata":{"labels":{"z":"3"}}})"},
    {"$patch: delete on a map removes it", "", "Pod",
     R"({"spec":{"securityContext":{"runAsUser":1},"hostname":"h"}})",
     R"({"spec":{"securityContext":{"$patch":"delete"}}})", R"({"spec":{"hostname":"h"}})"},
    {"$patch: merge is the explicit default", "", "Pod", R"({"metadata":{"labels":{"x":"1"}}})",
     R"({"metadata":{"labels":{"$patch":"merge","y":"2"}}})",
     R"({"metadata":{"labels":{"x":"1","y":"2"}}})"},
    {"$setElementOrder reorders", "", "Pod",
     R"({"spec":{"containers":[{"name":"a"},{"name":"b"},{"name":"c"}]}})",
     R"({"spec":{"$setElementOrder/containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}})",
     R"({"spec":{"containers":[{"name":"c"},{"name":"a"},{"name":"b"}]}})"},
    {"$setElementOrder keeps unnamed elements where they stood relative to named ones", "", "Pod",
     R"({"spec":{"containers":[{"name":"a"},{"name":"x"},{"name":"b"}]}})",
     R"({"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
                 "containers":[{"name":"b","image":"2"}]}})",
     // x stood before b, so it stays before it; a follows b as ordered.
     R"({"spec":{"containers":[{"name":"x"},{"name":"b","image":"2"},{"name":"a"}]}})"},
    {"$setElementOrder of a set of scalars", "", "ConfigMap",
     R"({"metadata":{"finalizers":["a","b","c"]}})",
     R"({"metadata":{"$setElementOrder/finalizers":["b","c","a"]}})",
     R"({"metadata":{"finalizers":["b","c","a"]}})"},
    {"$retainKeys drops the union members not listed", "", "Pod",
     R"({"spec":{"volumes":[{"name":"v","configMap":{"name":"c"}}]}})",
     R"({"spec":{"volumes":[{"name":"v","$retainKeys":["name","secret"],
                             "secret":{"secretName":"s"}}]}})",
     R"({"spec":{"volumes":[{"name":"v","secret":{"secretName":"s"}}]}})"},
    {"finalizers merge as a set, new values first", "", "ConfigMap",
     R"({"metadata":{"finalizers":["a","b"]}})", R"({"metadata":{"finalizers":["c","a"]}})",
     R"({"metadata":{"finalizers":["c","a","b"]}})"},
    {"finalizers already present are not duplicated", "", "ConfigMap",
     R"({"metadata":{"finalizers":["a","b"]}})", R"({"metadata":{"finalizers":["b","c"]}})",
     R"({"metadata":{"finalizers":["a","b","c"]}})"},
    {"$deleteFromPrimitiveList removes values", "", "ConfigMap",
     R"({"metadata":{"finalizers":["a","b","c"]}})",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["b","zzz"]}})",
     R"({"metadata":{"finalizers":["a","c"]}})"},
    {"$deleteFromPrimitiveList of an absent list is a no-op", "", "ConfigMap",
     R"({"metadata":{"name":"x"}})",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["b"]}})",
     R"({"metadata":{"name":"x"}})"},
    {"env merges by name inside a merged container", "apps", "StatefulSet",
     R"({"spec":{"template":{"spec":{"containers":[{"name":"a",
          "env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}]}]}}}})",
     R"({"spec":{"template":{"spec":{"containers":[{"name":"a",
          "env":[{"name":"Y","value":"3"}]}]}}}})",
     R"({"spec":{"template":{"spec":{"containers":[{"name":"a",
          "env":[{"name":"X","value":"1"},{"name":"Y","value":"3"}]}]}}}})"},
    {"container ports merge by containerPort", "batch", "Job",
     R"({"spec":{"template":{"spec":{"containers":[{"name":"a",
          "ports":[{"containerPort":80,"name":"http"},{"containerPort":9090}]}]}}}})",
     R"({"spec":{"template":{"spec":{"containers":[{"name":"a",
          "ports":[{"containerPort":80,"name":"web"}]}]}}}})",
     R"({"spec":{"template":{"spec":{"containers":[{"name":"a",
          "ports":[{"containerPort":80,"name":"web"},{"containerPort":9090}]}]}}}})"},
    {"Service ports merge by port", "", "Service",
     R"({"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}})",
     R"({"spec":{"ports":[{"port":80,"targetPort":9090}]}})",
     R"({"spec":{"ports":[{"port":80,"targetPort":9090},{"port":443}]}})"},
    {"ownerReferences merge by uid", "", "Pod",
     R"({"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]}})",
     R"({"metadata":{"ownerReferences":[{"uid":"2","name":"b"}]}})",
     R"({"metadata":{"ownerReferences":[{"uid":"2","name":"b"},{"uid":"1","name":"a"}]}})"},
    {"status conditions merge by type", "apps", "StatefulSet",
     R"({"status":{"conditions":[{"type":"A","status":"True"},{"type":"B","status":"True"}]}})",
     R"({"status":{"conditions":[{"type":"B","status":"False"}]}})",
     R"({"status":{"conditions":[{"type":"A","status":"True"},{"type":"B","status":"False"}]}})"},
    {"an empty patch list leaves a merging list alone", "", "Pod",
     R"({"spec":{"containers":[{"name":"a"}]}})", R"({"spec":{"containers":[]}})",
     R"({"spec":{"containers":[{"name":"a"}]}})"},
    {"lists without a merge strategy are replaced", "", "Pod",
     R"({"spec":{"tolerations":[{"key":"a"}],"containers":[{"name":"a","args":["x","y"]}]}})",
     R"({"spec":{"tolerations":[{"key":"b"}],"containers":[{"name":"a","args":["z"]}]}})",
     R"({"spec":{"tolerations":[{"key":"b"}],"containers":[{"name":"a","args":["z"]}]}})"},
    {"volumeClaimTemplates are replaced", "apps", "StatefulSet",
     R"({"spec":{"volumeClaimTemplates":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}})",
     R"({"spec":{"volumeClaimTemplates":[{"metadata":{"name":"b"}}]}})",
     R"({"spec":{"volumeClaimTemplates":[{"metadata":{"name":"b"}}]}})"},
    {"an unknown kind replaces lists but still strips directives", "example.com", "Widget",
     R"({"spec":{"containers":[{"name":"a"},{"name":"b"}]}})",
     R"({"spec":{"$setElementOrder/containers":[{"name":"a"}],
                 "containers":[{"name":"a","image":"2"}]}})",
     R"({"spec":{"containers":[{"name":"a","image":"2"}]}})"},
    {"directives inside a new value are applied, never stored", "", "Pod",
     R"({"metadata":{"name":"p"}})",
     R"({"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
                 "containers":[{"name":"b"},{"name":"a","env":[{"name":"X","value":null}]}]}})",
     R"({"metadata":{"name":"p"},
         "spec":{"containers":[{"name":"b"},{"name":"a","env":[{"name":"X"}]}]}})"},
    {"maps merge recursively and nulls delete, as in a merge patch", "", "ConfigMap",
     R"({"data":{"a":"1","b":"2"},"metadata":{"labels":{"x":"1"}}})",
     R"({"data":{"a":null,"c":"3"},"metadata":{"labels":{"y":"2"}},"nope":null})",
     R"({"data":{"b":"2","c":"3"},"metadata":{"labels":{"x":"1","y":"2"}}})"},
};

TEST_CASE("Strategic merge patch applies kube-apiserver's semantics", "[strategic_merge_patch]") {
  for (const Case& c : kCases) {
    INFO(c.name);
    const json original = json::parse(c.original);
    absl::StatusOr<json> result = ApplyStrategicMergePatch(original, json::parse(c.patch),
                                                           BuiltinPatchStrategy(c.group, c.kind));
    INFO(result.status().ToString());
    REQUIRE(result.ok());
    CHECK(*result == json::parse(c.result));
    CHECK(original == json::parse(c.original));  // inputs are left alone
  }
}

struct ErrorCase {
  const char* name;
  const char* patch;
  const char* message;  // the whole InvalidArgument message
};

const ErrorCase kErrorCases[] = {
    {"unknown directive", R"({"spec":{"$frobnicate":1}})",
     R"(spec: unknown patch directive "$frobnicate")"},
    {"unknown $patch value", R"({"spec":{"$patch":"frob"}})",
     R"(spec: unknown $patch value "frob" (want replace, merge or delete))"},
    {"unknown $patch value in a list", R"({"spec":{"containers":[{"$patch":"frob"}]}})",
     R"(spec.containers[0]: unknown $patch value "frob" (want replace, merge or delete))"},
    {"merge-list element without its key",
     R"({"spec":{"containers":[{"name":"a"},{"image":"x"}]}})",
     R"(spec.containers[1]: missing merge key "name")"},
    {"delete without the key", R"({"spec":{"containers":[{"$patch":"delete"}]}})",
     R"(spec.containers[0]: missing merge key "name")"},
    {"delete in a list without a merge key",
     R"({"spec":{"tolerations":[{"key":"a","$patch":"delete"}]}})",
     R"(spec.tolerations[0]: $patch: delete needs a list with a merge key)"},
    {"non-object element of a keyed list", R"({"spec":{"containers":["a"]}})",
     R"(spec.containers[0]: must be an object (the list merges by key))"},
    {"object in a set of scalars", R"({"metadata":{"finalizers":[{"a":1}]}})",
     R"(metadata.finalizers[0]: must be a scalar (the list is a set))"},
    {"$retainKeys not listing a patched field",
     R"({"spec":{"volumes":[{"name":"v","$retainKeys":["name"],"secret":{}}]}})",
     R"(spec.volumes[0].$retainKeys: does not list "secret", which the patch sets)"},
    {"$retainKeys not a list", R"({"spec":{"$retainKeys":"name"}})",
     R"(spec.$retainKeys: must be a list of field names)"},
    {"$setElementOrder out of the patch's order",
     R"({"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],
                 "containers":[{"name":"a"},{"name":"b"}]}})",
     R"(spec.$setElementOrder/containers: does not list {"name":"b"} where the patch has it)"},
    {"$setElementOrder element without the key",
     R"({"spec":{"$setElementOrder/containers":[{"image":"b"}]}})",
     R"(spec.$setElementOrder/containers: every element needs the merge key "name")"},
    {"$deleteFromPrimitiveList not a list",
     R"({"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}})",
     R"(metadata.$deleteFromPrimitiveList/finalizers: must be a list)"},
};

TEST_CASE("Strategic merge patch errors name the path", "[strategic_merge_patch]") {
  const json original = json::parse(
      R"({"metadata":{"finalizers":["a"]},
          "spec":{"containers":[{"name":"a"},{"name":"b"}],"tolerations":[{"key":"a"}]}})");
  const PatchStrategy strategy = BuiltinPatchStrategy("", "Pod");
  for (const ErrorCase& c : kErrorCases) {
    INFO(c.name);
    absl::StatusOr<json> result =
        ApplyStrategicMergePatch(original, json::parse(c.patch), strategy);
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == absl::StatusCode::kInvalidArgument);
    CHECK(result.status().message() == c.message);
  }
  CHECK(ApplyStrategicMergePatch(original, json::array(), strategy).status().message() ==
        "a strategic merge patch must be a JSON object, not array");
}

TEST_CASE("Stored lists a merge cannot read are errors, not crashes", "[strategic_merge_patch]") {
  const PatchStrategy strategy = BuiltinPatchStrategy("", "Pod");
  auto result =
      ApplyStrategicMergePatch(json::parse(R"({"spec":{"containers":["junk"]}})"),
                               json::parse(R"({"spec":{"containers":[{"name":"a"}]}})"), strategy);
  CHECK(result.status().message() ==
        R"(spec.containers: the stored list has a non-object element, cannot merge by "name")");
  // A stored value of another type is simply replaced, as in a merge patch.
  CHECK(*ApplyStrategicMergePatch(json::parse(R"({"spec":{"containers":{"a":1}}})"),
                                  json::parse(R"({"spec":{"containers":[{"name":"a"}]}})"),
                                  strategy) ==
        json::parse(R"({"spec":{"containers":[{"name":"a"}]}})"));
}

TEST_CASE("PatchStrategy looks lists up by path", "[strategic_merge_patch]") {
  PatchStrategy strategy;
  strategy.MergeByKey("spec.items", "id").MergeAsSet("spec.tags");
  REQUIRE(strategy.FindList("spec.items") != nullptr);
  CHECK(strategy.FindList("spec.items")->merge_key == "id");
  REQUIRE(strategy.FindList("spec.tags") != nullptr);
  CHECK(strategy.FindList("spec.tags")->merge_key.empty());
  CHECK(strategy.FindList("spec.other") == nullptr);
  CHECK(strategy.FindList("items") == nullptr);

  const PatchStrategy sts = BuiltinPatchStrategy("apps", "StatefulSet");
  CHECK(sts.FindList("spec.template.spec.initContainers[].volumeMounts")->merge_key == "mountPath");
  CHECK(sts.FindList("spec.template.metadata.finalizers") != nullptr);
  CHECK(sts.FindList("spec.volumeClaimTemplates") == nullptr);
  CHECK(sts.FindList("spec.template.spec.tolerations") == nullptr);
  CHECK(BuiltinPatchStrategy("", "PersistentVolume").FindList("metadata.finalizers") != nullptr);
  CHECK(BuiltinPatchStrategy("", "PersistentVolume").FindList("spec.accessModes") == nullptr);
  CHECK(BuiltinPatchStrategy("example.com", "Widget").FindList("metadata.finalizers") == nullptr);
}

}  // namespace
}  // namespace sei::controlplane
