// What kind of node a SeiNode is, and how it gets its initial state
// (api.md §6, plans.md §6.1 and §6.3).
#ifndef SEI_LIB_PLANNER_CORE_NODE_MODE_H_
#define SEI_LIB_PLANNER_CORE_NODE_MODE_H_

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::planner {

enum class NodeMode { kFull, kArchive, kReplayer, kValidator };

// The mode selected by the populated sub-spec, checked in the order fullNode,
// archive, replayer, validator. None → `no mode sub-spec set on SeiNode <ns>/<name>`.
absl::StatusOr<NodeMode> ModeOf(const v1alpha1::SeiNode& node);

// The spec field name of the mode: "fullNode", "archive", "replayer", "validator".
absl::string_view ModeFieldName(NodeMode mode);
// The sei-config mode string: "full", "archive", "full", "validator".
absl::string_view ConfigModeOf(NodeMode mode);
// The pod `sei.io/role` label: "node", "archive", "replayer", "validator".
absl::string_view RoleLabelOf(NodeMode mode);

// The node's snapshot source (fullNode/validator/replayer .snapshot), or
// nullptr when absent or for archive nodes.
const v1alpha1::SnapshotSource* SnapshotSourceOf(const v1alpha1::SeiNodeSpec& spec);

enum class SnapshotMode {
  kSnapshot,   // restore an S3 archive
  kStateSync,  // Tendermint state sync
  kGenesis,    // block sync from genesis
};
SnapshotMode SnapshotModeOf(const v1alpha1::SnapshotSource* source);

// True iff the snapshot source has a bootstrapImage and an S3 source with
// targetHeight > 0, and the node is not a genesis-ceremony validator.
bool NeedsBootstrap(const v1alpha1::SeiNodeSpec& spec);

// True for a validator with spec.validator.genesisCeremony.
bool IsGenesisCeremony(const v1alpha1::SeiNodeSpec& spec);

}  // namespace sei::planner

#endif  // SEI_LIB_PLANNER_CORE_NODE_MODE_H_
