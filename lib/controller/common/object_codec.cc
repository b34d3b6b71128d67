#include "lib/controller/common/object_codec.h"

#include "lib/api/json_codec.h"

namespace sei::controller {

absl::Status DecodeObject(const k8s::Object& object, google::protobuf::Message* out,
                          std::vector<std::string>* unknown_fields) {
  std::vector<api::DecodeIssue> issues;
  absl::Status status = api::DecodeMessage(object, out, api::DecodeOptions(), &issues);
  if (unknown_fields != nullptr) {
    for (const api::DecodeIssue& issue : issues) unknown_fields->push_back(issue.path);
  }
  return status;
}

k8s::Object EncodeObject(const google::protobuf::Message& message) {
  // The codec writes in declaration order (for manifests people read); the
  // client side compares and diffs, where key order must not matter.
  nlohmann::ordered_json ordered = api::EncodeMessage(message);
  return k8s::Object::parse(ordered.dump());
}

}  // namespace sei::controller
