// Peer sources for the sidecar's discover-peers task (plans.md §9.1, D9;
// sidecar-protocol.md §8). Label sources are never sent to the sidecar: the
// controller resolves them itself into status.resolvedPeers (§13.3) and sends
// those as a static source.
#ifndef SEI_LIB_PLANNER_PLAN_PEER_SOURCES_H_
#define SEI_LIB_PLANNER_PLAN_PEER_SOURCES_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "google/protobuf/struct.pb.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

inline constexpr absl::string_view kPeerSourceTypeEc2Tags = "ec2Tags";
inline constexpr absl::string_view kPeerSourceTypeStatic = "static";

// One source of the discover-peers payload.
struct PeerSourceParam {
  std::string type;                         // kPeerSourceTypeEc2Tags | kPeerSourceTypeStatic
  std::string region;                       // ec2Tags
  std::map<std::string, std::string> tags;  // ec2Tags
  std::vector<std::string> addresses;       // static

  bool operator==(const PeerSourceParam& other) const {
    return type == other.type && region == other.region && tags == other.tags &&
           addresses == other.addresses;
  }
};

using ResolvedPeers = google::protobuf::RepeatedPtrField<std::string>;

// Build-time sources of init and bootstrap plans (§9.1): one entry per
// spec.peers[i] in spec order; ec2Tags and static pass through; every label
// source becomes a static source holding all of `resolved_peers` verbatim
// (possibly empty — the executor recomputes at run time, D9).
std::vector<PeerSourceParam> BuildTimePeerSources(const v1alpha1::SeiNodeSpec& spec,
                                                  const ResolvedPeers& resolved_peers);

// Execution-time sources (D9, also the SeiNodeTask DiscoverPeers rule): as
// above, but a label source is dropped while `resolved_peers` is empty,
// because an empty static source would erase the node's persistent peers.
// When nothing usable remains: FailedPrecondition
// `no usable peer sources (label selectors unresolved)`, which the adapter
// counts as a failed attempt against the discover-peers budget.
absl::StatusOr<std::vector<PeerSourceParam>> DiscoverPeerSources(
    const v1alpha1::SeiNodeSpec& spec, const ResolvedPeers& resolved_peers);

// The persisted JSON shape of one source: {"type":"ec2Tags","region":R,
// "tags":{...}} or {"type":"static","addresses":[...]}. Empty fields are
// omitted, as the reference's omitempty tags do.
google::protobuf::Value PeerSourceToValue(const PeerSourceParam& source);
// The same shape written into `out`, which must be a fresh (empty) Value.
void WritePeerSource(const PeerSourceParam& source, google::protobuf::Value* out);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_PEER_SOURCES_H_
