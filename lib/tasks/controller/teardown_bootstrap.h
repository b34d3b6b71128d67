// teardown-bootstrap (tasks.md §3.15): removes the bootstrap Job (foreground,
// so its pod goes first) and the bootstrap Service once the Job finished,
// then completes at once. It does not wait: the production pod waits for the
// ReadWriteOnce data volume by itself.
#ifndef SEI_LIB_TASKS_CONTROLLER_TEARDOWN_BOOTSTRAP_H_
#define SEI_LIB_TASKS_CONTROLLER_TEARDOWN_BOOTSTRAP_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"

namespace sei::tasks {

struct TeardownBootstrapParams {
  std::string job_name;
  std::string service_name;
  std::string ns;  // the `namespace` param; the owning node's wins
};

// GET Job; present and not already being deleted → DELETE (foreground). GET
// Service; present, labelled sei.io/component=bootstrap and not being
// deleted → DELETE. The label check matters because the bootstrap Service
// shares its name with the headless Service: a re-run after a lost status
// write (apply-service may already have run in the same pass) must not
// delete the production Service. GET/DELETE errors other than NotFound are
// transient; then Done.
class TeardownBootstrapTask : public ControllerTask {
 public:
  explicit TeardownBootstrapTask(TeardownBootstrapParams params) : params_(std::move(params)) {}

  ExecuteResult Execute(TaskContext& ctx) override;

 private:
  TeardownBootstrapParams params_;
};

// Params {jobName, serviceName, namespace}; `teardown-bootstrap: jobName and
// serviceName are required`.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewTeardownBootstrapTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_TEARDOWN_BOOTSTRAP_H_
