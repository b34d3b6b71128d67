#include "lib/tasks/render/data_pvc.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/core/node_mode.h"
#include "lib/tasks/platform/mode_resources.h"
#include "lib/tasks/render/labels.h"
#include "lib/tasks/render/names.h"
#include "lib/tasks/render/object_meta.h"

namespace sei::tasks::render {

absl::StatusOr<k8s::Object> RenderDataPvc(const v1alpha1::SeiNode& node,
                                          const PlatformConfig& config) {
  absl::StatusOr<planner::NodeMode> mode = planner::ModeOf(node);
  if (!mode.ok()) return mode.status();
  const std::string& imported = node.spec().data_volume().import_volume().pvc_name();
  if (!imported.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("SeiNode ", node.metadata().namespace_(), "/", node.metadata().name(),
                     " imports PVC \"", imported, "\"; the operator does not create it"));
  }
  const ModeResources resources = ResourcesForMode(*mode, config);
  return k8s::Object{
      {"apiVersion", "v1"},
      {"kind", "PersistentVolumeClaim"},
      {"metadata", OwnedObjectMeta(node, DataPvcName(node), ResourceLabels(node))},
      {"spec",
       {{"accessModes", {"ReadWriteOnce"}},
        {"storageClassName", resources.storage_class},
        {"resources", {{"requests", {{"storage", resources.storage_size}}}}}}},
  };
}

}  // namespace sei::tasks::render
