#include "lib/controller/reporting/runtime_reporters.h"

#include "absl/strings/str_cat.h"
#include "lib/planner/core/wire_names.h"
#include "lib/runtime/events/object_reference.h"

namespace sei::controller {
namespace {

constexpr char kNodeController[] = "seinode";
constexpr char kTaskController[] = "seinodetask";

runtime::LogLevel ToRuntime(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return runtime::LogLevel::kDebug;
    case LogLevel::kInfo:
      return runtime::LogLevel::kInfo;
    case LogLevel::kWarn:
      return runtime::LogLevel::kWarn;
    case LogLevel::kError:
      return runtime::LogLevel::kError;
  }
  return runtime::LogLevel::kInfo;
}

template <typename Object>
runtime::ObjectReference Reference(const Object& object, const char* kind) {
  runtime::ObjectReference ref;
  ref.api_version = "sei.io/v1alpha1";
  ref.kind = kind;
  ref.name = object.metadata().name();
  ref.namespace_name = object.metadata().namespace_();
  ref.uid = object.metadata().uid();
  return ref;
}

// 1 for `current`, 0 for every other value of the enum (one series each).
template <typename Phase>
void SetPhaseSeries(runtime::metrics::Gauge* gauge, const std::string& ns, const std::string& name,
                    Phase current, std::initializer_list<Phase> all) {
  for (Phase p : all) {
    gauge->Set({ns, name, std::string(planner::WireName(p))}, p == current ? 1 : 0).IgnoreError();
  }
}

}  // namespace

RuntimeNodeReporter::RuntimeNodeReporter(runtime::EventRecorder* events, OperatorMetrics metrics,
                                         runtime::Logger logger)
    : events_(events), metrics_(metrics), log_(std::move(logger)) {}

void RuntimeNodeReporter::Event(const v1alpha1::SeiNode& node, runtime::EventType type,
                                absl::string_view reason, absl::string_view message) {
  events_->Record(Reference(node, "SeiNode"), type, reason, message);
}

void RuntimeNodeReporter::PhaseObserved(const v1alpha1::SeiNode& node) {
  SetPhaseSeries(metrics_.node_phase, node.metadata().namespace_(), node.metadata().name(),
                 node.status().phase(),
                 {v1alpha1::NODE_PHASE_PENDING, v1alpha1::NODE_PHASE_INITIALIZING,
                  v1alpha1::NODE_PHASE_RUNNING, v1alpha1::NODE_PHASE_FAILED,
                  v1alpha1::NODE_PHASE_TERMINATING});
}

void RuntimeNodeReporter::PhaseChanged(const v1alpha1::SeiNode& node, v1alpha1::NodePhase from,
                                       v1alpha1::NodePhase to,
                                       std::optional<absl::Duration> time_in_previous) {
  const std::string& ns = node.metadata().namespace_();
  const std::string from_name(planner::WireName(from));
  const std::string to_name(planner::WireName(to));
  Event(node, runtime::EventType::kNormal, "PhaseTransition",
        absl::StrCat("Phase changed from ", from_name, " to ", to_name));
  metrics_.node_phase_transitions->Inc({kNodeController, ns, from_name, to_name}).IgnoreError();
  if (time_in_previous.has_value()) {
    metrics_.node_phase_duration
        ->Observe({ns, node.spec().chain_id(), from_name}, absl::ToDoubleSeconds(*time_in_previous))
        .IgnoreError();
  }
  PhaseObserved(node);
  log_.Info(
      "phase changed",
      {{"namespace", ns}, {"node", node.metadata().name()}, {"from", from_name}, {"to", to_name}});
}

void RuntimeNodeReporter::NodeFailed(const v1alpha1::SeiNode& node) {
  Event(node, runtime::EventType::kWarning, "NodeFailed",
        "SeiNode is in Failed state. Delete and recreate the resource to retry.");
}

void RuntimeNodeReporter::PlanBuildFailed(const v1alpha1::SeiNode& node,
                                          const absl::Status& error) {
  Event(node, runtime::EventType::kWarning, "PlanBuildFailed", error.message());
}

void RuntimeNodeReporter::SidecarProbed(const v1alpha1::SeiNode& node, absl::string_view outcome) {
  const std::string& ns = node.metadata().namespace_();
  metrics_.sidecar_probes->Inc({kNodeController, ns, std::string(outcome)}).IgnoreError();
  metrics_.sidecar_ready->Set({ns, node.metadata().name()}, outcome == "ready" ? 1 : 0)
      .IgnoreError();
}

void RuntimeNodeReporter::SidecarReadinessLost(const v1alpha1::SeiNode& node) {
  Event(node, runtime::EventType::kWarning, "SidecarReadinessLost",
        "sidecar Healthz returned 503; controller will re-issue mark-ready");
}

void RuntimeNodeReporter::SidecarReadinessRestored(const v1alpha1::SeiNode& node) {
  Event(node, runtime::EventType::kNormal, "SidecarReadinessRestored",
        "sidecar Healthz returned 200; mark-ready gate is open");
}

