#include "lib/planner/core/node_mode.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace sei::planner {

using v1alpha1::SeiNodeSpec;
using v1alpha1::SnapshotSource;

absl::StatusOr<NodeMode> ModeOf(const v1alpha1::SeiNode& node) {
  const SeiNodeSpec& spec = node.spec();
  if (spec.has_full_node()) return NodeMode::kFull;
  if (spec.has_archive()) return NodeMode::kArchive;
  if (spec.has_replayer()) return NodeMode::kReplayer;
  if (spec.has_validator()) return NodeMode::kValidator;
  return absl::InvalidArgumentError(absl::StrCat("no mode sub-spec set on SeiNode ",
                                                 node.metadata().namespace_(), "/",
                                                 node.metadata().name()));
}

absl::string_view ModeFieldName(NodeMode mode) {
  switch (mode) {
    case NodeMode::kFull: return "fullNode";
    case NodeMode::kArchive: return "archive";
    case NodeMode::kReplayer: return "replayer";
    case NodeMode::kValidator: return "validator";
  }
  return "";
}

absl::string_view ConfigModeOf(NodeMode mode) {
  switch (mode) {
    case NodeMode::kFull: return "full";
    case NodeMode::kArchive: return "archive";
    case NodeMode::kReplayer: return "full";
    case NodeMode::kValidator: return "validator";
  }
  return "";
}

absl::string_view RoleLabelOf(NodeMode mode) {
  switch (mode) {
    case NodeMode::kFull: return "node";
    case NodeMode::kArchive: return "archive";
    case NodeMode::kReplayer: return "replayer";
    case NodeMode::kValidator: return "validator";
  }
  return "";
}

const SnapshotSource* SnapshotSourceOf(const SeiNodeSpec& spec) {
  if (spec.has_full_node()) {
    return spec.full_node().has_snapshot() ? &spec.full_node().snapshot() : nullptr;
  }
  if (spec.has_archive()) return nullptr;
  if (spec.has_replayer()) {
    return spec.replayer().has_snapshot() ? &spec.replayer().snapshot() : nullptr;
  }
  if (spec.has_validator()) {
    return spec.validator().has_snapshot() ? &spec.validator().snapshot() : nullptr;
  }
  return nullptr;
}

SnapshotMode SnapshotModeOf(const SnapshotSource* source) {
  if (source == nullptr) return SnapshotMode::kGenesis;
  if (source->has_s3()) return SnapshotMode::kSnapshot;
  if (source->has_state_sync()) return SnapshotMode::kStateSync;
  return SnapshotMode::kGenesis;
}

bool IsGenesisCeremony(const SeiNodeSpec& spec) {
  return spec.has_validator() && spec.validator().has_genesis_ceremony();
}

bool NeedsBootstrap(const SeiNodeSpec& spec) {
  if (IsGenesisCeremony(spec)) return false;
  const SnapshotSource* source = SnapshotSourceOf(spec);
  return source != nullptr && !source->bootstrap_image().empty() && source->has_s3() &&
         source->s3().target_height() > 0;
}

}  // namespace sei::planner
