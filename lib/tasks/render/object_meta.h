// The metadata block every rendered object shares: its name, the node's
// namespace, its labels and the controller owner reference to the node.
#ifndef SEI_LIB_TASKS_RENDER_OBJECT_META_H_
#define SEI_LIB_TASKS_RENDER_OBJECT_META_H_

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "lib/k8s/kube_client.h"
#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

// {name, namespace: node's, labels, ownerReferences: [ControllerOwnerReference]}.
k8s::Object OwnedObjectMeta(const v1alpha1::SeiNode& node, absl::string_view name,
                            const std::map<std::string, std::string>& labels);

// Pod template metadata: labels and `karpenter.sh/do-not-disrupt: "true"`, so
// consolidation never evicts a node that takes hours to resync.
k8s::Object PodTemplateMeta(const std::map<std::string, std::string>& labels);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_OBJECT_META_H_
