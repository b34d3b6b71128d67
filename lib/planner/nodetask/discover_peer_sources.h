// DiscoverPeers source building (nodetask.md §14.1): the `sources` the
// discover-peers sidecar task receives, derived from the target's live
// spec.peers and status.resolvedPeers on every drive step. Self-contained on
// purpose (the plan engine has its own builder, plans.md §9.1).
#ifndef SEI_LIB_PLANNER_NODETASK_DISCOVER_PEER_SOURCES_H_
#define SEI_LIB_PLANNER_NODETASK_DISCOVER_PEER_SOURCES_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner::nodetask {

// One source per usable spec.peers entry, in spec order:
//   ec2Tags → {"type":"ec2Tags","region":…,"tags":{…}}
//   static  → {"type":"static","addresses":[…]}
//   label   → {"type":"static","addresses":<all of status.resolvedPeers>}
//             when resolvedPeers is non-empty; skipped otherwise (an empty
//             static source would erase persistent peers).
// An entry with no variant set is skipped. The result may be empty; the
// caller fails with NoUsablePeerSourcesMessage() before any sidecar call.
google::protobuf::ListValue BuildDiscoverPeerSources(const v1alpha1::SeiNode& target);

// `target SeiNode "<n>" has no usable peer sources to discover (empty
// spec.peers, or only label sources with unresolved status.resolvedPeers)`.
std::string NoUsablePeerSourcesMessage(absl::string_view target_name);

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_DISCOVER_PEER_SOURCES_H_
