// Decoding of Kubernetes' protobuf wire format (application/vnd.kubernetes.protobuf)
// for the request bodies kubectl sends that way. kubectl 1.32 encodes the
// objects of its typed generators (`kubectl create namespace|configmap|
// secret|serviceaccount|service|job`) as protobuf, with no fallback to JSON,
// so the server must read them. Every other client and every other kubectl
// command sends JSON.
//
// Covered kinds: core/v1 Namespace, ConfigMap, Secret, ServiceAccount,
// Service, and batch/v1 Job with the pod-template fields kubectl sets
// (containers' name, image, command, args, workingDir, env, ports,
// resources, imagePullPolicy; restartPolicy and the scheduling basics). A
// non-empty field outside the table is refused (415 naming it), never
// silently dropped.
#ifndef SEI_LIB_CONTROLPLANE_HTTP_PROTOBUF_CODEC_H_
#define SEI_LIB_CONTROLPLANE_HTTP_PROTOBUF_CODEC_H_

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sei::controlplane {

// `body` is the whole request body: the "k8s\0" magic, then a
// runtime.Unknown envelope whose raw bytes are the object. Returns the
// object as JSON (apiVersion and kind from the envelope; zero-valued fields
// omitted, as Go's omitempty would). Errors: ApiError 400 for a malformed
// body, 415 for a kind or field this decoder does not cover.
absl::StatusOr<nlohmann::json> DecodeKubernetesProtobuf(absl::string_view body);

}  // namespace sei::controlplane

#endif  // SEI_LIB_CONTROLPLANE_HTTP_PROTOBUF_CODEC_H_
