// await-bootstrap-complete (tasks.md §3.14): waits for the bootstrap Job —
// which restores the snapshot and runs seid to the halt height — to finish.
// Execute does nothing; Status reads the Job every pass.
#ifndef SEI_LIB_TASKS_CONTROLLER_AWAIT_BOOTSTRAP_COMPLETE_H_
#define SEI_LIB_TASKS_CONTROLLER_AWAIT_BOOTSTRAP_COMPLETE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

class AwaitBootstrapCompleteTask : public ControllerTask {
 public:
  AwaitBootstrapCompleteTask(std::string job_name, std::string ns)
      : job_name_(std::move(job_name)), ns_(std::move(ns)) {}

  ExecuteResult Execute(TaskContext& ctx) override;
  // Job NotFound → Failed `bootstrap job <name> not found` (its
  // ttlSecondsAfterFinished may have removed it); other GET errors →
  // Running; condition Complete=True → Complete; Failed=True → Failed
  // `bootstrap job failed: <condition message, or "bootstrap job failed">`;
  // else Running.
  StatusResult Status(TaskContext& ctx, const ExecuteResult* executed) override;

 private:
  std::string job_name_;
  std::string ns_;  // the `namespace` param; the owning node's wins
};

// Params {jobName, namespace}; `await-bootstrap-complete: jobName is required`.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewAwaitBootstrapCompleteTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_AWAIT_BOOTSTRAP_COMPLETE_H_
