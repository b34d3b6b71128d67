#include "lib/tasks/controller/apply_service.h"

#include "lib/k8s/resource.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/apply_rendered_task.h"
#include "lib/tasks/controller/task_params_reader.h"
#include "lib/tasks/render/headless_service.h"

namespace sei::tasks {

absl::StatusOr<std::unique_ptr<ControllerTask>> NewApplyServiceTask(
    const google::protobuf::Value& params) {
  constexpr absl::string_view kType = planner::task_type::kApplyService;
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  return std::make_unique<ApplyRenderedTask>(kType, &k8s::resources::kService,
                                             &render::RenderHeadlessService);
}

}  // namespace sei::tasks
