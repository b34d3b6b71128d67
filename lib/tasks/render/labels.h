// The labels the operator puts on a SeiNode's objects (tasks.md §5.1, §5.9.1).
#ifndef SEI_LIB_TASKS_RENDER_LABELS_H_
#define SEI_LIB_TASKS_RENDER_LABELS_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

inline constexpr absl::string_view kNodeLabel = "sei.io/node";
inline constexpr absl::string_view kChainLabel = "sei.io/chain";
inline constexpr absl::string_view kRoleLabel = "sei.io/role";
inline constexpr absl::string_view kComponentLabel = "sei.io/component";
inline constexpr absl::string_view kBootstrapComponent = "bootstrap";

// StatefulSet, pod template, headless Service, PVC and ConfigMap labels:
// spec.podLabels overlaid with the system keys (which win) sei.io/node,
// sei.io/chain (only when spec.chainId is set) and sei.io/role. A node without
// a mode sub-spec (rejected at admission) gets the full node's role "node".
std::map<std::string, std::string> ResourceLabels(const v1alpha1::SeiNode& node);

// StatefulSet and headless Service selector: only sei.io/node, so user labels
// can change without orphaning the pod.
std::map<std::string, std::string> SelectorLabels(const v1alpha1::SeiNode& node);

// Bootstrap Job, its pod and the bootstrap Service: sei.io/node and
// sei.io/component=bootstrap (no user labels).
std::map<std::string, std::string> BootstrapLabels(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_LABELS_H_
