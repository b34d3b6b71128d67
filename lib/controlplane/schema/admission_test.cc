// The admission pipeline: pruning, null pruning, defaulting, error order,
// the /status subtree helper and the 422 Status.
#include "lib/controlplane/schema/admission.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/controlplane/schema/test_util.h"

namespace sei::controlplane {
namespace {

using nlohmann::json;
using testing::J;
using testing::Lines;
using testing::MustCompile;

TEST_CASE("Unknown fields are pruned and reported, sorted", "[pruning]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "spec": {"type": "object", "properties": {
        "a": {"type": "string"},
        "items": {"type": "array", "items": {"type": "object", "properties": {"n": {"type": "integer"}}}},
        "map": {"type": "object", "additionalProperties": {"type": "object",
                "properties": {"v": {"type": "string"}}}}}}}})"));
  json object = J(R"({
      "apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
      "metadata": {"name": "n", "labels": {"a": "b"}, "whatever": 1},
      "spec": {"a": "x", "zzz": 1, "bogus": {"deep": true},
               "items": [{"n": 1}, {"n": 2, "extra": "e"}],
               "map": {"k": {"v": "1", "w": "2"}}},
      "topLevel": true})");
  std::vector<std::string> pruned;
  CHECK(PruneDefaultValidate(schema, &object, &pruned).empty());
  CHECK(pruned == std::vector<std::string>{"spec.bogus", "spec.items[1].extra", "spec.map.k.w",
                                           "spec.zzz", "topLevel"});
  CHECK(object == J(R"({
      "apiVersion": "sei.io/v1alpha1", "kind": "SeiNode",
      "metadata": {"name": "n", "labels": {"a": "b"}, "whatever": 1},
      "spec": {"a": "x", "items": [{"n": 1}, {"n": 2}], "map": {"k": {"v": "1"}}}})"));
}

TEST_CASE("preserve-unknown-fields keeps unknown members below it", "[pruning]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "free": {"x-kubernetes-preserve-unknown-fields": true},
      "mixed": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                "properties": {"known": {"type": "object", "properties": {"a": {"type": "integer"}}}}},
      "closed": {"type": "object"}}})"));
  json object = J(R"({
      "free": {"anything": [1, {"goes": "here"}]},
      "mixed": {"known": {"a": 1, "z": 2}, "other": {"kept": true}},
      "closed": {"dropped": 1}})");
  std::vector<std::string> pruned;
  CHECK(PruneDefaultValidate(schema, &object, &pruned).empty());
  CHECK(pruned == std::vector<std::string>{"closed.dropped", "mixed.known.z"});
  CHECK(object == J(R"({
      "free": {"anything": [1, {"goes": "here"}]},
      "mixed": {"known": {"a": 1}, "other": {"kept": true}},
      "closed": {}})"));
}

TEST_CASE("Embedded resources keep apiVersion, kind and metadata", "[pruning]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "template": {"type": "object", "x-kubernetes-embedded-resource": true,
                   "properties": {"spec": {"type": "object"}}}}})"));
  json object = J(R"({"template": {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"},
                                   "spec": {}, "status": {}}})");
  std::vector<std::string> pruned;
  CHECK(PruneDefaultValidate(schema, &object, &pruned).empty());
  CHECK(pruned == std::vector<std::string>{"template.status"});
  CHECK(object["template"].contains("metadata"));
}

