// One table per keyword: spec.x carries the keyword, each row admits a value
// and lists the exact errors kube-apiserver reports ("field|type|message").
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "lib/controlplane/schema/test_util.h"

namespace sei::controlplane {
namespace {

using testing::AdmitX;
using testing::J;

struct Row {
  const char* value;  // JSON
  std::vector<std::string> errors;
};

void RunTable(const char* keyword, const char* x_schema, const std::vector<Row>& rows) {
  for (const Row& row : rows) {
    DYNAMIC_SECTION(keyword << ": " << x_schema << " with " << row.value) {
      CHECK(AdmitX(J(x_schema), J(row.value)) == row.errors);
    }
  }
}

// The quantity pattern of api.md §4.6.
const char* const kQuantityPattern =
    R"(^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$)";

TEST_CASE("type", "[keyword]") {
  RunTable(
      "type", R"({"type": "integer"})",
      {{"3", {}},
       {"1.0", {}},  // integral float64 counts as integer
       {R"("string")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "string": spec.x in body must be of type integer: "string")"}},
       {"1.5",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "number": spec.x in body must be of type integer: "number")"}},
       {"true",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "boolean": spec.x in body must be of type integer: "boolean")"}}});
  RunTable(
      "type", R"({"type": "number"})",
      {{"1", {}},
       {"1.5", {}},
       {R"("1")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "string": spec.x in body must be of type number: "string")"}}});
  RunTable(
      "type", R"({"type": "string"})",
      {{R"("")", {}},
       {"5",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "integer": spec.x in body must be of type string: "integer")"}}});
  RunTable(
      "type", R"({"type": "boolean"})",
      {{"false", {}},
       {R"("true")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "string": spec.x in body must be of type boolean: "string")"}}});
  RunTable(
      "type", R"({"type": "object"})",
      {{"{}", {}},
       {"[]",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "array": spec.x in body must be of type object: "array")"}}});
  RunTable(
      "type", R"({"type": "array", "items": {"type": "string"}})",
      {{"[]", {}},
       {"{}",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "object": spec.x in body must be of type array: "object")"}},
       // A null array item is not pruned, and strings are not nullable.
       {R"(["a", null])",
        {R"(spec.x[1]|FieldValueTypeInvalid|Invalid value: "null": spec.x[1] in body must be of type string: "null")"}}});
}

TEST_CASE("nullable", "[keyword]") {
  RunTable("nullable", R"({"type": "array", "items": {"type": "string", "nullable": true}})",
           {{R"(["a", null])", {}}});
  // A nullable member keeps its null; a non-nullable one is pruned.
  const StructuralSchema schema = testing::MustCompile(J(R"({"type": "object", "properties": {
      "a": {"type": "string", "nullable": true}, "b": {"type": "string"}}})"));
  nlohmann::json object = J(R"({"a": null, "b": null})");
  CHECK(PruneDefaultValidate(schema, &object, nullptr).empty());
  CHECK(object == J(R"({"a": null})"));
}

TEST_CASE("required", "[keyword]") {
  const char* const schema =
      R"({"type": "object", "required": ["a", "b"],
          "properties": {"a": {"type": "string"}, "b": {"type": "string"}}})";
  RunTable("required", schema,
           {{R"({"a": "1", "b": ""})", {}},
            {R"({"a": "1"})", {"spec.x.b|FieldValueRequired|Required value"}},
            // A non-nullable null without default is pruned, then missing.
            {R"({"a": null, "b": "2"})", {"spec.x.a|FieldValueRequired|Required value"}},
            {"{}",
             {"spec.x.a|FieldValueRequired|Required value",
              "spec.x.b|FieldValueRequired|Required value"}}});
}

TEST_CASE("enum", "[keyword]") {
  RunTable(
      "enum", R"({"type": "string", "enum": ["Pending", "Running"]})",
      {{R"("Running")", {}},
       {R"("Bogus")",
        {R"(spec.x|FieldValueNotSupported|Unsupported value: "Bogus": supported values: "Pending", "Running")"}}});
  RunTable(
      "enum", R"({"type": "integer", "enum": [1, 2]})",
      {{"2", {}},
       {"2.0", {}},
       {"3",
        {R"(spec.x|FieldValueNotSupported|Unsupported value: 3: supported values: "1", "2")"}}});
}

TEST_CASE("minimum and maximum", "[keyword]") {
  RunTable("minimum", R"({"type": "integer", "minimum": 1})",
           {{"1", {}},
            {"0",
             {"spec.x|FieldValueInvalid|Invalid value: 0: spec.x in body should be greater than or "
              "equal to 1"}}});
  RunTable(
      "minimum", R"({"type": "integer", "minimum": 1, "exclusiveMinimum": true})",
      {{"2", {}},
       {"1",
        {"spec.x|FieldValueInvalid|Invalid value: 1: spec.x in body should be greater than 1"}}});
  RunTable("maximum", R"({"type": "integer", "maximum": 10})",
           {{"10", {}},
            {"11",
             {"spec.x|FieldValueInvalid|Invalid value: 11: spec.x in body should be less than or "
              "equal to 10"}}});
  RunTable(
      "maximum", R"({"type": "integer", "maximum": 10, "exclusiveMaximum": true})",
      {{"9", {}},
       {"10",
        {"spec.x|FieldValueInvalid|Invalid value: 10: spec.x in body should be less than 10"}}});
  // Integers compare with the bound truncated to int64 and print it as an
  // integer; float64 values print both with %v.
  RunTable("maximum", R"({"type": "number", "maximum": 2147483647})",
           {{"3000000000",
             {"spec.x|FieldValueInvalid|Invalid value: 3000000000: spec.x in body should be less "
              "than or equal to 2147483647"}},
            {"3e9",
             {"spec.x|FieldValueInvalid|Invalid value: 3e+09: spec.x in body should be less than "
              "or equal to 2.147483647e+09"}}});
  RunTable("minimum", R"({"type": "number", "minimum": 0.5})",
           {{"0.5", {}},
            {"0.25",
             {"spec.x|FieldValueInvalid|Invalid value: 0.25: spec.x in body should be greater than "
              "or equal to 0.5"}},
            {"0", {}}});  // int64(0.5) == 0: the apiserver's truncation
}

TEST_CASE("multipleOf", "[keyword]") {
  RunTable(
      "multipleOf", R"({"type": "integer", "multipleOf": 5})",
      {{"15", {}},
       {"12",
        {"spec.x|FieldValueInvalid|Invalid value: 12: spec.x in body should be a multiple of 5"}}});
  RunTable("multipleOf", R"({"type": "number", "multipleOf": 0.5})",
           {{"1.5", {}},
            {"1.25",
             {"spec.x|FieldValueInvalid|Invalid value: 1.25: spec.x in body should be a multiple "
              "of 0.5"}}});
}

TEST_CASE("minLength and maxLength count code points", "[keyword]") {
  RunTable(
      "minLength", R"({"type": "string", "minLength": 1})",
      {{R"("a")", {}},
       {R"("")",
        {R"(spec.x|FieldValueInvalid|Invalid value: "": spec.x in body should be at least 1 chars long)"}}});
  RunTable(
      "minLength", R"({"type": "string", "minLength": 2})",
      // One code point, two bytes.
      {{R"("é")",
        {R"(spec.x|FieldValueInvalid|Invalid value: "é": spec.x in body should be at least 2 chars long)"}}});
  RunTable("maxLength", R"({"type": "string", "maxLength": 3})",
           {{R"("abc")", {}},
            {R"("héé")", {}},  // 3 code points, 5 bytes
            {R"("😀😀😀")", {}},
            {R"("abcd")", {"spec.x|FieldValueTooLong|Too long: may not be more than 3 bytes"}},
            {R"("😀😀😀😀")", {"spec.x|FieldValueTooLong|Too long: may not be more than 3 bytes"}}});
  RunTable("maxLength", R"({"type": "string", "maxLength": 1})",
           {{R"("ab")", {"spec.x|FieldValueTooLong|Too long: may not be more than 1 byte"}}});
  // The string checks stop at the first failure: too long wins over pattern.
  RunTable("maxLength", R"({"type": "string", "maxLength": 2, "pattern": "^[a-z]+$"})",
           {{R"("ABC")", {"spec.x|FieldValueTooLong|Too long: may not be more than 2 bytes"}}});
}

TEST_CASE("pattern uses Go regexp (RE2) semantics", "[keyword]") {
  RunTable(
      "pattern", R"({"type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"})",
      {{R"("pacific-1")", {}},
       {R"("Foo")",
        {R"(spec.x|FieldValueInvalid|Invalid value: "Foo": spec.x in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')"}},
       {R"("a-")",
        {R"(spec.x|FieldValueInvalid|Invalid value: "a-": spec.x in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$')"}}});
  // Unanchored patterns match anywhere, like regexp.MatchString.
  RunTable(
      "pattern", R"({"type": "string", "pattern": "b+"})",
      {{R"("abbc")", {}},
       {R"("ac")",
        {R"(spec.x|FieldValueInvalid|Invalid value: "ac": spec.x in body should match 'b+')"}}});
  RunTable("pattern", R"({"type": "string", "pattern": "^\\d{3}\\b"})", {{R"("123 x")", {}}});
}

TEST_CASE("minItems and maxItems", "[keyword]") {
  RunTable("minItems", R"({"type": "array", "minItems": 1, "items": {"type": "string"}})",
           {{R"(["a"])", {}},
            {"[]",
             {"spec.x|FieldValueInvalid|Invalid value: 0: spec.x in body should have at least 1 "
              "items"}}});
  RunTable("maxItems", R"({"type": "array", "maxItems": 2, "items": {"type": "integer"}})",
           {{"[1, 2]", {}},
            {"[1, 2, 3]", {"spec.x|FieldValueTooMany|Too many: 3: must have at most 2 items"}}});
  RunTable("maxItems", R"({"type": "array", "maxItems": 1, "items": {"type": "integer"}})",
           {{"[1, 2]", {"spec.x|FieldValueTooMany|Too many: 2: must have at most 1 item"}}});
}

TEST_CASE("minProperties and maxProperties", "[keyword]") {
  RunTable("minProperties",
           R"({"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}})",
           {{R"({"a": "b"})", {}},
            {"{}",
             {"spec.x|FieldValueInvalid|Invalid value: 0: spec.x in body should have at least 1 "
              "properties"}}});
  RunTable("maxProperties",
           R"({"type": "object", "maxProperties": 1, "additionalProperties": {"type": "string"}})",
           {{R"({"a": "1", "b": "2"})",
             {"spec.x|FieldValueTooMany|Too many: 2: must have at most 1 item"}}});
  // A property-count failure ends the object's validation: no Required.
  RunTable("minProperties",
           R"({"type": "object", "minProperties": 2, "required": ["a"],
               "properties": {"a": {"type": "string"}, "b": {"type": "string"}}})",
           {{R"({"b": "x"})",
             {"spec.x|FieldValueInvalid|Invalid value: 1: spec.x in body should have at least 2 "
              "properties"}}});
}

