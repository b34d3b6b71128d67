#include "lib/planner/nodetask/discover_peer_sources.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/plan/peer_sources.h"

namespace sei::planner::nodetask {

// The same source rule as the init plans' execution-time recompute (plans.md
// D9, nodetask.md §14.1), so both paths skip unresolved label sources alike;
// only the failure message differs, and it stays at the call site.
google::protobuf::ListValue BuildDiscoverPeerSources(const v1alpha1::SeiNode& target) {
  google::protobuf::ListValue sources;
  absl::StatusOr<std::vector<PeerSourceParam>> usable =
      DiscoverPeerSources(target.spec(), target.status().resolved_peers());
  if (!usable.ok()) return sources;  // none usable: the caller fails fast
  for (const PeerSourceParam& source : *usable) WritePeerSource(source, sources.add_values());
  return sources;
}

std::string NoUsablePeerSourcesMessage(absl::string_view target_name) {
  return absl::StrCat("target SeiNode \"", target_name,
                      "\" has no usable peer sources to discover (empty spec.peers, or only "
                      "label sources with unresolved status.resolvedPeers)");
}

}  // namespace sei::planner::nodetask
