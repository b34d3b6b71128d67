#include "lib/tasks/controller/controller_tasks.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/apply_rbac_proxy_config.h"
#include "lib/tasks/controller/apply_service.h"
#include "lib/tasks/controller/apply_statefulset.h"
#include "lib/tasks/controller/await_bootstrap_complete.h"
#include "lib/tasks/controller/deploy_bootstrap_job.h"
#include "lib/tasks/controller/deploy_bootstrap_service.h"
#include "lib/tasks/controller/ensure_data_pvc.h"
#include "lib/tasks/controller/observe_image.h"
#include "lib/tasks/controller/replace_pod.h"
#include "lib/tasks/controller/restart_pod.h"
#include "lib/tasks/controller/teardown_bootstrap.h"
#include "lib/tasks/controller/update_node_image.h"
#include "lib/tasks/controller/validate_node_key.h"
#include "lib/tasks/controller/validate_operator_keyring.h"
#include "lib/tasks/controller/validate_signing_key.h"

namespace sei::tasks {
namespace {

using Factory =
    absl::StatusOr<std::unique_ptr<ControllerTask>> (*)(const google::protobuf::Value& params);

struct Entry {
  absl::string_view type;
  Factory make;
};

namespace tt = ::sei::planner::task_type;

// Every controller-side type a node plan or a SeiNodeTask can carry. The
// group/deployment types (tasks.md §3.16) belong to the SeiNodeDeployment
// controller and are not registered here.
constexpr Entry kEntries[] = {
    {tt::kEnsureDataPvc, &NewEnsureDataPvcTask},
    {tt::kValidateSigningKey, &NewValidateSigningKeyTask},
    {tt::kValidateNodeKey, &NewValidateNodeKeyTask},
    {tt::kValidateOperatorKeyring, &NewValidateOperatorKeyringTask},
    {tt::kApplyRbacProxyConfig, &NewApplyRbacProxyConfigTask},
    {tt::kApplyStatefulSet, &NewApplyStatefulSetTask},
    {tt::kApplyService, &NewApplyServiceTask},
    {tt::kReplacePod, &NewReplacePodTask},
    {tt::kRestartPod, &NewRestartPodTask},
    {tt::kObserveImage, &NewObserveImageTask},
    {tt::kUpdateNodeImage, &NewUpdateNodeImageTask},
    {tt::kDeployBootstrapService, &NewDeployBootstrapServiceTask},
    {tt::kDeployBootstrapJob, &NewDeployBootstrapJobTask},
    {tt::kAwaitBootstrapComplete, &NewAwaitBootstrapCompleteTask},
    {tt::kTeardownBootstrap, &NewTeardownBootstrapTask},
};

}  // namespace

absl::StatusOr<std::unique_ptr<ControllerTask>> MakeControllerTask(
    absl::string_view type, const google::protobuf::Value& params) {
  for (const Entry& entry : kEntries) {
    if (entry.type == type) return entry.make(params);
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown task type \"", type, "\""));
}

}  // namespace sei::tasks
