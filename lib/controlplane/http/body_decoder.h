// Request bodies: the Content-Type decides the codec (JSON or YAML) and, for
// PATCH, the patch type. Errors are ApiError statuses: 415
// UnsupportedMediaType naming the accepted types, 400 BadRequest naming the
// decoding problem.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_BODY_DECODER_H_
#define SEI_LIB_CONTROLPLANE_HTTP_BODY_DECODER_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/controlplane/apiserver/object_store.h"

namespace sei::controlplane {

// POST and PUT: application/json (also when Content-Type is absent, as Go's
// clients and curl sometimes omit it), application/yaml (exactly one
// document), or application/vnd.kubernetes.protobuf for the kinds
// protobuf_codec.h covers.
absl::StatusOr<Json> DecodeObjectBody(absl::string_view content_type, absl::string_view body);

struct DecodedPatch {
  PatchType type = PatchType::kMerge;
  Json patch;
};

// PATCH. `allow_strategic`: custom resources do not support strategic merge
// patch (kube-apiserver answers 415 for them, and so do we).
absl::StatusOr<DecodedPatch> DecodePatchBody(absl::string_view content_type, absl::string_view body,
                                             bool allow_strategic);

// An optional body (DELETE's DeleteOptions): empty → null, otherwise as
// DecodeObjectBody.
absl::StatusOr<Json> DecodeOptionalBody(absl::string_view content_type, absl::string_view body);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_BODY_DECODER_H_