TEST_CASE("Defaults apply to absent members of existing objects, recursively", "[defaulting]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "spec": {"type": "object", "properties": {
        "sidecar": {"type": "object", "properties": {
          "port": {"type": "integer", "default": 7777}, "image": {"type": "string"}}},
        "tuning": {"type": "object", "default": {},
                   "properties": {"level": {"type": "string", "default": "info"},
                                  "inner": {"type": "object", "default": {"on": true},
                                            "properties": {"on": {"type": "boolean"},
                                                           "n": {"type": "integer", "default": 3}}}}},
        "tasks": {"type": "array", "items": {"type": "object", "properties": {
          "status": {"type": "string", "default": "Pending"},
          "retries": {"type": "integer", "default": 0}}}},
        "labels": {"type": "object", "additionalProperties": {"type": "object", "properties": {
          "weight": {"type": "integer", "default": 1}}}},
        "nullablePort": {"type": "integer", "nullable": true, "default": 1}}}}})"));

  SECTION("no spec: nothing is created") {
    json object = J(R"({"kind": "X"})");
    CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
    CHECK(object == J(R"({"kind": "X"})"));
  }
  SECTION("an absent object is not created, an existing one is filled") {
    json object = J(R"({"spec": {}})");
    CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
    CHECK(object == J(R"({"spec": {"tuning": {"level": "info", "inner": {"on": true, "n": 3}},
                                  "nullablePort": 1}})"));
    object = J(R"({"spec": {"sidecar": {}}})");
    CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
    CHECK(object["spec"]["sidecar"] == J(R"({"port": 7777})"));
  }
  SECTION("present values win; non-nullable null is defaulted, nullable null kept") {
    json object = J(R"({"spec": {"sidecar": {"port": 9000}, "tuning": {"level": null},
                                 "nullablePort": null}})");
    CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
    CHECK(object["spec"]["sidecar"]["port"] == 9000);
    CHECK(object["spec"]["tuning"]["level"] == "info");
    CHECK(object["spec"]["nullablePort"].is_null());
  }
  SECTION("defaults inside array items and map values") {
    json object = J(R"({"spec": {"tasks": [{}, {"status": "Complete"}],
                                 "labels": {"a": {}, "b": {"weight": 5}}}})");
    CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
    CHECK(object["spec"]["tasks"] == J(R"([{"status": "Pending", "retries": 0},
                                           {"status": "Complete", "retries": 0}])"));
    CHECK(object["spec"]["labels"] == J(R"({"a": {"weight": 1}, "b": {"weight": 5}})"));
  }
}

TEST_CASE("A null array item takes the items default", "[defaulting]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "a": {"type": "array", "items": {"type": "string", "default": "d"}}}})"));
  json object = J(R"({"a": ["x", null]})");
  CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
  CHECK(object["a"] == J(R"(["x", "d"])"));
}

TEST_CASE("All errors are reported, sorted", "[admission]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "spec": {"type": "object", "required": ["b", "a"], "properties": {
        "a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "integer", "minimum": 1},
        "peers": {"type": "array", "items": {"type": "object", "required": ["name"],
                  "properties": {"name": {"type": "string"}}}}}}}})"));
  json object = J(R"({"spec": {"c": 0, "peers": [{"name": "0"}, {}, {"name": "2"}, {}, {}, {}, {},
                                                  {}, {}, {}, {}]}})");
  const std::vector<std::string> lines = Lines(PruneDefaultValidate(schema, &object, nullptr));
  CHECK(lines == std::vector<std::string>{
                     "spec.a|FieldValueRequired|Required value",
                     "spec.b|FieldValueRequired|Required value",
                     "spec.c|FieldValueInvalid|Invalid value: 0: spec.c in body should be greater "
                     "than or equal to 1",
                     "spec.peers[1].name|FieldValueRequired|Required value",
                     "spec.peers[3].name|FieldValueRequired|Required value",
                     "spec.peers[4].name|FieldValueRequired|Required value",
                     "spec.peers[5].name|FieldValueRequired|Required value",
                     "spec.peers[6].name|FieldValueRequired|Required value",
                     "spec.peers[7].name|FieldValueRequired|Required value",
                     "spec.peers[8].name|FieldValueRequired|Required value",
                     "spec.peers[9].name|FieldValueRequired|Required value",
                     "spec.peers[10].name|FieldValueRequired|Required value"});
}

TEST_CASE("A non-object body fails the root type check", "[admission]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object"})"));
  json object = J(R"([1])");
  CHECK(
      Lines(PruneDefaultValidate(schema, &object, nullptr)) ==
      std::vector<std::string>{
          R"(<nil>|FieldValueTypeInvalid|Invalid value: "array":  in body must be of type object: "array")"});
}

TEST_CASE("Values of every JSON type meet every keyword without throwing", "[admission]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "s": {"type": "string", "minLength": 1, "pattern": "^a", "format": "date-time", "enum": ["a"]},
      "n": {"type": "number", "minimum": 1, "maximum": 2, "multipleOf": 0.5},
      "o": {"type": "object", "minProperties": 1, "required": ["k"],
            "properties": {"k": {"type": "string"}}},
      "a": {"type": "array", "minItems": 1, "x-kubernetes-list-type": "set",
            "items": {"type": "string"}},
      "q": {"x-kubernetes-int-or-string": true,
            "anyOf": [{"type": "integer"}, {"type": "string"}]},
      "f": {"x-kubernetes-preserve-unknown-fields": true}}})"));
  const json values = J(R"([null, true, 0, -1, 1.5, 1e300, 18446744073709551615, "", "a",
                            [], [1, [2]], {}, {"k": {"deep": [null]}}])");
  for (const char* member : {"s", "n", "o", "a", "q", "f", "unknown"}) {
    for (const json& value : values) {
      json object = {{member, value}, {"metadata", value}};
      std::vector<std::string> pruned;
      const std::vector<FieldError> errors = PruneDefaultValidate(schema, &object, &pruned);
      for (const FieldError& error : errors) CHECK(error.type != "InternalError");
    }
  }
}