TEST_CASE("additionalProperties", "[keyword]") {
  RunTable(
      "additionalProperties",
      R"({"type": "object", "additionalProperties": {"type": "string", "maxLength": 3}})",
      {{R"({"a": "1", "b.c": "22"})", {}},
       {R"({"a": "1", "b": 2})",
        {R"(spec.x.b|FieldValueTypeInvalid|Invalid value: "integer": spec.x.b in body must be of type string: "integer")"}},
       {R"({"evm.http_port": "8545x"})",
        {"spec.x.evm.http_port|FieldValueTooLong|Too long: may not be more than 3 bytes"}}});
}

TEST_CASE("items", "[keyword]") {
  RunTable(
      "items", R"({"type": "array", "items": {"type": "string", "minLength": 1}})",
      {{R"(["a", "b"])", {}},
       {R"(["a", ""])",
        {R"(spec.x[1]|FieldValueInvalid|Invalid value: "": spec.x[1] in body should be at least 1 chars long)"}}});
}

TEST_CASE("format", "[keyword]") {
  RunTable(
      "format", R"({"type": "string", "format": "date-time"})",
      {{R"("2026-06-06T16:31:50Z")", {}},
       {R"("2026-06-06t16:31:50.123+02:00")", {}},
       {R"("2024-02-29T00:00:00Z")", {}},
       {R"("2026-06-06 16:31:50")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "2026-06-06 16:31:50": spec.x in body must be of type date-time: "2026-06-06 16:31:50")"}},
       {R"("2023-02-29T00:00:00Z")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "2023-02-29T00:00:00Z": spec.x in body must be of type date-time: "2023-02-29T00:00:00Z")"}},
       {R"("2026-06-06T24:00:00Z")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "2026-06-06T24:00:00Z": spec.x in body must be of type date-time: "2026-06-06T24:00:00Z")"}},
       {R"("2026-06-06T16:31:50")",  // no zone
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "2026-06-06T16:31:50": spec.x in body must be of type date-time: "2026-06-06T16:31:50")"}}});
  RunTable(
      "format", R"({"type": "string", "format": "uuid"})",
      {{R"("b7e89c3a-4f12-4d8b-9a6e-1c2d3e4f5a6b")", {}},
       {R"("not-a-uuid")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "not-a-uuid": spec.x in body must be of type uuid: "not-a-uuid")"}}});
  // Formats the apiserver ignores are ignored.
  RunTable("format", R"({"type": "string", "format": "k8s-fancy"})", {{R"("anything")", {}}});
  // int32/int64 are not range-checked by the apiserver; a non-integer is
  // reported against the format, named as Go's float64.
  RunTable(
      "format", R"({"type": "integer", "format": "int32"})",
      {{"3000000000", {}},
       {"1.5",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "float64": spec.x in body must be of type int32: "float64")"}},
       {R"("7")",
        {R"(spec.x|FieldValueTypeInvalid|Invalid value: "string": spec.x in body must be of type integer: "string")"}}});
}

