#include "lib/tasks/controller/apply_rbac_proxy_config.h"

#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/apply_rendered_task.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/render/rbac_proxy_config_map.h"

namespace sei::tasks {

absl::StatusOr<std::unique_ptr<ControllerTask>> NewApplyRbacProxyConfigTask(
    const google::protobuf::Value& params) {
  constexpr absl::string_view kType = planner::task_type::kApplyRbacProxyConfig;
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  return std::make_unique<ApplyRenderedTask>(kType, &k8s::resources::kConfigMap,
                                             &render::RenderRbacProxyConfigMap);
}

}  // namespace sei::tasks
