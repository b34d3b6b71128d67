#include "lib/planner/plan/peer_sources.h"

#include <catch2/catch.hpp>

#include "lib/planner/plan/test_support.h"

namespace sei::planner {
namespace {

using testing::ToJson;

ResolvedPeers Peers(std::vector<std::string> peers) {
  return ResolvedPeers(peers.begin(), peers.end());
}

TEST_CASE("Build-time sources: one per spec entry, label → all resolved peers", "[peers]") {
  v1alpha1::SeiNode node = testing::FullNode();
  testing::AddEc2Peer(&node);
  testing::AddLabelPeer(&node);
  testing::AddStaticPeer(&node, {"s1@h1:26656"});
  testing::AddLabelPeer(&node);
  std::vector<PeerSourceParam> sources =
      BuildTimePeerSources(node.spec(), Peers({"a@x:26656", "b@y:26656"}));
  REQUIRE(sources.size() == 4);
  CHECK(ToJson(PeerSourceToValue(sources[0])) ==
        R"({"region":"eu-central-1","tags":{"ChainIdentifier":"pacific-1"},"type":"ec2Tags"})");
  CHECK(ToJson(PeerSourceToValue(sources[1])) ==
        R"({"addresses":["a@x:26656","b@y:26656"],"type":"static"})");
  CHECK(ToJson(PeerSourceToValue(sources[2])) ==
        R"({"addresses":["s1@h1:26656"],"type":"static"})");
  CHECK(sources[3] == sources[1]);
}

TEST_CASE("Build-time sources keep an unresolved label source (D9 recomputes)", "[peers]") {
  v1alpha1::SeiNode node = testing::FullNode();
  testing::AddLabelPeer(&node);
  std::vector<PeerSourceParam> sources = BuildTimePeerSources(node.spec(), Peers({}));
  REQUIRE(sources.size() == 1);
  CHECK(ToJson(PeerSourceToValue(sources[0])) == R"({"type":"static"})");
}

TEST_CASE("Execution-time sources drop unresolved labels", "[peers]") {
  v1alpha1::SeiNode node = testing::FullNode();
  testing::AddLabelPeer(&node);
  testing::AddStaticPeer(&node, {"s1@h1:26656"});
  auto sources = DiscoverPeerSources(node.spec(), Peers({}));
  REQUIRE(sources.ok());
  REQUIRE(sources->size() == 1);
  CHECK((*sources)[0].addresses == std::vector<std::string>{"s1@h1:26656"});

  auto resolved = DiscoverPeerSources(node.spec(), Peers({"a@x:1"}));
  REQUIRE(resolved.ok());
  REQUIRE(resolved->size() == 2);
  CHECK((*resolved)[0].addresses == std::vector<std::string>{"a@x:1"});
}

TEST_CASE("Execution-time sources: nothing usable is an error", "[peers]") {
  v1alpha1::SeiNode node = testing::FullNode();
  testing::AddLabelPeer(&node);
  auto sources = DiscoverPeerSources(node.spec(), Peers({}));
  REQUIRE_FALSE(sources.ok());
  CHECK(sources.status().message() == "no usable peer sources (label selectors unresolved)");

  v1alpha1::SeiNode empty = testing::FullNode();
  CHECK_FALSE(DiscoverPeerSources(empty.spec(), Peers({})).ok());
}

}  // namespace
}  // namespace sei::planner
