// Persisted plan params (plans.md §9) → the sidecar's wire params
// (sidecar-protocol.md §7): the reference deserialises the stored payload
// into its typed task and re-encodes it with the wire's JSON names and
// omission rules; this does the same for every sidecar type a node plan
// holds (group-plan assemble-and-upload-genesis included). No validation
// of values here (client_validation.h); only shape.
#ifndef SEI_LIB_TASKS_SIDECAR_WIRE_PARAMS_H_
#define SEI_LIB_TASKS_SIDECAR_WIRE_PARAMS_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks {

// The wire params of a `type` task; an empty Struct means "send no params".
//
// `node` is the LIVE node: discover-peers ignores its persisted sources and
// recomputes them from spec.peers + status.resolvedPeers (plans.md D9,
// planner::DiscoverPeerSources), which fails with FailedPrecondition
// `no usable peer sources (label selectors unresolved)` while only
// unresolved label sources exist.
//
// InvalidArgument `decoding <type> params: …` when the persisted params do
// not decode (wrong JSON types), or `<type> is not a sidecar task of a node
// plan` for any other type.
absl::StatusOr<google::protobuf::Struct> BuildWireParams(absl::string_view type,
                                                         const google::protobuf::Value& persisted,
                                                         const v1alpha1::SeiNode& node);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_SIDECAR_WIRE_PARAMS_H_
