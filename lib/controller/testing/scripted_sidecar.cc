#include "lib/controller/testing/scripted_sidecar.h"

#include "absl/strings/str_cat.h"

namespace sei::controller::testing {

class ScriptedSidecarClient : public sidecar::SidecarClient {
 public:
  ScriptedSidecarClient(ScriptedSidecars* fleet, ScriptedSidecars::Key key)
      : fleet_(fleet), key_(std::move(key)) {}

  absl::Status Submit(const sidecar::TaskRequest& request) override {
    absl::MutexLock lock(&fleet_->mu_);
    ScriptedSidecars::Node& node = fleet_->nodes_[key_];
    if (node.unreachable) return absl::UnavailableError("connection refused");
    ++node.submit_calls;
    auto it = node.tasks.find(request.id);
    if (it != node.tasks.end() && it->second.state != sidecar::TaskState::kFailed) {
      return absl::OkStatus();  // idempotent by ID (sidecar-protocol.md §6.1 step 5)
    }
    sidecar::TaskResult result;
    result.id = request.id;
    result.type = request.type;
    result.params = request.params;
    result.state = sidecar::TaskState::kRunning;
    result.run = it == node.tasks.end() ? 1 : it->second.run + 1;
    node.tasks[request.id] = result;
    node.polls[request.id] = 0;
    node.submitted_types.push_back(request.type);
    return absl::OkStatus();
  }

  absl::StatusOr<sidecar::TaskResult> GetTask(absl::string_view id) override {
    absl::MutexLock lock(&fleet_->mu_);
    ScriptedSidecars::Node& node = fleet_->nodes_[key_];
    if (node.unreachable) return absl::UnavailableError("connection refused");
    auto it = node.tasks.find(std::string(id));
    if (it == node.tasks.end()) return absl::NotFoundError("task not found");
    sidecar::TaskResult& task = it->second;
    if (task.state == sidecar::TaskState::kRunning && fleet_->held_types_.count(task.type) == 0 &&
        ++node.polls[task.id] >= fleet_->polls_to_finish_) {
      auto failing = fleet_->failing_types_.find(task.type);
      if (failing != fleet_->failing_types_.end()) {
        task.state = sidecar::TaskState::kFailed;
        task.error = failing->second;
      } else {
        task.state = sidecar::TaskState::kCompleted;
        if (task.type == "mark-ready") node.ready = true;
      }
    }
    return task;
  }

  absl::StatusOr<sidecar::Health> Healthz() override {
    absl::MutexLock lock(&fleet_->mu_);
    const ScriptedSidecars::Node& node = fleet_->nodes_[key_];
    if (node.unreachable) return absl::UnavailableError("connection refused");
    return node.ready ? sidecar::Health::kReady : sidecar::Health::kNotReady;
  }

  absl::StatusOr<std::string> NodeId() override {
    absl::MutexLock lock(&fleet_->mu_);
    const ScriptedSidecars::Node& node = fleet_->nodes_[key_];
    if (node.unreachable) return absl::UnavailableError("connection refused");
    return node.node_id;
  }

 private:
  ScriptedSidecars* fleet_;
  ScriptedSidecars::Key key_;
};

absl::StatusOr<std::unique_ptr<sidecar::SidecarClient>> ScriptedSidecars::ForNode(
    absl::string_view ns, absl::string_view name) {
  return std::unique_ptr<sidecar::SidecarClient>(
      new ScriptedSidecarClient(this, {std::string(ns), std::string(name)}));
}

void ScriptedSidecars::FailType(std::string type, std::string error) {
  absl::MutexLock lock(&mu_);
  failing_types_[std::move(type)] = std::move(error);
}

void ScriptedSidecars::HoldType(std::string type) {
  absl::MutexLock lock(&mu_);
  held_types_.insert(std::move(type));
}

void ScriptedSidecars::SetPollsToFinish(int polls) {
  absl::MutexLock lock(&mu_);
  polls_to_finish_ = polls;
}

void ScriptedSidecars::ReleaseType(const std::string& type) {
  absl::MutexLock lock(&mu_);
  held_types_.erase(type);
}

void ScriptedSidecars::SetUnreachable(const std::string& ns, const std::string& name,
                                      bool unreachable) {
  absl::MutexLock lock(&mu_);
  nodes_[{ns, name}].unreachable = unreachable;
}

void ScriptedSidecars::LoseReadiness(const std::string& ns, const std::string& name) {
  absl::MutexLock lock(&mu_);
  nodes_[{ns, name}].ready = false;
}

void ScriptedSidecars::SetNodeId(const std::string& ns, const std::string& name, std::string id) {
  absl::MutexLock lock(&mu_);
  nodes_[{ns, name}].node_id = std::move(id);
}

std::vector<std::string> ScriptedSidecars::SubmittedTypes(const std::string& ns,
                                                          const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = nodes_.find({ns, name});
  return it == nodes_.end() ? std::vector<std::string>() : it->second.submitted_types;
}

int ScriptedSidecars::SubmitCalls(const std::string& ns, const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = nodes_.find({ns, name});
  return it == nodes_.end() ? 0 : it->second.submit_calls;
}

bool ScriptedSidecars::Ready(const std::string& ns, const std::string& name) const {
  absl::MutexLock lock(&mu_);
  auto it = nodes_.find({ns, name});
  return it != nodes_.end() && it->second.ready;
}

}  // namespace sei::controller::testing
