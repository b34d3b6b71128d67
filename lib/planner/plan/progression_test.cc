#include "lib/planner/plan/progression.h"

#include <catch2/catch.hpp>

#include "lib/planner/plan/test_support.h"

namespace sei::planner {
namespace {

using testing::Split;

TEST_CASE("InsertBefore inserts before the first occurrence of the target", "[progression]") {
  Progression p = Split("a b c b");
  REQUIRE(InsertBefore(&p, "b", "x").ok());
  CHECK(p == Split("a x b c b"));
}

TEST_CASE("InsertBefore is idempotent", "[progression]") {
  Progression p = Split("config-apply config-validate mark-ready");
  REQUIRE(InsertBefore(&p, "config-validate", "discover-peers").ok());
  REQUIRE(InsertBefore(&p, "config-validate", "discover-peers").ok());
  CHECK(p == Split("config-apply discover-peers config-validate mark-ready"));
  // Already present: unchanged even when the target is missing.
  REQUIRE(InsertBefore(&p, "no-such-task", "discover-peers").ok());
  CHECK(p == Split("config-apply discover-peers config-validate mark-ready"));
}

TEST_CASE("InsertBefore fails on a missing target", "[progression]") {
  Progression p = Split("config-apply config-validate mark-ready");
  absl::Status status = InsertBefore(&p, "snapshot-restore", "x");
  REQUIRE_FALSE(status.ok());
  CHECK(status.message() ==
        "insertBefore: target \"snapshot-restore\" not found in progression "
        "[config-apply config-validate mark-ready]");
  CHECK(p == Split("config-apply config-validate mark-ready"));
  CHECK(FormatProgression({}) == "[]");
}

TEST_CASE("Base progression per snapshot mode", "[progression]") {
  CHECK(BaseProgression(SnapshotMode::kSnapshot) ==
        Split("snapshot-restore config-apply config-validate mark-ready"));
  CHECK(BaseProgression(SnapshotMode::kStateSync) ==
        Split("config-apply config-validate mark-ready"));
  CHECK(BaseProgression(SnapshotMode::kGenesis) ==
        Split("config-apply config-validate mark-ready"));
}

TEST_CASE("Sidecar progression insertions in table order", "[progression]") {
  SidecarProgressionOptions options;
  options.snapshot_mode = SnapshotMode::kSnapshot;
  options.discover_peers = true;
  options.configure_state_sync = true;
  options.snapshot_upload = true;
  auto p = BuildSidecarProgression(options);
  REQUIRE(p.ok());
  CHECK(*p == Split("snapshot-restore configure-genesis config-apply discover-peers "
                    "configure-state-sync config-validate snapshot-upload mark-ready"));

  auto bare = BuildSidecarProgression(SidecarProgressionOptions{});
  REQUIRE(bare.ok());
  CHECK(*bare == Split("configure-genesis config-apply config-validate mark-ready"));
}

TEST_CASE("Progression options follow the spec per stage", "[progression]") {
  v1alpha1::SeiNode node = testing::FullNode();
  auto* full = node.mutable_spec()->mutable_full_node();
  testing::AddS3Snapshot(full->mutable_snapshot(), 100);
  testing::EnablePublish(full->mutable_snapshot_generation(), 2);
  testing::AddStaticPeer(&node, {"id@host:26656"});

  auto base = ProgressionOptionsFor(node.spec(), ProgressionStage::kBase);
  CHECK(base.snapshot_mode == SnapshotMode::kSnapshot);
  CHECK(base.discover_peers);
  CHECK(base.configure_state_sync);
  CHECK(base.snapshot_upload);

  auto pod = ProgressionOptionsFor(node.spec(), ProgressionStage::kBootstrapPod);
  CHECK(pod.snapshot_mode == SnapshotMode::kSnapshot);
  CHECK(pod.configure_state_sync);
  CHECK_FALSE(pod.snapshot_upload);

  auto after = ProgressionOptionsFor(node.spec(), ProgressionStage::kAfterBootstrap);
  CHECK(after.snapshot_mode == SnapshotMode::kGenesis);
  CHECK_FALSE(after.configure_state_sync);
  CHECK(after.snapshot_upload);
  CHECK(after.discover_peers);
}

TEST_CASE("Only full and archive nodes publish snapshots", "[progression]") {
  v1alpha1::SeiNode full = testing::FullNode();
  CHECK_FALSE(PublishesSnapshots(full.spec()));
  full.mutable_spec()->mutable_full_node()->mutable_snapshot_generation()->mutable_tendermint();
  CHECK_FALSE(PublishesSnapshots(full.spec()));  // tendermint without publish
  testing::EnablePublish(
      full.mutable_spec()->mutable_full_node()->mutable_snapshot_generation(), 2);
  CHECK(PublishesSnapshots(full.spec()));

  v1alpha1::SeiNode archive = testing::BareNode();
  testing::EnablePublish(
      archive.mutable_spec()->mutable_archive()->mutable_snapshot_generation(), 3);
  CHECK(PublishesSnapshots(archive.spec()));

  v1alpha1::SeiNode validator = testing::BareNode();
  validator.mutable_spec()->mutable_validator();
  CHECK_FALSE(PublishesSnapshots(validator.spec()));
}

}  // namespace
}  // namespace sei::planner
