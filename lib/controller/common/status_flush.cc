#include "lib/controller/common/status_flush.h"

#include <string>

#include "lib/controller/common/merge_patch.h"
#include "lib/controller/common/object_codec.h"

namespace sei::controller {

absl::StatusOr<FlushResult> FlushStatus(k8s::KubeClient& kube, const k8s::Resource& resource,
                                        const k8s::Object& before,
                                        const google::protobuf::Message& after) {
  // Compare on the encoded model, not on the raw object: fields the model
  // does not know must not look like deletions.
  google::protobuf::Message* decoded_before = after.New();
  std::unique_ptr<google::protobuf::Message> owner(decoded_before);
  if (absl::Status s = DecodeObject(before, decoded_before); !s.ok()) return s;
  k8s::Object from = EncodeObject(*decoded_before).value("status", k8s::Object::object());
  k8s::Object to = EncodeObject(after).value("status", k8s::Object::object());
  k8s::Object diff = CreateMergePatch(from, to);
  if (diff.empty()) return FlushResult::kUnchanged;

  const k8s::Object& meta = before["metadata"];
  k8s::Object patch = {
      {"metadata", {{"resourceVersion", meta.value("resourceVersion", "")}}},
      {"status", std::move(diff)},
  };
  k8s::PatchOptions options;
  options.status = true;
  absl::StatusOr<k8s::Object> written =
      kube.Patch(resource, meta.value("namespace", ""), meta.value("name", ""),
                 k8s::PatchType::kMerge, patch, options);
  if (!written.ok()) return written.status();
  return FlushResult::kWritten;
}

}  // namespace sei::controller
