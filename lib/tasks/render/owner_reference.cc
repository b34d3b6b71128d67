#include "lib/tasks/render/owner_reference.h"

namespace sei::tasks::render {

k8s::Object ControllerOwnerReference(const v1alpha1::SeiNode& node) {
  return k8s::Object{
      {"apiVersion", "sei.io/v1alpha1"}, {"kind", "SeiNode"},  {"name", node.metadata().name()},
      {"uid", node.metadata().uid()},    {"controller", true}, {"blockOwnerDeletion", true}};
}

}  // namespace sei::tasks::render
