// Compile: what the apiserver refuses when a CRD is created, with its reason.
#include "lib/controlplane/schema/structural_schema.h"

#include <catch2/catch.hpp>
#include <string>

#include "lib/controlplane/schema/test_util.h"

namespace sei::controlplane {
namespace {

using Catch::Matchers::Contains;
using testing::CompileError;
using testing::J;
using testing::MustCompile;
using testing::SpecXSchema;

TEST_CASE("Compile accepts structural schemas", "[compile]") {
  MustCompile(J(R"({"type": "object"})"));
  MustCompile(SpecXSchema(J(R"({"type": "string", "pattern": "^a+$", "maxLength": 3})")));
  MustCompile(SpecXSchema(J(R"({"x-kubernetes-preserve-unknown-fields": true})")));
  MustCompile(SpecXSchema(J(R"({"x-kubernetes-int-or-string": true})")));
  MustCompile(SpecXSchema(J(R"({"x-kubernetes-int-or-string": true,
      "anyOf": [{"type": "integer"}, {"type": "string"}]})")));
  MustCompile(SpecXSchema(J(R"({"x-kubernetes-int-or-string": true,
      "allOf": [{"anyOf": [{"type": "integer"}, {"type": "string"}]}, {"pattern": "^a"}]})")));
  // Value validations in junctors over specified properties; CEL ignored.
  MustCompile(SpecXSchema(J(R"js({"type": "object",
      "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
      "anyOf": [{"required": ["a"]}, {"properties": {"b": {"minLength": 1}}}],
      "x-kubernetes-validations": [{"rule": "has(self.a)", "message": "a"}]})js")));
  MustCompile(J(R"({"type": "object", "properties": {"metadata": {"type": "object",
      "properties": {"name": {"type": "string", "maxLength": 20}}}}})"));
}

TEST_CASE("Compile rejects an invalid pattern with RE2's reason", "[compile]") {
  const std::string error = CompileError(SpecXSchema(J(R"({"type": "string", "pattern": "(a"})")));
  CHECK_THAT(error, Contains("openAPIV3Schema.properties[spec].properties[x].pattern: "
                             "Invalid value: \"(a\": must be a valid regular expression, but "
                             "isn't: missing )"));
  // Perl syntax Go's regexp lacks is rejected too.
  CHECK_THAT(CompileError(SpecXSchema(J(R"js({"type": "string", "pattern": "(?=a)"})js"))),
             Contains("pattern: Invalid value"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"js({"type": "string", "pattern": "(a)\\1"})js"))),
             Contains("pattern: Invalid value"));
}

TEST_CASE("Compile requires types where structural schemas do", "[compile]") {
  CHECK(CompileError(SpecXSchema(J(R"({"minLength": 1})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].type: Required value: must not be "
        "empty for specified object fields");
  CHECK(CompileError(SpecXSchema(J(R"({"type": "array", "items": {}})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].items.type: Required value: must not "
        "be empty for specified array items");
  CHECK(CompileError(SpecXSchema(J(R"({"type": "array"})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].items: Required value: must be specified");
  CHECK(CompileError(J(R"({"properties": {}})")) ==
        "openAPIV3Schema.type: Required value: must not be empty at the root");
  CHECK(CompileError(J(R"({"type": "string"})")) ==
        "openAPIV3Schema.type: Invalid value: \"string\": must be object at the root");
  CHECK(CompileError(SpecXSchema(J(R"({"type": "text"})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].type: Unsupported value: \"text\": "
        "supported values: \"array\", \"boolean\", \"integer\", \"number\", \"object\", "
        "\"string\"");
}

TEST_CASE("Compile rejects shapes the apiserver forbids", "[compile]") {
  CHECK(CompileError(SpecXSchema(J(R"({"type": "object", "additionalProperties": false})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].additionalProperties: Forbidden: "
        "additionalProperties cannot be set to false");
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "object",
                 "properties": {"a": {"type": "string"}},
                 "additionalProperties": {"type": "string"}})"))),
             Contains("additionalProperties: Forbidden: additionalProperties and properties are "
                      "mutual exclusive"));
  CHECK_THAT(
      CompileError(J(R"({"type": "object", "additionalProperties": {"type": "string"}})")),
      Contains("openAPIV3Schema.additionalProperties: Forbidden: must not be used at the root"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "array", "uniqueItems": true,
                 "items": {"type": "string"}})"))),
             Contains("uniqueItems: Forbidden: uniqueItems cannot be set to true"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"$ref": "#/definitions/a"})"))),
             Contains("properties[x].$ref: Forbidden"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "object",
                 "x-kubernetes-preserve-unknown-fields": false})"))),
             Contains("x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true "
                      "or undefined"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "array", "items": [{"type": "string"}]})"))),
             Contains("items: Forbidden: items must be a schema object and not an array"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "string",
                 "x-kubernetes-int-or-string": true})"))),
             Contains("type: Invalid value: \"string\": must be empty if "
                      "x-kubernetes-int-or-string is true"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "string", "minLength": -1})"))),
             Contains("minLength: Invalid value: -1: must not be negative"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "string", "maxLength": "3"})"))),
             Contains("maxLength: Invalid value: must be an integer"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "number", "multipleOf": 0})"))),
             Contains("multipleOf: Invalid value: 0: must be greater than zero"));
  CHECK_THAT(CompileError(J(R"({"type": "object", "properties": {"metadata": {"type": "object",
                 "properties": {"labels": {"type": "object"}}}}})")),
             Contains("openAPIV3Schema.properties[metadata]: Forbidden: must not specify "
                      "anything other than name and generateName"));
  CHECK_THAT(CompileError(J(R"({"type": "object", "properties": 5})")),
             Contains("openAPIV3Schema.properties: Invalid value: must be an object of schemas"));
  CHECK_THAT(CompileError(J(R"("object")")), Contains("openAPIV3Schema: Invalid value"));
}

TEST_CASE("Compile keeps junctors to value validations", "[compile]") {
  CHECK(CompileError(SpecXSchema(J(R"({"type": "string",
            "anyOf": [{"type": "string"}, {"minLength": 1}]})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].anyOf[0].type: Forbidden: must be "
        "empty to be structural");
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "string",
                 "oneOf": [{"default": "a"}, {"nullable": true, "description": "d"}]})"))),
             Contains("oneOf[0].default: Forbidden: must be undefined to be structural") &&
                 Contains("oneOf[1].description: Forbidden: must be empty to be structural") &&
                 Contains("oneOf[1].nullable: Forbidden: must be false to be structural"));
  // What a junctor mentions must be specified outside it too.
  CHECK(CompileError(SpecXSchema(J(R"({"type": "object",
            "properties": {"a": {"type": "string"}},
            "anyOf": [{"properties": {"b": {"minLength": 1}}}]})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].properties[b]: Required value: because "
        "it is defined in openAPIV3Schema.properties[spec].properties[x].anyOf[0].properties[b]");
}

TEST_CASE("Compile checks list types", "[compile]") {
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "array", "x-kubernetes-list-type": "map",
                 "items": {"type": "object", "properties": {"k": {"type": "string"}}}})"))),
             Contains("x-kubernetes-list-map-keys: Required value: must not be empty if "
                      "x-kubernetes-list-type is map"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "array", "x-kubernetes-list-type": "map",
                 "x-kubernetes-list-map-keys": ["missing"],
                 "items": {"type": "object", "properties": {"k": {"type": "string"}}}})"))),
             Contains("Invalid value: \"missing\": entries must all be names of item properties"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "array", "x-kubernetes-list-type": "set",
                 "items": {"type": "object"}})"))),
             Contains("x-kubernetes-list-type: Invalid value: \"set\": must only be used on "
                      "arrays of scalars"));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "array", "x-kubernetes-list-type": "bag",
                 "items": {"type": "string"}})"))),
             Contains("Unsupported value: \"bag\""));
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "array", "x-kubernetes-list-map-keys": ["k"],
                 "items": {"type": "string"}})"))),
             Contains("x-kubernetes-list-map-keys: Forbidden: must not be set if "
                      "x-kubernetes-list-type is not map"));
}

