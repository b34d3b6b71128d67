// The config intent carried by `config-apply` (plans.md §10): the sei-config
// mode and the flat dotted-key override map, merged from the controller's
// defaults, the user's spec.overrides and the forced overrides.
#ifndef SEI_LIB_PLANNER_PLAN_CONFIG_INTENT_H_
#define SEI_LIB_PLANNER_PLAN_CONFIG_INTENT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "lib/planner/core/node_mode.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// Dotted sei-config key → string value. Ordered, so plans are deterministic.
using ConfigOverrides = std::map<std::string, std::string>;

inline constexpr absl::string_view kLoggingLevelKey = "logging.level";

// Keys no user value may change, with their values: logging.level=info.
const ConfigOverrides& ForcedOverrides();

struct MergedOverrides {
  ConfigOverrides overrides;
  // One human-readable line per rejected user value, e.g.
  // `rejecting user override logging.level=debug: forced to info`. The
  // planner does no I/O; the caller logs these.
  std::vector<std::string> notes;
};

// merge(base, user) of §10: copy `base`, overlay `user` (user wins), then
// apply the forced overrides. Forcing happens on every call; a note is
// produced only when `user` itself set a forced key to another value.
MergedOverrides MergeOverrides(const ConfigOverrides& base, const ConfigOverrides& user);

// Common overrides (all modes): logging.level=error (always superseded by the
// forced value) and network.p2p.external_address when spec.externalAddress is
// set.
ConfigOverrides CommonOverrides(const v1alpha1::SeiNodeSpec& spec);

// Mode-controller overrides (§10 table): snapshot-generation tuning for full
// and archive nodes, state-commit tuning for replayers, none for validators.
ConfigOverrides ModeControllerOverrides(const v1alpha1::SeiNodeSpec& spec, NodeMode mode);

struct ConfigIntent {
  std::string mode;  // "full", "archive" or "validator" (ConfigModeOf)
  ConfigOverrides overrides;
  std::vector<std::string> notes;  // rejected user overrides, for logging
};

// The intent of an init plan: full/archive/replayer use
// merge(merge(common, modeController), spec.overrides); validators (including
// genesis-ceremony ones) use merge(common, spec.overrides).
ConfigIntent BuildConfigIntent(const v1alpha1::SeiNodeSpec& spec, NodeMode mode);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_CONFIG_INTENT_H_
