// The discover-peers handler (sidecar-protocol.md §8 steps 1–5) against a
// simulated network. `static` sources are copied as in the reference; the
// sources that need AWS or the chain's RPC (`ec2Tags`, `dnsEndpoints`)
// resolve against a configurable fake and fail with the reference's error
// when it has nothing to offer.
#ifndef SEI_LIB_CONTROLPLANE_SIDECAR_DISCOVER_PEERS_H_
#define SEI_LIB_CONTROLPLANE_SIDECAR_DISCOVER_PEERS_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include <nlohmann/json.hpp>

namespace sei::controlplane::sidecar {

// An EC2 instance as DescribeInstances would report it (state `running`).
struct FakeEc2Instance {
  std::string region;
  std::map<std::string, std::string> tags;
  std::string public_ip;   // preferred when non-empty
  std::string private_ip;  // used when there is no public IP
  // What `GET http://<ip>:26657/status` reports as node_info.id; empty means
  // the instance does not answer (it is skipped).
  std::string node_id;
};

// What the network outside the cluster looks like to discover-peers.
struct SimulatedNetwork {
  std::vector<FakeEc2Instance> ec2_instances;
  // dnsEndpoints: endpoint -> node ID its /status reports; endpoints not
  // listed are unreachable.
  std::map<std::string, std::string> dns_node_ids;
};

// §8 steps 4–5: the concatenation of per-source results keeping the first
// occurrence of each exact string; `no peers discovered from any source`
// when nothing is left.
absl::StatusOr<std::vector<std::string>> MergeDiscoveredPeers(
    const std::vector<std::vector<std::string>>& per_source);

// §8 steps 1–5 for the task's params (as stored: Go `any` shape). Errors carry
// the reference's text: `discover-peers: missing required param 'sources'`,
// `discover-peers: source[i]: …` for shape errors, the first resolution error
// verbatim, and `parsing params: …` when the params do not decode into the
// handler's typed struct.
absl::StatusOr<std::vector<std::string>> DiscoverPeers(const nlohmann::json& params,
                                                       const SimulatedNetwork& network);

// §8 step 6's value: the peers comma-joined without spaces.
std::string PersistentPeersValue(const std::vector<std::string>& peers);

}  // namespace sei::controlplane::sidecar

#endif  // SEI_LIB_CONTROLPLANE_SIDECAR_DISCOVER_PEERS_H_
