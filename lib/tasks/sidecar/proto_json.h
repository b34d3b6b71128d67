// google.protobuf.Value / Struct → nlohmann::json, for sending plan params
// (held as protobuf in status.plan) over the sidecar's JSON wire. Delegates
// to the API codec, so numbers print exactly as in stored plans (integral
// values as JSON integers, 198740000 rather than 1.9874e+08).
#ifndef SEI_LIB_TASKS_SIDECAR_PROTO_JSON_H_
#define SEI_LIB_TASKS_SIDECAR_PROTO_JSON_H_

#include <nlohmann/json.hpp>

#include "google/protobuf/struct.pb.h"

namespace sei::tasks {

// A Value without a kind, and non-finite numbers, become null.
nlohmann::json ValueToJson(const google::protobuf::Value& value);
nlohmann::json StructToJson(const google::protobuf::Struct& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_SIDECAR_PROTO_JSON_H_
