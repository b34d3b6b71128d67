#include "lib/planner/nodetask/discover_peer_sources.h"

#include "absl/strings/str_cat.h"

namespace sei::planner::nodetask {
namespace {

using google::protobuf::ListValue;
using google::protobuf::Struct;

ListValue StringList(const google::protobuf::RepeatedPtrField<std::string>& items) {
  ListValue list;
  for (const std::string& item : items) list.add_values()->set_string_value(item);
  return list;
}

void AddStaticSource(const google::protobuf::RepeatedPtrField<std::string>& addresses,
                     ListValue* sources) {
  Struct* source = sources->add_values()->mutable_struct_value();
  (*source->mutable_fields())["type"].set_string_value("static");
  *(*source->mutable_fields())["addresses"].mutable_list_value() = StringList(addresses);
}

}  // namespace

ListValue BuildDiscoverPeerSources(const v1alpha1::SeiNode& target) {
  ListValue sources;
  for (const v1alpha1::PeerSource& peer : target.spec().peers()) {
    if (peer.has_ec2_tags()) {
      Struct* source = sources.add_values()->mutable_struct_value();
      auto& fields = *source->mutable_fields();
      fields["type"].set_string_value("ec2Tags");
      fields["region"].set_string_value(peer.ec2_tags().region());
      auto& tags = *fields["tags"].mutable_struct_value()->mutable_fields();
      for (const auto& [key, value] : peer.ec2_tags().tags()) tags[key].set_string_value(value);
    } else if (peer.has_static_()) {
      AddStaticSource(peer.static_().addresses(), &sources);
    } else if (peer.has_label() && !target.status().resolved_peers().empty()) {
      AddStaticSource(target.status().resolved_peers(), &sources);
    }
  }
  return sources;
}

std::string NoUsablePeerSourcesMessage(absl::string_view target_name) {
  return absl::StrCat("target SeiNode \"", target_name,
                      "\" has no usable peer sources to discover (empty spec.peers, or only "
                      "label sources with unresolved status.resolvedPeers)");
}

}  // namespace sei::planner::nodetask
