#include "lib/planner/plan/progression.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/planner/core/task_catalog.h"

namespace sei::planner {

std::string FormatProgression(const Progression& progression) {
  return absl::StrCat("[", absl::StrJoin(progression, " "), "]");
}

absl::Status InsertBefore(Progression* progression, absl::string_view target,
                          absl::string_view new_type) {
  if (std::find(progression->begin(), progression->end(), new_type) != progression->end()) {
    return absl::OkStatus();
  }
  auto at = std::find(progression->begin(), progression->end(), target);
  if (at == progression->end()) {
    return absl::InternalError(absl::StrCat("insertBefore: target \"", target,
                                            "\" not found in progression ",
                                            FormatProgression(*progression)));
  }
  progression->insert(at, std::string(new_type));
  return absl::OkStatus();
}

Progression BaseProgression(SnapshotMode mode) {
  Progression progression;
  progression.reserve(8);  // room for every insertion of §7.3
  if (mode == SnapshotMode::kSnapshot) {
    progression.emplace_back(task_type::kSnapshotRestore);
  }
  progression.emplace_back(task_type::kConfigApply);
  progression.emplace_back(task_type::kConfigValidate);
  progression.emplace_back(task_type::kMarkReady);
  return progression;
}

absl::StatusOr<Progression> BuildSidecarProgression(const SidecarProgressionOptions& options) {
  Progression progression = BaseProgression(options.snapshot_mode);
  absl::Status status =
      InsertBefore(&progression, task_type::kConfigApply, task_type::kConfigureGenesis);
  if (status.ok() && options.discover_peers) {
    status = InsertBefore(&progression, task_type::kConfigValidate, task_type::kDiscoverPeers);
  }
  // Inserted after discover-peers before the same target, so it lands between
  // discover-peers and config-validate.
  if (status.ok() && options.configure_state_sync) {
    status =
        InsertBefore(&progression, task_type::kConfigValidate, task_type::kConfigureStateSync);
  }
  if (status.ok() && options.snapshot_upload) {
    status = InsertBefore(&progression, task_type::kMarkReady, task_type::kSnapshotUpload);
  }
  if (!status.ok()) return status;
  return progression;
}

bool PublishesSnapshots(const v1alpha1::SeiNodeSpec& spec) {
  const v1alpha1::SnapshotGenerationConfig* generation = nullptr;
  if (spec.has_full_node() && spec.full_node().has_snapshot_generation()) {
    generation = &spec.full_node().snapshot_generation();
  } else if (spec.has_archive() && spec.archive().has_snapshot_generation()) {
    generation = &spec.archive().snapshot_generation();
  }
  return generation != nullptr && generation->has_tendermint() &&
         generation->tendermint().has_publish();
}

SidecarProgressionOptions ProgressionOptionsFor(const v1alpha1::SeiNodeSpec& spec,
                                                ProgressionStage stage) {
  const v1alpha1::SnapshotSource* source = SnapshotSourceOf(spec);
  SidecarProgressionOptions options;
  options.discover_peers = !spec.peers().empty();
  switch (stage) {
    case ProgressionStage::kBase:
      options.snapshot_mode = SnapshotModeOf(source);
      options.configure_state_sync = source != nullptr;
      options.snapshot_upload = PublishesSnapshots(spec);
      break;
    case ProgressionStage::kBootstrapPod:
      // The bootstrap Job exists to restore the S3 snapshot (NeedsBootstrap),
      // and its seid must not start uploading snapshots.
      options.snapshot_mode = SnapshotMode::kSnapshot;
      options.configure_state_sync = true;
      options.snapshot_upload = false;
      break;
    case ProgressionStage::kAfterBootstrap:
      // The data volume is already restored and synced: the production pod
      // is configured as if it had no snapshot source.
      options.snapshot_mode = SnapshotMode::kGenesis;
      options.configure_state_sync = false;
      options.snapshot_upload = PublishesSnapshots(spec);
      break;
  }
  return options;
}

}  // namespace sei::planner
