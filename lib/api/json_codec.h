// Reflective JSON codec for the sei.io/v1alpha1 API model (api.md §1).
//
// The mapping follows the reference operator's Go encoding/json structs, not
// the proto3 JSON mapping, because the two differ where Kubernetes cares:
//   * 64-bit integers are JSON numbers (Kubernetes rejects quoted integers);
//   * omission follows Go `omitempty`, overridden per field by
//     `(sei.json.emit_empty)` for fields the reference always writes;
//   * enums use the `(sei.json.wire)` spelling; the zero value means absent;
//   * timestamps are RFC 3339 UTC with whole seconds;
//   * `(sei.json.int_or_string)` string fields (resource quantities) also
//     accept JSON numbers.
// Field names are each field's json_name. Decoding never throws and reports
// unknown fields by JSON path, so a manifest written for a newer or older
// schema is diagnosable instead of silently pruned.
#ifndef SEI_LIB_API_JSON_CODEC_H_
#define SEI_LIB_API_JSON_CODEC_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace sei::api {

struct DecodeOptions {
  // Unknown fields fail the decode (like `kubectl --validate=strict`) instead
  // of being reported as warnings and dropped (what the API server does by
  // default when it prunes them).
  bool strict = false;
};

// Something the decoder accepted but the user should hear about.
struct DecodeIssue {
  // JSON path of the offending field, e.g. "spec.peers[0].ec2Tags.foo".
  std::string path;
  // Complete one-line message, e.g. `unknown field "spec.genesis"`.
  std::string message;
};

// Replaces `*out` with the message decoded from `in`, which must be a JSON
// object (or, for well-known types at the root, the matching JSON shape).
//
// Errors are InvalidArgument with one line naming the path and the problem,
// e.g. `spec.fullNode.snapshot.s3.targetHeight: expected an integer, got
// string "abc"`; decoding stops at the first one. Unknown fields are appended
// to `*warnings` (which may be null) or, with `options.strict`, all of them
// are reported in one error. JSON null for a field means the field is absent.
absl::Status DecodeMessage(const nlohmann::json& in, google::protobuf::Message* out,
                           const DecodeOptions& options, std::vector<DecodeIssue>* warnings);

// As DecodeMessage, for an object that sits at `path_prefix` inside a larger
// document (e.g. "items[2]" of a List): every reported path starts there.
absl::Status DecodeMessageAt(absl::string_view path_prefix, const nlohmann::json& in,
                             google::protobuf::Message* out, const DecodeOptions& options,
                             std::vector<DecodeIssue>* warnings);

// Encodes `msg` with fields in proto declaration order; map keys and
// google.protobuf.Struct keys are sorted so output is deterministic.
// Integral google.protobuf.Value numbers are written as JSON integers.
nlohmann::ordered_json EncodeMessage(const google::protobuf::Message& msg);

}  // namespace sei::api

#endif  // SEI_LIB_API_JSON_CODEC_H_
