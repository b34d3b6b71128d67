// Ordered sidecar task progressions (plans.md §7): the base sequence per
// snapshot mode, the insertBefore primitive, and the conditional insertions.
// Init base plans and both halves of bootstrap plans are built from here so
// the three can never disagree on ordering.
#ifndef SEI_LIB_PLANNER_PLAN_PROGRESSION_H_
#define SEI_LIB_PLANNER_PLAN_PROGRESSION_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "lib/planner/core/node_mode.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

// Task type strings in execution order.
using Progression = std::vector<std::string>;

// "[a b c]": the rendering used in insertBefore's error (Go's %v of a slice).
std::string FormatProgression(const Progression& progression);

// §7.2. If `new_type` is already present, does nothing (so repeated
// insertions are idempotent). Otherwise inserts it immediately before the
// first `target`. A missing target is a plan-construction bug and fails with
// InternalError `insertBefore: target "<target>" not found in progression [...]`.
absl::Status InsertBefore(Progression* progression, absl::string_view target,
                          absl::string_view new_type);

// §7.1: the base sequence of a snapshot mode.
Progression BaseProgression(SnapshotMode mode);

// Which optional tasks §7.3 inserts.
struct SidecarProgressionOptions {
  SnapshotMode snapshot_mode = SnapshotMode::kGenesis;
  bool discover_peers = false;        // #2: spec.peers non-empty
  bool configure_state_sync = false;  // #3: a snapshot source is present
  bool snapshot_upload = false;       // #4: publish (full/archive), not in a bootstrap pod
};

// §7.3: the base sequence plus the insertions, applied in the table's order
// (configure-genesis, discover-peers, configure-state-sync, snapshot-upload).
absl::StatusOr<Progression> BuildSidecarProgression(const SidecarProgressionOptions& options);

// Where a progression runs: an init base plan (§8.1), the bootstrap Job's pod
// (§8.3 phase 2), or the production pod after a bootstrap (§8.3 phase 5).
enum class ProgressionStage { kBase, kBootstrapPod, kAfterBootstrap };

// §7.3/§7.4 conditions evaluated against the spec for one stage.
SidecarProgressionOptions ProgressionOptionsFor(const v1alpha1::SeiNodeSpec& spec,
                                                ProgressionStage stage);

// True when the mode's snapshotGeneration.tendermint.publish is present. Only
// full and archive nodes have snapshotGeneration.
bool PublishesSnapshots(const v1alpha1::SeiNodeSpec& spec);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_PLAN_PROGRESSION_H_
