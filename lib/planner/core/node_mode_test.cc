#include "lib/planner/core/node_mode.h"

#include <catch2/catch.hpp>

namespace sei::planner {
namespace {

using v1alpha1::SeiNode;

TEST_CASE("ModeOf follows the union field, archive: {} included", "[mode]") {
  SeiNode node;
  node.mutable_metadata()->set_name("n");
  node.mutable_metadata()->set_namespace_("ns");
  auto none = ModeOf(node);
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "no mode sub-spec set on SeiNode ns/n");

  node.mutable_spec()->mutable_archive();  // presence alone selects archive
  REQUIRE(ModeOf(node).ok());
  CHECK(*ModeOf(node) == NodeMode::kArchive);
  CHECK(ConfigModeOf(NodeMode::kArchive) == "archive");
  CHECK(ConfigModeOf(NodeMode::kReplayer) == "full");
  CHECK(RoleLabelOf(NodeMode::kFull) == "node");
}

TEST_CASE("Snapshot mode and NeedsBootstrap", "[mode]") {
  SeiNode node;
  auto* snapshot = node.mutable_spec()->mutable_full_node()->mutable_snapshot();
  CHECK(SnapshotModeOf(SnapshotSourceOf(node.spec())) == SnapshotMode::kGenesis);
  snapshot->mutable_state_sync();
  CHECK(SnapshotModeOf(SnapshotSourceOf(node.spec())) == SnapshotMode::kStateSync);
  snapshot->clear_state_sync();
  snapshot->mutable_s3()->set_target_height(100);
  CHECK(SnapshotModeOf(SnapshotSourceOf(node.spec())) == SnapshotMode::kSnapshot);
  CHECK_FALSE(NeedsBootstrap(node.spec()));
  snapshot->set_bootstrap_image("img");
  CHECK(NeedsBootstrap(node.spec()));
  snapshot->mutable_s3()->set_target_height(0);
  CHECK_FALSE(NeedsBootstrap(node.spec()));
}

TEST_CASE("Genesis-ceremony validators never bootstrap", "[mode]") {
  SeiNode node;
  auto* validator = node.mutable_spec()->mutable_validator();
  validator->mutable_snapshot()->mutable_s3()->set_target_height(5);
  validator->mutable_snapshot()->set_bootstrap_image("img");
  CHECK(NeedsBootstrap(node.spec()));
  validator->mutable_genesis_ceremony()->set_chain_id("c");
  CHECK(IsGenesisCeremony(node.spec()));
  CHECK_FALSE(NeedsBootstrap(node.spec()));
}

TEST_CASE("Archive nodes have no snapshot source", "[mode]") {
  SeiNode node;
  node.mutable_spec()->mutable_archive();
  CHECK(SnapshotSourceOf(node.spec()) == nullptr);
}

}  // namespace
}  // namespace sei::planner
