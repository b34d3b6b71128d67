// apply-rbac-proxy-config (tasks.md §3.5): the kube-rbac-proxy ConfigMap
// `<node>-rbac-proxy-config` that authorises sidecar calls as verbs on the
// node's seinodetasks (§5.8). Applied only when its spec hash changed.
#ifndef SEI_LIB_TASKS_CONTROLLER_APPLY_RBAC_PROXY_CONFIG_H_
#define SEI_LIB_TASKS_CONTROLLER_APPLY_RBAC_PROXY_CONFIG_H_

#include <memory>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Params {nodeName, namespace}, informational.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewApplyRbacProxyConfigTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_APPLY_RBAC_PROXY_CONFIG_H_
