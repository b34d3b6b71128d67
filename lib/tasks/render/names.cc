#include "lib/tasks/render/names.h"

#include "absl/strings/str_cat.h"

namespace sei::tasks::render {

std::string StatefulSetName(const v1alpha1::SeiNode& node) { return node.metadata().name(); }

std::string PodName(const v1alpha1::SeiNode& node) {
  return absl::StrCat(StatefulSetName(node), "-0");
}

std::string HeadlessServiceName(const v1alpha1::SeiNode& node) { return node.metadata().name(); }

std::string DataPvcName(const v1alpha1::SeiNode& node) {
  const v1alpha1::SeiNodeSpec& spec = node.spec();
  if (spec.has_data_volume() && spec.data_volume().has_import_volume() &&
      !spec.data_volume().import_volume().pvc_name().empty()) {
    return spec.data_volume().import_volume().pvc_name();
  }
  return absl::StrCat("data-", node.metadata().name());
}

std::string RbacProxyConfigMapName(const v1alpha1::SeiNode& node) {
  return absl::StrCat(node.metadata().name(), "-rbac-proxy-config");
}

std::string BootstrapJobName(const v1alpha1::SeiNode& node) {
  return absl::StrCat(node.metadata().name(), "-bootstrap");
}

std::string BootstrapServiceName(const v1alpha1::SeiNode& node) { return node.metadata().name(); }

}  // namespace sei::tasks::render