TEST_CASE("x-kubernetes-int-or-string quantities", "[keyword]") {
  const std::string quantity = std::string(R"({"x-kubernetes-int-or-string": true,
      "anyOf": [{"type": "integer"}, {"type": "string"}], "pattern": ")") +
                               kQuantityPattern + "\"}";
  const std::string pattern_text =
      R"(^(\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\+|-)?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$)";
  RunTable(
      "int-or-string", quantity.c_str(),
      {{"2", {}},
       {R"("1Gi")", {}},
       {R"("500m")", {}},
       {R"("1.5")", {}},
       {R"("1e3")", {}},
       {R"("+.5Ki")", {}},
       {R"("abc")",
        {std::string(
             R"(spec.x|FieldValueInvalid|Invalid value: "abc": spec.x in body should match ')") +
         pattern_text + "'"}},
       {R"("1GB")",
        {std::string(
             R"(spec.x|FieldValueInvalid|Invalid value: "1GB": spec.x in body should match ')") +
         pattern_text + "'"}},
       {"true",
        {R"(<nil>|FieldValueInvalid|Invalid value: "": "spec.x" must validate at least one schema (anyOf))",
         R"(spec.x|FieldValueTypeInvalid|Invalid value: "boolean": spec.x in body must be of type integer,string: "boolean")",
         R"(spec.x|FieldValueTypeInvalid|Invalid value: "boolean": spec.x in body must be of type integer: "boolean")"}}});
}

