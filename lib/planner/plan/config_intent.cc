#include "lib/planner/plan/config_intent.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace sei::planner {

const ConfigOverrides& ForcedOverrides() {
  // Operators rely on info-level logs; the controller's own "error" default
  // and any user value are replaced.
  static const ConfigOverrides* const kForced =
      new ConfigOverrides{{std::string(kLoggingLevelKey), "info"}};
  return *kForced;
}

MergedOverrides MergeOverrides(const ConfigOverrides& base, const ConfigOverrides& user) {
  MergedOverrides merged;
  merged.overrides = base;
  for (const auto& [key, value] : user) merged.overrides[key] = value;
  for (const auto& [key, forced] : ForcedOverrides()) {
    auto from_user = user.find(key);
    if (from_user != user.end() && from_user->second != forced) {
      merged.notes.push_back(absl::StrCat("rejecting user override ", key, "=",
                                          from_user->second, ": forced to ", forced));
    }
    merged.overrides[key] = forced;
  }
  return merged;
}

ConfigOverrides CommonOverrides(const v1alpha1::SeiNodeSpec& spec) {
  ConfigOverrides common{{std::string(kLoggingLevelKey), "error"}};
  if (!spec.external_address().empty()) {
    common["network.p2p.external_address"] = spec.external_address();
  }
  return common;
}

ConfigOverrides ModeControllerOverrides(const v1alpha1::SeiNodeSpec& spec, NodeMode mode) {
  switch (mode) {
    case NodeMode::kFull: {
      const auto& generation = spec.full_node().snapshot_generation();
      if (!spec.full_node().has_snapshot_generation() || !generation.has_tendermint()) return {};
      // A snapshot producer keeps history and serves many state-syncing peers.
      return {
          {"storage.snapshot_interval", "2000"},
          {"storage.snapshot_keep_recent", absl::StrCat(generation.tendermint().keep_recent())},
          {"storage.pruning_keep_recent", "50000"},
          {"storage.pruning_keep_every", "0"},
          {"chain.min_retain_blocks", "50000"},
          {"network.p2p.max_connections", "500"},
          {"network.p2p.send_rate", "20971520"},
          {"network.p2p.recv_rate", "20971520"},
      };
    }
    case NodeMode::kArchive: {
      const auto& generation = spec.archive().snapshot_generation();
      if (!spec.archive().has_snapshot_generation() || !generation.has_tendermint()) return {};
      return {
          {"storage.snapshot_interval", "2000"},
          {"storage.snapshot_keep_recent", absl::StrCat(generation.tendermint().keep_recent())},
      };
    }
    case NodeMode::kReplayer:
      return {
          {"storage.state_commit.async_commit_buffer", "100"},
          {"storage.state_commit.memiavl.snapshot_keep_recent", "2"},
          {"storage.state_commit.memiavl.snapshot_min_time_interval", "3600"},
      };
    case NodeMode::kValidator:
      return {};
  }
  return {};
}

ConfigIntent BuildConfigIntent(const v1alpha1::SeiNodeSpec& spec, NodeMode mode) {
  const ConfigOverrides user(spec.overrides().begin(), spec.overrides().end());
  ConfigIntent intent;
  intent.mode = std::string(ConfigModeOf(mode));
  MergedOverrides merged;
  if (mode == NodeMode::kValidator) {
    merged = MergeOverrides(CommonOverrides(spec), user);
  } else {
    MergedOverrides controller =
        MergeOverrides(CommonOverrides(spec), ModeControllerOverrides(spec, mode));
    merged = MergeOverrides(controller.overrides, user);
    merged.notes.insert(merged.notes.begin(), controller.notes.begin(), controller.notes.end());
  }
  intent.overrides = std::move(merged.overrides);
  intent.notes = std::move(merged.notes);
  return intent;
}

}  // namespace sei::planner
