// A CRD version's openAPIV3Schema, compiled once into the form
// kube-apiserver works with: a structural schema. Compile rejects, with the
// reason, what the apiserver would refuse when the CRD is created (not
// structural, malformed keywords, invalid regular expressions, defaults that
// do not validate), so a CRD accepted here is one a real cluster accepts.
#ifndef SEI_LIB_CONTROLPLANE_SCHEMA_STRUCTURAL_SCHEMA_H_
#define SEI_LIB_CONTROLPLANE_SCHEMA_STRUCTURAL_SCHEMA_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <utility>

#include "absl/status/statusor.h"
#include "lib/controlplane/schema/schema_node.h"

namespace sei::controlplane {

class StructuralSchema {
 public:
  // Compiles `open_api_v3_schema` (the value of
  // spec.versions[].schema.openAPIV3Schema). On rejection the status is
  // InvalidArgument and its message lists every problem as
  // "openAPIV3Schema.properties[spec].properties[x].pattern: <reason>",
  // separated by "; ". Never throws.
  static absl::StatusOr<StructuralSchema> Compile(const nlohmann::json& open_api_v3_schema);

  // The compiled root (an object node). Copies of a StructuralSchema share
  // it; it is immutable and safe to use from several threads.
  const SchemaNode& root() const { return *root_; }

 private:
  explicit StructuralSchema(std::shared_ptr<const SchemaNode> root) : root_(std::move(root)) {}

  std::shared_ptr<const SchemaNode> root_;
};

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_SCHEMA_STRUCTURAL_SCHEMA_H_
