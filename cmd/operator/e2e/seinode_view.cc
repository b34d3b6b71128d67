#include "cmd/operator/e2e/seinode_view.h"

#include "absl/strings/str_cat.h"

namespace sei::e2e {
namespace {

std::string StringAt(const nlohmann::json& object, const nlohmann::json::json_pointer& pointer) {
  if (!object.contains(pointer)) return "";
  const nlohmann::json& value = object.at(pointer);
  return value.is_string() ? value.get<std::string>() : "";
}

}  // namespace

std::string PhaseOf(const nlohmann::json& node) {
  return StringAt(node, nlohmann::json::json_pointer("/status/phase"));
}

std::string PlanIdOf(const nlohmann::json& node) {
  return StringAt(node, nlohmann::json::json_pointer("/status/plan/id"));
}

nlohmann::json PlanTask(const nlohmann::json& node, const std::string& type) {
  const nlohmann::json::json_pointer tasks("/status/plan/tasks");
  if (!node.contains(tasks) || !node.at(tasks).is_array()) return nullptr;
  for (const nlohmann::json& task : node.at(tasks)) {
    if (task.is_object() && task.value("type", "") == type) return task;
  }
  return nullptr;
}

std::string DescribeSeiNode(const nlohmann::json& node) {
  const std::string phase = PhaseOf(node);
  const std::string image = StringAt(node, nlohmann::json::json_pointer("/status/currentImage"));
  std::string out = absl::StrCat("phase=", phase.empty() ? "<none>" : phase,
                                 " currentImage=", image.empty() ? "<none>" : image);
  const nlohmann::json::json_pointer plan_pointer("/status/plan");
  if (!node.contains(plan_pointer) || !node.at(plan_pointer).is_object()) {
    return absl::StrCat(out, " plan=<none>");
  }
  const nlohmann::json& plan = node.at(plan_pointer);
  absl::StrAppend(&out, " plan=", plan.value("id", ""), " (", plan.value("phase", ""), "):");
  if (plan.contains("tasks") && plan["tasks"].is_array()) {
    for (const nlohmann::json& task : plan["tasks"]) {
      if (!task.is_object()) continue;
      absl::StrAppend(&out, " ", task.value("type", "?"), "=", task.value("status", "?"));
      if (task.value("status", "") == "Pending" && task.contains("submittedAt")) {
        absl::StrAppend(&out, "(submitted)");
      }
      if (task.value("retryCount", 0) > 0) {
        absl::StrAppend(&out, "(retry ", task["retryCount"].dump(), ")");
      }
    }
  }
  if (plan.contains("failedTaskDetail") && plan["failedTaskDetail"].is_object()) {
    const nlohmann::json& failed = plan["failedTaskDetail"];
    absl::StrAppend(&out, " failed=", failed.value("type", ""), ": ", failed.value("error", ""));
  }
  return out;
}

}  // namespace sei::e2e
