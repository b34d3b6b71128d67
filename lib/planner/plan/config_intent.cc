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

namespace {

// A note for each forced key that `user` sets to another value. `User` is a
// ConfigOverrides or the spec's protobuf map.
template <typename User>
void NoteRejected(const User& user, std::vector<std::string>* notes) {
  for (const auto& [key, forced] : ForcedOverrides()) {
    auto from_user = user.find(key);
    if (from_user != user.end() && from_user->second != forced) {
      notes->push_back(absl::StrCat("rejecting user override ", key, "=", from_user->second,
                                    ": forced to ", forced));
    }
  }
}

// The second half of merge(base, user) (§10), in place: `overrides` holds
// `base`; overlay `user` (iteration order does not matter), note rejected
// values and force the forced keys.
template <typename User>
void OverlayAndForce(const User& user, ConfigOverrides* overrides,
                     std::vector<std::string>* notes) {
  for (const auto& [key, value] : user) (*overrides)[key] = value;
  NoteRejected(user, notes);
  for (const auto& [key, forced] : ForcedOverrides()) (*overrides)[key] = forced;
}

}  // namespace

MergedOverrides MergeOverrides(const ConfigOverrides& base, const ConfigOverrides& user) {
  MergedOverrides merged;
  merged.overrides = base;
  OverlayAndForce(user, &merged.overrides, &merged.notes);
  return merged;
}

ConfigOverrides CommonOverrides(const v1alpha1::SeiNodeSpec& spec) {
  ConfigOverrides common;
  common.emplace(kLoggingLevelKey, "error");
  if (!spec.external_address().empty()) {
    common.emplace("network.p2p.external_address", spec.external_address());
  }
  return common;
}

ConfigOverrides ModeControllerOverrides(const v1alpha1::SeiNodeSpec& spec, NodeMode mode) {
  // Entries are emplaced one by one: an initializer list would build every
  // string twice.
  ConfigOverrides out;
  switch (mode) {
    case NodeMode::kFull: {
      const auto& generation = spec.full_node().snapshot_generation();
      if (!spec.full_node().has_snapshot_generation() || !generation.has_tendermint()) break;
      // A snapshot producer keeps history and serves many state-syncing peers.
      out.emplace("storage.snapshot_interval", "2000");
      out.emplace("storage.snapshot_keep_recent",
                  absl::StrCat(generation.tendermint().keep_recent()));
      out.emplace("storage.pruning_keep_recent", "50000");
      out.emplace("storage.pruning_keep_every", "0");
      out.emplace("chain.min_retain_blocks", "50000");
      out.emplace("network.p2p.max_connections", "500");
      out.emplace("network.p2p.send_rate", "20971520");
      out.emplace("network.p2p.recv_rate", "20971520");
      break;
    }
    case NodeMode::kArchive: {
      const auto& generation = spec.archive().snapshot_generation();
      if (!spec.archive().has_snapshot_generation() || !generation.has_tendermint()) break;
      out.emplace("storage.snapshot_interval", "2000");
      out.emplace("storage.snapshot_keep_recent",
                  absl::StrCat(generation.tendermint().keep_recent()));
      break;
    }
    case NodeMode::kReplayer:
      out.emplace("storage.state_commit.async_commit_buffer", "100");
      out.emplace("storage.state_commit.memiavl.snapshot_keep_recent", "2");
      out.emplace("storage.state_commit.memiavl.snapshot_min_time_interval", "3600");
      break;
    case NodeMode::kValidator:
      break;
  }
  return out;
}

ConfigIntent BuildConfigIntent(const v1alpha1::SeiNodeSpec& spec, NodeMode mode) {
  // Built in one map, without the intermediate copies of the nested merges.
  ConfigIntent intent;
  intent.mode = std::string(ConfigModeOf(mode));
  if (mode == NodeMode::kValidator) {
    intent.overrides = CommonOverrides(spec);
  } else {
    // merge(common, modeController): the controller's entries win, so common
    // entries join only under keys the controller left unset (std::map::merge
    // moves exactly those). Its forcing is redone by the outer merge below;
    // only its notes (the controller overriding a forced key) are kept.
    intent.overrides = ModeControllerOverrides(spec, mode);
    NoteRejected(intent.overrides, &intent.notes);
    ConfigOverrides common = CommonOverrides(spec);
    intent.overrides.merge(common);
  }
  // merge(..., spec.overrides), reading the user's map in place.
  OverlayAndForce(spec.overrides(), &intent.overrides, &intent.notes);
  return intent;
}

}  // namespace sei::planner