TEST_CASE("Compile validates defaults", "[compile]") {
  MustCompile(SpecXSchema(J(R"({"type": "integer", "default": 7777})")));
  // Nested defaults apply to a default before it is validated.
  MustCompile(SpecXSchema(J(R"({"type": "object", "required": ["a"], "default": {},
      "properties": {"a": {"type": "string", "default": "x"}}})")));
  CHECK(CompileError(SpecXSchema(J(R"({"type": "integer", "default": "7777"})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].default: Invalid value: \"string\": "
        "default in body must be of type integer: \"string\"");
  CHECK(CompileError(SpecXSchema(J(R"({"type": "object", "default": {"a": 1, "b": 2},
            "properties": {"a": {"type": "integer"}}})"))) ==
        "openAPIV3Schema.properties[spec].properties[x].default: Invalid value: {\"a\":1,\"b\":2}: "
        "must not have unknown fields: b");
  CHECK_THAT(CompileError(SpecXSchema(J(R"({"type": "string", "enum": ["a"], "default": "b"})"))),
             Contains("properties[x].default: Unsupported value: \"b\": supported values: \"a\""));
}

TEST_CASE("Compile reports every problem", "[compile]") {
  const std::string error = CompileError(J(R"({"type": "object", "properties": {
      "a": {"type": "string", "pattern": "("}, "b": {}}})"));
  CHECK_THAT(error, Contains("openAPIV3Schema.properties[a].pattern: Invalid value") &&
                        Contains("; openAPIV3Schema.properties[b].type: Required value"));
}

TEST_CASE("Compile never throws on malformed keywords", "[compile]") {
  for (const char* schema :
       {R"({"type": 5})", R"({"type": "object", "properties": []})",
        R"({"type": "object", "required": [1]})", R"({"type": "object", "enum": {}})",
        R"({"type": "array", "items": "string"})", R"({"type": "object", "nullable": "yes"})",
        R"({"type": "object", "allOf": {}})", R"({"type": "object", "not": 3})",
        R"({"type": "object", "minProperties": 1.5})",
        R"({"type": "object", "properties": {"a": {"type": "string", "pattern": 7}}})",
        R"({"type": "object", "properties": {"a": {"anyOf": [{"nullable": 1}]}}})",
        R"({"type": "object", "x-kubernetes-list-map-keys": "k"})", "null", "[]"}) {
    INFO(schema);
    CHECK_FALSE(StructuralSchema::Compile(J(schema)).ok());
  }
}

TEST_CASE("Compiled schemas share their nodes when copied", "[compile]") {
  const StructuralSchema schema = MustCompile(SpecXSchema(J(R"({"type": "string"})")));
  const StructuralSchema copy = schema;  // NOLINT(performance-unnecessary-copy-initialization)
  CHECK(&copy.root() == &schema.root());
  REQUIRE(schema.root().FindProperty("spec") != nullptr);
  CHECK(schema.root().FindProperty("spec")->FindProperty("x")->type == "string");
}

}  // namespace
}  // namespace sei::controlplane
