#include "lib/controller/seinode/peer_resolver.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/controller/common/object_codec.h"
#include "lib/controller/seinode/node_key_id.h"
#include "lib/k8s/resource.h"

namespace sei::controller {
namespace {

std::string PodHost(absl::string_view peer, absl::string_view ns) {
  return absl::StrCat(peer, "-0.", peer, ".", ns, ".svc.cluster.local");
}

// The peer's node ID, from its node-key Secret (H9) or its sidecar.
absl::StatusOr<std::string> PeerNodeId(k8s::KubeClient& kube,
                                       sidecar::SidecarClientFactory& sidecars,
                                       const v1alpha1::SeiNode& peer) {
  const std::string& ns = peer.metadata().namespace_();
  if (peer.spec().has_validator() && peer.spec().validator().has_node_key() &&
      peer.spec().validator().node_key().has_secret()) {
    const std::string& secret_name = peer.spec().validator().node_key().secret().secret_name();
    absl::StatusOr<k8s::Object> secret = kube.Get(k8s::resources::kSecret, ns, secret_name);
    if (!secret.ok()) return secret.status();
    std::string encoded = secret->value("/data/node_key.json"_json_pointer, "");
    std::string decoded;
    if (encoded.empty() || !absl::Base64Unescape(encoded, &decoded)) {
      return absl::InvalidArgumentError(
          absl::StrCat("Secret \"", secret_name, "\" has no valid node_key.json"));
    }
    return NodeIdFromNodeKey(decoded);
  }
  absl::StatusOr<std::unique_ptr<sidecar::SidecarClient>> client =
      sidecars.ForNode(ns, peer.metadata().name());
  if (!client.ok()) return client.status();
  return (*client)->NodeId();
}

std::vector<std::string> SortedUnique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

bool Equal(const google::protobuf::RepeatedPtrField<std::string>& field,
           const std::vector<std::string>& values) {
  return std::equal(field.begin(), field.end(), values.begin(), values.end());
}

}  // namespace

std::string SelectorString(const google::protobuf::Map<std::string, std::string>& selector) {
  std::map<std::string, std::string> sorted(selector.begin(), selector.end());
  std::vector<std::string> terms;
  for (const auto& [key, value] : sorted) terms.push_back(absl::StrCat(key, "=", value));
  return absl::StrJoin(terms, ",");
}

absl::StatusOr<PeerResolution> ResolveLabelPeers(k8s::KubeClient& kube,
                                                 sidecar::SidecarClientFactory& sidecars,
                                                 v1alpha1::SeiNode* node) {
  PeerResolution result;
  const std::string& own_ns = node->metadata().namespace_();
  const std::string& own_name = node->metadata().name();
  std::vector<std::string> peers;
  std::vector<std::string> witnesses;
  for (const v1alpha1::PeerSource& source : node->spec().peers()) {
    if (!source.has_label()) continue;
    const std::string ns =
        source.label().namespace_().empty() ? own_ns : source.label().namespace_();
    k8s::ListOptions options;
    options.label_selector = SelectorString(source.label().selector());
    absl::StatusOr<k8s::ObjectList> matches = kube.List(k8s::resources::kSeiNode, ns, options);
    if (!matches.ok()) {
      return absl::Status(
          matches.status().code(),
          absl::StrCat("listing label peers in namespace ", ns, ": ", matches.status().message()));
    }
    for (const k8s::Object& object : matches->items) {
      v1alpha1::SeiNode peer;
      if (absl::Status s = DecodeObject(object, &peer); !s.ok()) {
        result.notes.push_back(absl::StrCat("skipping undecodable peer: ", s.message()));
        continue;
      }
      const std::string& peer_name = peer.metadata().name();
      const std::string& peer_ns = peer.metadata().namespace_();
      if (peer_name == own_name && peer_ns == own_ns) continue;
      witnesses.push_back(absl::StrCat(PodHost(peer_name, peer_ns), ":26657"));
      const std::string address = peer.spec().external_address().empty()
                                      ? absl::StrCat(PodHost(peer_name, peer_ns), ":26656")
                                      : peer.spec().external_address();
      absl::StatusOr<std::string> id = PeerNodeId(kube, sidecars, peer);
      if (id.ok()) {
        peers.push_back(absl::StrCat(*id, "@", address));
        continue;
      }
      std::optional<std::string> kept;
      for (const std::string& previous : node->status().resolved_peers()) {
        size_t at = previous.find('@');
        if (at != std::string::npos && previous.substr(at + 1) == address) kept = previous;
      }
      if (kept.has_value()) {
        peers.push_back(*kept);
        result.notes.push_back(absl::StrCat("peer ", peer_ns, "/", peer_name,
                                            ": node ID unavailable (", id.status().message(),
                                            "); keeping ", *kept));
      } else {
        result.notes.push_back(absl::StrCat("peer ", peer_ns, "/", peer_name,
                                            ": node ID unavailable (", id.status().message(),
                                            "); skipped"));
      }
    }
  }
  peers = SortedUnique(std::move(peers));
  witnesses = SortedUnique(std::move(witnesses));
  v1alpha1::SeiNodeStatus* status = node->mutable_status();
  if (!Equal(status->resolved_peers(), peers)) {
    status->mutable_resolved_peers()->Assign(peers.begin(), peers.end());
    result.changed = true;
  }
  if (!Equal(status->resolved_rpc_witnesses(), witnesses)) {
    status->mutable_resolved_rpc_witnesses()->Assign(witnesses.begin(), witnesses.end());
    result.changed = true;
  }
  return result;
}

}  // namespace sei::controller
