#include "lib/planner/nodetask/kind.h"

#include <array>

#include "lib/planner/core/task_catalog.h"

namespace sei::planner::nodetask {
namespace {

struct KindInfo {
  NodeTaskKind kind;
  absl::string_view name;
  absl::string_view task_type;
  absl::string_view payload_field;
  bool sidecar;
};

// nodetask.md §3.
constexpr std::array<KindInfo, 7> kKinds = {{
    {NodeTaskKind::kGovSoftwareUpgrade, "GovSoftwareUpgrade", task_type::kGovSoftwareUpgrade,
     "govSoftwareUpgrade", true},
    {NodeTaskKind::kGovVote, "GovVote", task_type::kGovVote, "govVote", true},
    {NodeTaskKind::kAwaitCondition, "AwaitCondition", task_type::kAwaitCondition, "awaitCondition",
     true},
    {NodeTaskKind::kUpdateNodeImage, "UpdateNodeImage", task_type::kUpdateNodeImage,
     "updateNodeImage", false},
    {NodeTaskKind::kAwaitNodesAtHeight, "AwaitNodesAtHeight", task_type::kAwaitCondition,
     "awaitNodesAtHeight", true},
    {NodeTaskKind::kDiscoverPeers, "DiscoverPeers", task_type::kDiscoverPeers, "discoverPeers",
     true},
    {NodeTaskKind::kRestartPod, "RestartPod", task_type::kRestartPod, "restartPod", false},
}};

const KindInfo& Info(NodeTaskKind kind) { return kKinds[static_cast<int>(kind)]; }

}  // namespace

std::optional<NodeTaskKind> ParseKind(absl::string_view kind) {
  for (const KindInfo& info : kKinds) {
    if (info.name == kind) return info.kind;
  }
  return std::nullopt;
}

absl::string_view KindName(NodeTaskKind kind) { return Info(kind).name; }
absl::string_view KindTaskType(NodeTaskKind kind) { return Info(kind).task_type; }
absl::string_view KindPayloadField(NodeTaskKind kind) { return Info(kind).payload_field; }
bool IsSidecarKind(NodeTaskKind kind) { return Info(kind).sidecar; }

}  // namespace sei::planner::nodetask
