// deploy-bootstrap-job (tasks.md §3.13): the one-shot Job that restores the
// S3 snapshot onto the data volume and runs seid to the target height
// before the StatefulSet exists.
#ifndef SEI_LIB_TASKS_CONTROLLER_DEPLOY_BOOTSTRAP_JOB_H_
#define SEI_LIB_TASKS_CONTROLLER_DEPLOY_BOOTSTRAP_JOB_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

// Render from the node's snapshot source under the `jobName` param; render
// errors (no S3 source, Secret isolation) are transient as in the
// reference; create unless present; API errors transient; done. No owning
// SeiNode → transient.
class DeployBootstrapJobTask : public ControllerTask {
 public:
  explicit DeployBootstrapJobTask(std::string job_name) : job_name_(std::move(job_name)) {}

  ExecuteResult Execute(TaskContext& ctx) override;

 private:
  std::string job_name_;
};

// Params {jobName, namespace}; `deploy-bootstrap-job: jobName is required`.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewDeployBootstrapJobTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_DEPLOY_BOOTSTRAP_JOB_H_
