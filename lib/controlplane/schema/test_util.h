// Helpers shared by the schema tests: compile a schema that must compile,
// admit an object, and render errors as one comparable line each.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_TEST_UTIL_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_TEST_UTIL_H_

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/controlplane/schema/admission.h"
#include "lib/controlplane/schema/structural_schema.h"

namespace sei::controlplane::testing {

inline nlohmann::json J(const std::string& text) { return nlohmann::json::parse(text); }

inline StructuralSchema MustCompile(const nlohmann::json& schema) {
  absl::StatusOr<StructuralSchema> compiled = StructuralSchema::Compile(schema);
  INFO(compiled.status().ToString());
  REQUIRE(compiled.ok());
  return *compiled;
}

// The message of a schema that must not compile.
inline std::string CompileError(const nlohmann::json& schema) {
  absl::StatusOr<StructuralSchema> compiled = StructuralSchema::Compile(schema);
  REQUIRE_FALSE(compiled.ok());
  CHECK(compiled.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(compiled.status().message());
}

// "field|type|message" per error, in the order given.
inline std::vector<std::string> Lines(const std::vector<FieldError>& errors) {
  std::vector<std::string> lines;
  for (const FieldError& error : errors) {
    lines.push_back(error.field + "|" + error.type + "|" + error.message);
  }
  return lines;
}

// A root object schema whose spec.x has the schema `x`, the shape most
// keyword tests need.
inline nlohmann::json SpecXSchema(const nlohmann::json& x) {
  return {{"type", "object"},
          {"properties", {{"spec", {{"type", "object"}, {"properties", {{"x", x}}}}}}}};
}

// Admits {"spec": {"x": value}} against SpecXSchema(x) and returns the lines.
inline std::vector<std::string> AdmitX(const nlohmann::json& x, const nlohmann::json& value) {
  const StructuralSchema schema = MustCompile(SpecXSchema(x));
  nlohmann::json object = {{"spec", {{"x", value}}}};
  std::vector<std::string> pruned;
  return Lines(PruneDefaultValidate(schema, &object, &pruned));
}

}  // namespace sei::controlplane::testing

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_TEST_UTIL_H_
