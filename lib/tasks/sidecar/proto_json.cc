#include "lib/tasks/sidecar/proto_json.h"

#include "lib/api/json_codec.h"

namespace sei::tasks {

nlohmann::json ValueToJson(const google::protobuf::Value& value) {
  return nlohmann::json(api::EncodeMessage(value));
}

nlohmann::json StructToJson(const google::protobuf::Struct& params) {
  return nlohmann::json(api::EncodeMessage(params));
}

}  // namespace sei::tasks
