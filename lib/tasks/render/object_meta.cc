#include "lib/tasks/render/object_meta.h"

#include "lib/tasks/render/owner_reference.h"

namespace sei::tasks::render {

k8s::Object OwnedObjectMeta(const v1alpha1::SeiNode& node, absl::string_view name,
                            const std::map<std::string, std::string>& labels) {
  return {{"name", std::string(name)},
          {"namespace", node.metadata().namespace_()},
          {"labels", labels},
          {"ownerReferences", k8s::Object::array({ControllerOwnerReference(node)})}};
}

k8s::Object PodTemplateMeta(const std::map<std::string, std::string>& labels) {
  return {{"labels", labels}, {"annotations", {{"karpenter.sh/do-not-disrupt", "true"}}}};
}

}  // namespace sei::tasks::render
