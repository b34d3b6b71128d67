#include "lib/planner/nodetask/discover_peer_sources.h"

#include <catch2/catch.hpp>

namespace sei::planner::nodetask {
namespace {

using google::protobuf::Struct;

std::string Str(const Struct& s, const std::string& key) {
  return s.fields().at(key).string_value();
}

std::vector<std::string> Addresses(const Struct& s) {
  std::vector<std::string> out;
  for (const auto& v : s.fields().at("addresses").list_value().values()) {
    out.push_back(v.string_value());
  }
  return out;
}

v1alpha1::SeiNode Node() {
  v1alpha1::SeiNode node;
  node.mutable_metadata()->set_name("val-0");
  return node;
}

TEST_CASE("§14.1 sources follow spec.peers order, label entries use resolvedPeers",
          "[discover_peers]") {
  v1alpha1::SeiNode node = Node();
  auto* label = node.mutable_spec()->add_peers()->mutable_label();
  (*label->mutable_selector())["sei.io/chain"] = "pacific-1";
  auto* ec2 = node.mutable_spec()->add_peers()->mutable_ec2_tags();
  ec2->set_region("eu-central-1");
  (*ec2->mutable_tags())["Chain"] = "pacific-1";
  node.mutable_spec()->add_peers()->mutable_static_()->add_addresses("id1@1.2.3.4:26656");
  (*node.mutable_spec()->add_peers()->mutable_label()->mutable_selector())["role"] = "rpc";
  node.mutable_status()->add_resolved_peers("a@h1:26656");
  node.mutable_status()->add_resolved_peers("b@h2:26656");

  google::protobuf::ListValue sources = BuildDiscoverPeerSources(node);
  REQUIRE(sources.values_size() == 4);
  const Struct& first = sources.values(0).struct_value();
  CHECK(Str(first, "type") == "static");
  CHECK(Addresses(first) == std::vector<std::string>{"a@h1:26656", "b@h2:26656"});
  const Struct& second = sources.values(1).struct_value();
  CHECK(Str(second, "type") == "ec2Tags");
  CHECK(Str(second, "region") == "eu-central-1");
  CHECK(second.fields().at("tags").struct_value().fields().at("Chain").string_value() ==
        "pacific-1");
  CHECK(second.fields().size() == 3);
  const Struct& third = sources.values(2).struct_value();
  CHECK(Str(third, "type") == "static");
  CHECK(Addresses(third) == std::vector<std::string>{"id1@1.2.3.4:26656"});
  // Every label entry emits the full union.
  CHECK(Addresses(sources.values(3).struct_value()) == Addresses(first));
}

TEST_CASE("§14.1 unresolved label sources are skipped, never sent as empty statics",
          "[discover_peers]") {
  v1alpha1::SeiNode node = Node();
  (*node.mutable_spec()->add_peers()->mutable_label()->mutable_selector())["a"] = "b";
  CHECK(BuildDiscoverPeerSources(node).values().empty());
  node.mutable_spec()->add_peers()->mutable_static_()->add_addresses("x@y:1");
  CHECK(BuildDiscoverPeerSources(node).values_size() == 1);
  CHECK(BuildDiscoverPeerSources(Node()).values().empty());  // no peers at all
}

TEST_CASE("The no-usable-sources message is exact", "[discover_peers]") {
  CHECK(NoUsablePeerSourcesMessage("lonely-node") ==
        "target SeiNode \"lonely-node\" has no usable peer sources to discover (empty "
        "spec.peers, or only label sources with unresolved status.resolvedPeers)");
}

}  // namespace
}  // namespace sei::planner::nodetask