void RuntimeNodeReporter::PlanFinished(const v1alpha1::SeiNode& node,
                                       const planner::FinishedPlan& plan) {
  if (plan.duration.has_value()) {
    metrics_.plan_duration
        ->Observe({kNodeController, node.metadata().namespace_(), plan.kind_label, plan.outcome},
                  absl::ToDoubleSeconds(*plan.duration))
        .IgnoreError();
  }
  log_.Info("plan finished", {{"namespace", node.metadata().namespace_()},
                              {"node", node.metadata().name()},
                              {"plan", plan.plan_id},
                              {"plan_type", plan.kind_label},
                              {"outcome", plan.outcome}});
}

void RuntimeNodeReporter::RefreshActive(const std::string& ns) {
  metrics_.plans_active->Set({kNodeController, ns}, static_cast<double>(active_[ns].size()))
      .IgnoreError();
}

void RuntimeNodeReporter::PlanActivity(const v1alpha1::SeiNode& node, bool active) {
  absl::MutexLock lock(&mu_);
  const std::string& ns = node.metadata().namespace_();
  if (active) {
    active_[ns].insert(node.metadata().name());
  } else {
    active_[ns].erase(node.metadata().name());
  }
  RefreshActive(ns);
}

void RuntimeNodeReporter::NodeDeleted(absl::string_view ns, absl::string_view name) {
  const runtime::metrics::LabelMatch match = {{"namespace", std::string(ns)},
                                              {"name", std::string(name)}};
  metrics_.node_phase->DeleteMatching(match).IgnoreError();
  metrics_.sidecar_ready->DeleteMatching(match).IgnoreError();  // D13
  absl::MutexLock lock(&mu_);
  active_[std::string(ns)].erase(std::string(name));
  RefreshActive(std::string(ns));
}

void RuntimeNodeReporter::ReconcileError(absl::string_view ns, absl::string_view name,
                                         const absl::Status& error) {
  metrics_.reconcile_errors->Inc({kNodeController, std::string(ns)}).IgnoreError();
  log_.Warn("reconcile failed; retrying with backoff",
            {{"namespace", ns}, {"node", name}, {"error", error}});
}

void RuntimeNodeReporter::Log(LogLevel level, const v1alpha1::SeiNode& node,
                              absl::string_view message) {
  const std::string& plan = node.status().plan().id();
  if (plan.empty()) {
    log_.Log(ToRuntime(level), message,
             {{"namespace", node.metadata().namespace_()}, {"node", node.metadata().name()}});
  } else {
    log_.Log(ToRuntime(level), message,
             {{"namespace", node.metadata().namespace_()},
              {"node", node.metadata().name()},
              {"plan", plan}});
  }
}

RuntimeTaskReporter::RuntimeTaskReporter(runtime::EventRecorder* events, OperatorMetrics metrics,
                                         runtime::Logger logger)
    : events_(events), metrics_(metrics), log_(std::move(logger)) {}

void RuntimeTaskReporter::Event(const v1alpha1::SeiNodeTask& task,
                                const planner::nodetask::Event& event) {
  events_->Record(
      Reference(task, "SeiNodeTask"),
      event.type == "Warning" ? runtime::EventType::kWarning : runtime::EventType::kNormal,
      event.reason, event.message);
}

void RuntimeTaskReporter::PhaseObserved(const v1alpha1::SeiNodeTask& task) {
  SetPhaseSeries(metrics_.task_phase, task.metadata().namespace_(), task.metadata().name(),
                 task.status().phase(),
                 {v1alpha1::NODE_TASK_PHASE_PENDING, v1alpha1::NODE_TASK_PHASE_RUNNING,
                  v1alpha1::NODE_TASK_PHASE_COMPLETE, v1alpha1::NODE_TASK_PHASE_FAILED});
}

void RuntimeTaskReporter::PhaseChanged(const v1alpha1::SeiNodeTask& task,
                                       v1alpha1::NodeTaskPhase from, v1alpha1::NodeTaskPhase to) {
  const std::string from_name(planner::WireName(from));
  const std::string to_name(planner::WireName(to));
  metrics_.task_phase_transitions
      ->Inc({kTaskController, task.metadata().namespace_(), from_name, to_name})
      .IgnoreError();
  PhaseObserved(task);
  log_.Info("phase changed", {{"namespace", task.metadata().namespace_()},
                              {"task", task.metadata().name()},
                              {"from", from_name},
                              {"to", to_name}});
}

void RuntimeTaskReporter::ReconcileError(absl::string_view ns, absl::string_view name,
                                         const absl::Status& error) {
  metrics_.reconcile_errors->Inc({kTaskController, std::string(ns)}).IgnoreError();
  log_.Warn("reconcile failed; retrying with backoff",
            {{"namespace", ns}, {"task", name}, {"error", error}});
}

void RuntimeTaskReporter::Log(LogLevel level, const v1alpha1::SeiNodeTask& task,
                              absl::string_view message) {
  log_.Log(ToRuntime(level), message,
           {{"namespace", task.metadata().namespace_()},
            {"task", task.metadata().name()},
            {"task_id", task.status().task().id()}});
}

}  // namespace sei::controller