TEST_CASE("PruneDefaultValidateProperty handles one top-level member", "[admission]") {
  const StructuralSchema schema = MustCompile(J(R"({"type": "object", "properties": {
      "spec": {"type": "object", "required": ["image"], "properties": {"image": {"type": "string"}}},
      "status": {"type": "object", "default": {}, "properties": {
        "phase": {"type": "string", "enum": ["Pending", "Running"]},
        "observed": {"type": "integer", "default": 0}}}}})"));

  SECTION("only the member is touched") {
    json object = J(R"({"spec": {"bogus": 1}, "status": {"phase": "Bogus", "extra": 1}})");
    std::vector<std::string> pruned;
    CHECK(
        Lines(PruneDefaultValidateProperty(schema, "status", &object, &pruned)) ==
        std::vector<std::string>{
            R"(status.phase|FieldValueNotSupported|Unsupported value: "Bogus": supported values: "Pending", "Running")"});
    CHECK(pruned == std::vector<std::string>{"status.extra"});
    CHECK(object == J(R"({"spec": {"bogus": 1}, "status": {"phase": "Bogus", "observed": 0}})"));
  }
  SECTION("an absent member gets its default") {
    json object = J(R"({"spec": {"image": "i"}})");
    CHECK(PruneDefaultValidateProperty(schema, "status", &object, nullptr).empty());
    CHECK(object["status"] == J(R"({"observed": 0})"));
  }
  SECTION("an undeclared member is removed") {
    json object = J(R"({"other": {"x": 1}})");
    std::vector<std::string> pruned;
    CHECK(PruneDefaultValidateProperty(schema, "other", &object, &pruned).empty());
    CHECK(pruned == std::vector<std::string>{"other"});
    CHECK(object == json::object());
  }
}

TEST_CASE("InvalidStatus renders the apiserver's 422", "[status]") {
  SECTION("one error: no brackets") {
    const json status = InvalidStatus("SeiNode.sei.io", "node-0", {RequiredError("spec.chainId")});
    CHECK(status == J(R"({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": "SeiNode.sei.io \"node-0\" is invalid: spec.chainId: Required value",
        "reason": "Invalid",
        "details": {"name": "node-0", "group": "sei.io", "kind": "SeiNode",
                    "causes": [{"reason": "FieldValueRequired", "message": "Required value",
                                "field": "spec.chainId"}]},
        "code": 422})"));
  }
  SECTION("several errors: bracketed, duplicates collapsed in the message only") {
    const std::vector<FieldError> errors = {
        RequiredError("spec.chainId"), RequiredError("spec.image"), RequiredError("spec.image")};
    const json status = InvalidStatus("SeiNode.sei.io", "n", errors);
    CHECK(status["message"] ==
          "SeiNode.sei.io \"n\" is invalid: [spec.chainId: Required value, spec.image: Required "
          "value]");
    CHECK(status["details"]["causes"].size() == 3);
  }
  SECTION("core group, nil field") {
    const json status = InvalidStatus(
        "Pod", "p",
        {InvalidError("", json(""), "\"spec.x\" must validate at least one schema (anyOf)")});
    CHECK(status["message"] ==
          "Pod \"p\" is invalid: <nil>: Invalid value: \"\": \"spec.x\" must validate at least "
          "one schema (anyOf)");
    CHECK_FALSE(status["details"].contains("group"));
    CHECK(status["details"]["kind"] == "Pod");
    CHECK(status["details"]["causes"][0]["field"] == "<nil>");
  }
  SECTION("no errors") {
    const json status = InvalidStatus("SeiNode.sei.io", "n", {});
    CHECK(status["message"] == "SeiNode.sei.io \"n\" is invalid");
    CHECK_FALSE(status["details"].contains("causes"));
  }
}

}  // namespace
}  // namespace sei::controlplane
