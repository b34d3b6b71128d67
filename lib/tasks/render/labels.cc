#include "lib/tasks/render/labels.h"

#include "lib/planner/core/node_mode.h"

namespace sei::tasks::render {

std::map<std::string, std::string> ResourceLabels(const v1alpha1::SeiNode& node) {
  std::map<std::string, std::string> labels(node.spec().pod_labels().begin(),
                                            node.spec().pod_labels().end());
  labels[std::string(kNodeLabel)] = node.metadata().name();
  if (node.spec().chain_id().empty()) {
    // A user label may not impersonate a chain the node does not have.
    labels.erase(std::string(kChainLabel));
  } else {
    labels[std::string(kChainLabel)] = node.spec().chain_id();
  }
  absl::StatusOr<planner::NodeMode> mode = planner::ModeOf(node);
  labels[std::string(kRoleLabel)] =
      std::string(planner::RoleLabelOf(mode.ok() ? *mode : planner::NodeMode::kFull));
  return labels;
}

std::map<std::string, std::string> SelectorLabels(const v1alpha1::SeiNode& node) {
  return {{std::string(kNodeLabel), node.metadata().name()}};
}

std::map<std::string, std::string> BootstrapLabels(const v1alpha1::SeiNode& node) {
  return {{std::string(kNodeLabel), node.metadata().name()},
          {std::string(kComponentLabel), std::string(kBootstrapComponent)}};
}

}  // namespace sei::tasks::render
