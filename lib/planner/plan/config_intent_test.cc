#include "lib/planner/plan/config_intent.h"

#include <catch2/catch.hpp>

#include "lib/planner/plan/test_support.h"

namespace sei::planner {
namespace {

TEST_CASE("merge: user wins over base, forced wins over user", "[config]") {
  MergedOverrides merged =
      MergeOverrides({{"a", "base"}, {"b", "base"}, {"logging.level", "error"}},
                     {{"b", "user"}, {"logging.level", "debug"}});
  CHECK(merged.overrides ==
        ConfigOverrides{{"a", "base"}, {"b", "user"}, {"logging.level", "info"}});
  CHECK(merged.notes ==
        std::vector<std::string>{"rejecting user override logging.level=debug: forced to info"});
}

TEST_CASE("merge applies forced overrides on every call without spurious notes", "[config]") {
  // The base's own logging.level is not a user override: no note.
  MergedOverrides merged = MergeOverrides({{"logging.level", "error"}}, {});
  CHECK(merged.overrides == ConfigOverrides{{"logging.level", "info"}});
  CHECK(merged.notes.empty());
  // A user value equal to the forced one is accepted silently.
  merged = MergeOverrides({}, {{"logging.level", "info"}});
  CHECK(merged.notes.empty());
  CHECK(MergeOverrides({}, {}).overrides == ConfigOverrides{{"logging.level", "info"}});
}

TEST_CASE("Common overrides", "[config]") {
  v1alpha1::SeiNode node = testing::FullNode();
  CHECK(CommonOverrides(node.spec()) == ConfigOverrides{{"logging.level", "error"}});
  node.mutable_spec()->set_external_address("1.2.3.4:26656");
  CHECK(CommonOverrides(node.spec()) ==
        ConfigOverrides{{"logging.level", "error"},
                        {"network.p2p.external_address", "1.2.3.4:26656"}});
}

TEST_CASE("Mode-controller overrides", "[config]") {
  v1alpha1::SeiNode full = testing::FullNode();
  CHECK(ModeControllerOverrides(full.spec(), NodeMode::kFull).empty());
  full.mutable_spec()->mutable_full_node()->mutable_snapshot_generation()->mutable_tendermint()
      ->set_keep_recent(5);
  CHECK(ModeControllerOverrides(full.spec(), NodeMode::kFull) ==
        ConfigOverrides{{"storage.snapshot_interval", "2000"},
                        {"storage.snapshot_keep_recent", "5"},
                        {"storage.pruning_keep_recent", "50000"},
                        {"storage.pruning_keep_every", "0"},
                        {"chain.min_retain_blocks", "50000"},
                        {"network.p2p.max_connections", "500"},
                        {"network.p2p.send_rate", "20971520"},
                        {"network.p2p.recv_rate", "20971520"}});

  v1alpha1::SeiNode archive = testing::BareNode();
  archive.mutable_spec()->mutable_archive();
  CHECK(ModeControllerOverrides(archive.spec(), NodeMode::kArchive).empty());
  testing::EnablePublish(archive.mutable_spec()->mutable_archive()->mutable_snapshot_generation(),
                         3);
  CHECK(ModeControllerOverrides(archive.spec(), NodeMode::kArchive) ==
        ConfigOverrides{{"storage.snapshot_interval", "2000"},
                        {"storage.snapshot_keep_recent", "3"}});

  v1alpha1::SeiNode replayer = testing::BareNode();
  replayer.mutable_spec()->mutable_replayer();
  CHECK(ModeControllerOverrides(replayer.spec(), NodeMode::kReplayer) ==
        ConfigOverrides{{"storage.state_commit.async_commit_buffer", "100"},
                        {"storage.state_commit.memiavl.snapshot_keep_recent", "2"},
                        {"storage.state_commit.memiavl.snapshot_min_time_interval", "3600"}});

  v1alpha1::SeiNode validator = testing::BareNode();
  validator.mutable_spec()->mutable_validator();
  CHECK(ModeControllerOverrides(validator.spec(), NodeMode::kValidator).empty());
}

TEST_CASE("Config intent precedence: common < mode-controller < user < forced", "[config]") {
  v1alpha1::SeiNode node = testing::FullNode();
  node.mutable_spec()->set_external_address("ext:26656");
  node.mutable_spec()->mutable_full_node()->mutable_snapshot_generation()->mutable_tendermint()
      ->set_keep_recent(4);
  auto& user = *node.mutable_spec()->mutable_overrides();
  user["storage.snapshot_interval"] = "1000";   // beats mode-controller
  user["network.p2p.external_address"] = "u:1";  // beats common
  user["logging.level"] = "debug";              // loses to forced
  user["evm.http_port"] = "8545";

  ConfigIntent intent = BuildConfigIntent(node.spec(), NodeMode::kFull);
  CHECK(intent.mode == "full");
  CHECK(intent.overrides.at("storage.snapshot_interval") == "1000");
  CHECK(intent.overrides.at("storage.snapshot_keep_recent") == "4");
  CHECK(intent.overrides.at("network.p2p.external_address") == "u:1");
  CHECK(intent.overrides.at("logging.level") == "info");
  CHECK(intent.overrides.at("evm.http_port") == "8545");
  CHECK(intent.overrides.size() == 11);
  CHECK(intent.notes ==
        std::vector<std::string>{"rejecting user override logging.level=debug: forced to info"});
}

TEST_CASE("Config intent mode strings and validator merge", "[config]") {
  v1alpha1::SeiNode replayer = testing::BareNode();
  replayer.mutable_spec()->mutable_replayer();
  CHECK(BuildConfigIntent(replayer.spec(), NodeMode::kReplayer).mode == "full");

  v1alpha1::SeiNode validator = testing::BareNode();
  validator.mutable_spec()->mutable_validator();
  ConfigIntent intent = BuildConfigIntent(validator.spec(), NodeMode::kValidator);
  CHECK(intent.mode == "validator");
  CHECK(intent.overrides == ConfigOverrides{{"logging.level", "info"}});
  CHECK(intent.notes.empty());

  v1alpha1::SeiNode archive = testing::BareNode();
  archive.mutable_spec()->mutable_archive();
  CHECK(BuildConfigIntent(archive.spec(), NodeMode::kArchive).mode == "archive");
}

}  // namespace
}  // namespace sei::planner
