// deploy-bootstrap-service (tasks.md §3.12): the bootstrap Service, named
// like the headless Service, so the sidecar URL reaches the bootstrap pod
// while it restores the snapshot.
#ifndef SEI_LIB_TASKS_CONTROLLER_DEPLOY_BOOTSTRAP_SERVICE_H_
#define SEI_LIB_TASKS_CONTROLLER_DEPLOY_BOOTSTRAP_SERVICE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Render (owner reference included) under the `serviceName` param; create
// unless present (no ownership check); API errors transient; done. No owning
// SeiNode → transient.
class DeployBootstrapServiceTask : public ControllerTask {
 public:
  explicit DeployBootstrapServiceTask(std::string service_name)
      : service_name_(std::move(service_name)) {}

  ExecuteResult Execute(TaskContext& ctx) override;

 private:
  std::string service_name_;
};

// Params {serviceName, namespace}; `deploy-bootstrap-service: serviceName is
// required`.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewDeployBootstrapServiceTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_DEPLOY_BOOTSTRAP_SERVICE_H_