TEST_CASE("oneOf, allOf and not", "[keyword]") {
  const char* const one_of =
      R"({"type": "object", "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
          "oneOf": [{"required": ["a"]}, {"required": ["b"]}]})";
  RunTable(
      "oneOf", one_of,
      {{R"({"a": "1"})", {}},
       {R"({"a": "1", "b": "2"})",
        {R"(<nil>|FieldValueInvalid|Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found 2 valid alternatives)"}},
       {"{}",
        {R"(<nil>|FieldValueInvalid|Invalid value: "": "spec.x" must validate one and only one schema (oneOf). Found none valid)",
         "spec.x.a|FieldValueRequired|Required value"}}});
  RunTable(
      "allOf", R"({"type": "string", "allOf": [{"minLength": 2}, {"maxLength": 3}]})",
      {{R"("ab")", {}},
       {R"("a")",
        {R"(<nil>|FieldValueInvalid|Invalid value: "": "spec.x" must validate all the schemas (allOf))",
         R"(spec.x|FieldValueInvalid|Invalid value: "a": spec.x in body should be at least 2 chars long)"}}});
  RunTable(
      "not", R"({"type": "string", "not": {"enum": ["forbidden"]}})",
      {{R"("fine")", {}},
       {R"("forbidden")",
        {R"(<nil>|FieldValueInvalid|Invalid value: "": "spec.x" must not validate the schema (not))"}}});
}

TEST_CASE("x-kubernetes-list-type map", "[keyword]") {
  RunTable(
      "list-type map",
      R"({"type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
               "items": {"type": "object", "required": ["type"],
                         "properties": {"type": {"type": "string"}, "status": {"type": "string"}}}})",
      {{R"([{"type": "A"}, {"type": "B"}])", {}},
       {R"([{"type": "A"}, {"type": "B", "status": "x"}, {"type": "A"}, {"type": "A"}])",
        {R"(spec.x[2]|FieldValueDuplicate|Duplicate value: {"type":"A"})"}}});
  RunTable("list-type map",
           R"({"type": "array", "x-kubernetes-list-type": "map",
               "x-kubernetes-list-map-keys": ["name", "protocol"],
               "items": {"type": "object", "required": ["name"],
                         "properties": {"name": {"type": "string"},
                                        "protocol": {"type": "string", "default": "TCP"}}}})",
           {{R"([{"name": "p", "protocol": "TCP"}, {"name": "p", "protocol": "UDP"}])", {}},
            // The default applies before the uniqueness check.
            {R"([{"name": "p", "protocol": "TCP"}, {"name": "p"}])",
             {R"(spec.x[1]|FieldValueDuplicate|Duplicate value: {"name":"p","protocol":"TCP"})"}}});
}

TEST_CASE("x-kubernetes-list-type set", "[keyword]") {
  RunTable("list-type set",
           R"({"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "string"}})",
           {{R"(["a", "b"])", {}},
            {R"(["a", "b", "a", "a", "b"])",
             {R"(spec.x[2]|FieldValueDuplicate|Duplicate value: "a")",
              R"(spec.x[4]|FieldValueDuplicate|Duplicate value: "b")"}}});
  RunTable("list-type set",
           R"({"type": "array", "x-kubernetes-list-type": "set", "items": {"type": "integer"}})",
           {{"[1, 2, 1]", {"spec.x[2]|FieldValueDuplicate|Duplicate value: 1"}}});
}

}  // namespace
}  // namespace sei::controlplane
