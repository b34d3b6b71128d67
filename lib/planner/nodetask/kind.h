// The SeiNodeTask kinds and their static properties (nodetask.md §2, §3).
#ifndef SEI_LIB_PLANNER_NODETASK_KIND_H_
#define SEI_LIB_PLANNER_NODETASK_KIND_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace sei::planner::nodetask {

enum class NodeTaskKind {
  kGovSoftwareUpgrade,
  kGovVote,
  kAwaitCondition,
  kUpdateNodeImage,
  kAwaitNodesAtHeight,
  kDiscoverPeers,
  kRestartPod,
};

// `spec.kind` is a string so that a kind this build does not know still
// decodes; nullopt for such a kind (→ UnsupportedKind, §10.2).
std::optional<NodeTaskKind> ParseKind(absl::string_view kind);

// The CR kind string, e.g. "RestartPod" (also the §12 task-ID seed part).
absl::string_view KindName(NodeTaskKind kind);

// The backing task type (§3), e.g. "await-condition" for AwaitNodesAtHeight.
absl::string_view KindTaskType(NodeTaskKind kind);

// The spec payload field of the kind (§2), e.g. "awaitNodesAtHeight".
absl::string_view KindPayloadField(NodeTaskKind kind);

// True for kinds that run on the target's sidecar; false for the
// controller-side kinds UpdateNodeImage and RestartPod (§3).
bool IsSidecarKind(NodeTaskKind kind);

}  // namespace sei::planner::nodetask

#endif  // SEI_LIB_PLANNER_NODETASK_KIND_H_
