#include "lib/planner/plan/peer_sources.h"

#include "absl/status/status.h"

namespace sei::planner {
namespace {

// Shared by the build-time and execution-time builders; they differ only in
// whether an unresolved label source is kept.
std::vector<PeerSourceParam> Sources(const v1alpha1::SeiNodeSpec& spec,
                                     const ResolvedPeers& resolved_peers,
                                     bool keep_unresolved_labels) {
  std::vector<PeerSourceParam> sources;
  sources.reserve(spec.peers_size());
  for (const v1alpha1::PeerSource& peer : spec.peers()) {
    PeerSourceParam source;
    if (peer.has_ec2_tags()) {
      source.type = std::string(kPeerSourceTypeEc2Tags);
      source.region = peer.ec2_tags().region();
      source.tags.insert(peer.ec2_tags().tags().begin(), peer.ec2_tags().tags().end());
    } else if (peer.has_static_()) {
      source.type = std::string(kPeerSourceTypeStatic);
      source.addresses.assign(peer.static_().addresses().begin(),
                              peer.static_().addresses().end());
    } else if (peer.has_label()) {
      if (resolved_peers.empty() && !keep_unresolved_labels) continue;
      source.type = std::string(kPeerSourceTypeStatic);
      source.addresses.assign(resolved_peers.begin(), resolved_peers.end());
    } else {
      continue;  // no variant set; the CRD rejects this (R-P1)
    }
    sources.push_back(std::move(source));
  }
  return sources;
}

}  // namespace

std::vector<PeerSourceParam> BuildTimePeerSources(const v1alpha1::SeiNodeSpec& spec,
                                                  const ResolvedPeers& resolved_peers) {
  return Sources(spec, resolved_peers, /*keep_unresolved_labels=*/true);
}

absl::StatusOr<std::vector<PeerSourceParam>> DiscoverPeerSources(
    const v1alpha1::SeiNodeSpec& spec, const ResolvedPeers& resolved_peers) {
  std::vector<PeerSourceParam> sources =
      Sources(spec, resolved_peers, /*keep_unresolved_labels=*/false);
  if (sources.empty()) {
    return absl::FailedPreconditionError("no usable peer sources (label selectors unresolved)");
  }
  return sources;
}

google::protobuf::Value PeerSourceToValue(const PeerSourceParam& source) {
  google::protobuf::Value value;
  WritePeerSource(source, &value);
  return value;
}

void WritePeerSource(const PeerSourceParam& source, google::protobuf::Value* out) {
  auto* fields = out->mutable_struct_value()->mutable_fields();
  *(*fields)["type"].mutable_string_value() = source.type;
  if (!source.region.empty()) *(*fields)["region"].mutable_string_value() = source.region;
  if (!source.tags.empty()) {
    auto* tags = (*fields)["tags"].mutable_struct_value()->mutable_fields();
    for (const auto& [key, tag_value] : source.tags) {
      *(*tags)[key].mutable_string_value() = tag_value;
    }
  }
  if (!source.addresses.empty()) {
    auto* list = (*fields)["addresses"].mutable_list_value()->mutable_values();
    list->Reserve(static_cast<int>(source.addresses.size()));
    for (const std::string& address : source.addresses) {
      *list->Add()->mutable_string_value() = address;
    }
  }
}

}  // namespace sei::planner
