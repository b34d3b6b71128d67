// Kubernetes objects (wire JSON) to the sei.io/v1alpha1 model and back, with
// the manifest codec's exact field rules (lib/api/json_codec.h). The
// reconcilers read SeiNode/SeiNodeTask objects as JSON from the KubeClient and
// plan on the protobuf model.
#ifndef SEI_LIB_CONTROLLER_COMMON_OBJECT_CODEC_H_
#define SEI_LIB_CONTROLLER_COMMON_OBJECT_CODEC_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "google/protobuf/message.h"
#include "lib/k8s/kube_client.h"

namespace sei::controller {

// Decodes an object read from the API server. Unknown fields (a newer schema)
// are not an error — the server already accepted them — and are appended to
// `unknown_fields` (may be null) as JSON paths for logging.
absl::Status DecodeObject(const k8s::Object& object, google::protobuf::Message* out,
                          std::vector<std::string>* unknown_fields = nullptr);

// The wire JSON of `message`.
k8s::Object EncodeObject(const google::protobuf::Message& message);

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_COMMON_OBJECT_CODEC_H_
