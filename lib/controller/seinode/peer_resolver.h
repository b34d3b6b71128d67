// Label peer resolution (plans.md §13.3): turns each `spec.peers[].label`
// selector into `<nodeId>@<address>` entries and RPC witnesses, written to
// status.resolvedPeers / status.resolvedRPCWitnesses, which the planner's
// discover-peers and configure-state-sync params are built from.
#ifndef SEI_LIB_CONTROLLER_SEINODE_PEER_RESOLVER_H_
#define SEI_LIB_CONTROLLER_SEINODE_PEER_RESOLVER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "lib/k8s/kube_client.h"
#include "lib/sidecar/sidecar_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::controller {

struct PeerResolution {
  // Peers that could not be resolved this time and were kept from the
  // previous status or skipped, one line each, for the log.
  std::vector<std::string> notes;
  bool changed = false;  // whether either status list changed
};

// For every label source: LIST SeiNodes in `label.namespace` (or the node's)
// matching every selector pair; for each match other than the node itself,
// witness `<peer>-0.<peer>.<ns>.svc.cluster.local:26657`, address
// `spec.externalAddress` or `<peer>-0.<peer>.<ns>.svc.cluster.local:26656`,
// node ID from the peer's node-key Secret when it has one (H9), else from the
// peer's sidecar (`GET /v0/node-id`, 5 s deadline). An ID that cannot be had
// keeps the previous entry for the same address, or skips the peer. Lists
// are sorted and de-duplicated and written to `node->status` only when they
// differ. A LIST error is returned (the reconcile backs off); nothing is
// written then.
absl::StatusOr<PeerResolution> ResolveLabelPeers(k8s::KubeClient& kube,
                                                 sidecar::SidecarClientFactory& sidecars,
                                                 v1alpha1::SeiNode* node);

// The label selector string for a selector map ("a=b,c=d", keys sorted).
std::string SelectorString(const google::protobuf::Map<std::string, std::string>& selector);

}  // namespace sei::controller

#endif  // SEI_LIB_CONTROLLER_SEINODE_PEER_RESOLVER_H_
