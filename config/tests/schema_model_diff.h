// Whether a CRD's openAPIV3Schema and the protobuf API model describe the
// same resource: the same fields under the same (JSON) names, with types that
// agree. The proto model is what the operator reads and writes; the CRD is
// what the API server keeps. A field only in the CRD is stored but never
// seen by the operator; a field only in the model is pruned by the API
// server before the operator could ever read it back.
#ifndef SEI_CONFIG_TESTS_SCHEMA_MODEL_DIFF_H_
#define SEI_CONFIG_TESTS_SCHEMA_MODEL_DIFF_H_

#include <google/protobuf/descriptor.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace sei::config {

// Every disagreement between `resource` (a top-level message such as
// sei.v1alpha1.SeiNode) and `open_api_v3_schema`, one line each, sorted, e.g.
//   "spec.foo: in the proto model, not in the CRD"
//   "status.bar: in the CRD, not in the proto model"
//   "spec.sidecar.port: proto int32 but CRD type \"string\""
// apiVersion, kind and metadata at the root are the API server's and are not
// compared. Field names are json_name. How non-object fields must map:
//   map<string, V>          object with additionalProperties (V's schema), no properties
//   repeated T              array whose items match T
//   Timestamp               string, format date-time
//   Value                   x-kubernetes-preserve-unknown-fields, no type
//   Struct                  object with x-kubernetes-preserve-unknown-fields
//   enum                    string whose enum is exactly the values' (sei.json.wire) names
//   string                  string; with (sei.json.int_or_string): x-kubernetes-int-or-string
//   bool                    boolean
//   int32, uint32           integer, format int32 or none (Go int)
//   int64, uint64           integer, format int64
//   float, double           number
// Empty messages (stateSync: {}) must be objects without properties.
std::vector<std::string> DiffModelAndSchema(const google::protobuf::Descriptor& resource,
                                            const nlohmann::json& open_api_v3_schema);

}  // namespace sei::config

#endif  // SEI_CONFIG_TESTS_SCHEMA_MODEL_DIFF_H_
