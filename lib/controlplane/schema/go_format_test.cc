#include "lib/controlplane/schema/go_format.h"

#include <catch2/catch.hpp>
#include <string>

#include "lib/controlplane/schema/field_error.h"

namespace sei::controlplane {
namespace {

using Json = nlohmann::json;

TEST_CASE("GoKindOf types numbers as Go's unstructured decoder does", "[go_format]") {
  CHECK(GoKindOf(Json::parse("1")) == GoKind::kInt64);
  CHECK(GoKindOf(Json::parse("-1")) == GoKind::kInt64);
  CHECK(GoKindOf(Json::parse("9223372036854775807")) == GoKind::kInt64);
  CHECK(GoKindOf(Json::parse("9223372036854775808")) == GoKind::kFloat64);
  CHECK(GoKindOf(Json::parse("1.0")) == GoKind::kFloat64);
  CHECK(GoKindOf(Json::parse("1e3")) == GoKind::kFloat64);
  CHECK(GoKindOf(Json::parse("null")) == GoKind::kNull);
  CHECK(GoKindOf(Json::parse("{}")) == GoKind::kMap);
  CHECK(GoKindOf(Json::parse("[]")) == GoKind::kSlice);
}

TEST_CASE("GoJsonMarshal matches encoding/json", "[go_format]") {
  CHECK(GoJsonMarshal(Json::parse(R"({"b":1,"a":[true,null,"x"]})")) ==
        R"({"a":[true,null,"x"],"b":1})");
  CHECK(GoJsonMarshal(Json("<a&b>")) == R"("\u003ca\u0026b\u003e")");
  CHECK(GoJsonMarshal(Json("tab\there")) == R"("tab\there")");
  CHECK(GoJsonMarshal(Json(std::string("\x01", 1))) == R"("\u0001")");
  CHECK(GoJsonMarshal(Json(1.5)) == "1.5");
  CHECK(GoJsonMarshal(Json(100.0)) == "100");
  CHECK(GoJsonMarshal(Json(1e20)) == "100000000000000000000");
  CHECK(GoJsonMarshal(Json(1e21)) == "1e+21");
  CHECK(GoJsonMarshal(Json(0.000001)) == "0.000001");
  CHECK(GoJsonMarshal(Json(1e-7)) == "1e-7");
  CHECK(GoJsonMarshal(Json::parse("18446744073709551615")) == "18446744073709552000");
}

TEST_CASE("RenderBadValue renders as field.Error's ErrorBody", "[field_error]") {
  CHECK(RenderBadValue(Json("Foo")) == "\"Foo\"");
  CHECK(RenderBadValue(Json(0)) == "0");
  CHECK(RenderBadValue(Json(3e9)) == "3e+09");
  CHECK(RenderBadValue(Json(true)) == "true");
  CHECK(RenderBadValue(Json(nullptr)) == "null");
  CHECK(RenderBadValue(Json::parse(R"({"type":"Ready"})")) == R"({"type":"Ready"})");
}

TEST_CASE("Field error constructors use the apiserver's wording", "[field_error]") {
  CHECK(RequiredError("spec.chainId") ==
        FieldError{"spec.chainId", "FieldValueRequired", "Required value"});
  CHECK(TooLongError("spec.image", 512) ==
        FieldError{"spec.image", "FieldValueTooLong", "Too long: may not be more than 512 bytes"});
  CHECK(TooLongError("x", 1).message == "Too long: may not be more than 1 byte");
  CHECK(TooManyError("spec.peers", 3, 2) ==
        FieldError{"spec.peers", "FieldValueTooMany", "Too many: 3: must have at most 2 items"});
  CHECK(TooManyError("x", 2, 1).message == "Too many: 2: must have at most 1 item");
  CHECK(NotSupportedError("status.phase", Json("Bogus"), {"Pending", "Running"}).message ==
        "Unsupported value: \"Bogus\": supported values: \"Pending\", \"Running\"");
  CHECK(InvalidError("", Json(""), "x").field == "<nil>");
}

TEST_CASE("Field errors sort by path with numeric indexes", "[field_error]") {
  std::vector<FieldError> errors = {
      {"spec.peers[10]", "FieldValueRequired", "Required value"},
      {"spec.peers[2]", "FieldValueRequired", "Required value"},
      {"spec.b", "FieldValueInvalid", "Invalid value: 1"},
      {"spec.a", "FieldValueRequired", "Required value"},
      {"spec.a", "FieldValueInvalid", "Invalid value: 2"},
      {"<nil>", "FieldValueInvalid", "Invalid value: \"\""},
  };
  SortFieldErrors(&errors);
  std::vector<std::string> fields;
  for (const FieldError& error : errors) fields.push_back(error.field + " " + error.type);
  CHECK(fields == std::vector<std::string>{"<nil> FieldValueInvalid", "spec.a FieldValueInvalid",
                                           "spec.a FieldValueRequired", "spec.b FieldValueInvalid",
                                           "spec.peers[2] FieldValueRequired",
                                           "spec.peers[10] FieldValueRequired"});
}

}  // namespace
}  // namespace sei::controlplane
