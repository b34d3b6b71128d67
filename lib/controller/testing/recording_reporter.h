// Reporters that remember what the reconcilers reported, for assertions.
#ifndef SEI_LIB_CONTROLLER_TESTING_RECORDING_REPORTER_H_
#define SEI_LIB_CONTROLLER_TESTING_RECORDING_REPORTER_H_

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/controller/nodetask/nodetask_reporter.h"
#include "lib/controller/seinode/seinode_reporter.h"
#include "lib/planner/core/wire_names.h"

namespace sei::controller::testing {

// Every report as one line, e.g. "event Warning NodeFailed", "phase
// Initializing->Running", "plan-finished complete".
class RecordingNodeReporter : public SeiNodeReporter {
 public:
  std::vector<std::string> lines;
  std::vector<std::string> logs;

  bool Has(const std::string& line) const {
    for (const std::string& l : lines) {
      if (l == line) return true;
    }
    return false;
  }

  void PhaseObserved(const v1alpha1::SeiNode&) override {}
  void PhaseChanged(const v1alpha1::SeiNode&, v1alpha1::NodePhase from, v1alpha1::NodePhase to,
                    std::optional<absl::Duration>) override {
    lines.push_back(absl::StrCat("phase ", planner::WireName(from), "->", planner::WireName(to)));
  }
  void NodeFailed(const v1alpha1::SeiNode&) override {
    lines.push_back("event Warning NodeFailed");
  }
  void PlanBuildFailed(const v1alpha1::SeiNode&, const absl::Status& e) override {
    lines.push_back(absl::StrCat("event Warning PlanBuildFailed ", e.message()));
  }
  void SidecarProbed(const v1alpha1::SeiNode&, absl::string_view outcome) override {
    lines.push_back(absl::StrCat("probe ", outcome));
  }
  void SidecarReadinessLost(const v1alpha1::SeiNode&) override {
    lines.push_back("event Warning SidecarReadinessLost");
  }
  void SidecarReadinessRestored(const v1alpha1::SeiNode&) override {
    lines.push_back("event Normal SidecarReadinessRestored");
  }
  void PlanFinished(const v1alpha1::SeiNode&, const planner::FinishedPlan& plan) override {
    lines.push_back(absl::StrCat("plan-finished ", plan.outcome));
  }
  void PlanActivity(const v1alpha1::SeiNode&, bool) override {}
  void NodeDeleted(absl::string_view ns, absl::string_view name) override {
    lines.push_back(absl::StrCat("deleted ", ns, "/", name));
  }
  void ReconcileError(absl::string_view, absl::string_view, const absl::Status& e) override {
    lines.push_back(absl::StrCat("error ", e.message()));
  }
  void Log(LogLevel, const v1alpha1::SeiNode&, absl::string_view message) override {
    logs.emplace_back(message);
  }
};

class RecordingTaskReporter : public NodeTaskReporter {
 public:
  std::vector<std::string> lines;
  std::vector<std::string> logs;

  void Event(const v1alpha1::SeiNodeTask&, const planner::nodetask::Event& e) override {
    lines.push_back(absl::StrCat("event ", e.type, " ", e.reason));
  }
  void PhaseObserved(const v1alpha1::SeiNodeTask&) override {}
  void PhaseChanged(const v1alpha1::SeiNodeTask&, v1alpha1::NodeTaskPhase from,
                    v1alpha1::NodeTaskPhase to) override {
    lines.push_back(absl::StrCat("phase ", planner::WireName(from), "->", planner::WireName(to)));
  }
  void ReconcileError(absl::string_view, absl::string_view, const absl::Status& e) override {
    lines.push_back(absl::StrCat("error ", e.message()));
  }
  void Log(LogLevel, const v1alpha1::SeiNodeTask&, absl::string_view message) override {
    logs.emplace_back(message);
  }
};

}  // namespace sei::controller::testing

#endif  // SEI_LIB_CONTROLLER_TESTING_RECORDING_REPORTER_H_
