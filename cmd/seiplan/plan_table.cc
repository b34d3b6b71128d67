#include "cmd/seiplan/plan_table.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "lib/api/json_codec.h"
#include "lib/planner/core/plan_kind.h"
#include "lib/planner/core/wire_names.h"

namespace sei::seiplan {
namespace {

template <typename Enum>
std::string EnumWire(Enum value) {
  absl::string_view name = planner::WireName(value);
  return name.empty() ? "<none>" : std::string(name);
}

std::string ParamsJson(const v1alpha1::PlannedTask& task) {
  if (!task.has_params()) return "";
  return api::EncodeMessage(task.params()).dump();
}

}  // namespace

std::string PhaseName(v1alpha1::NodePhase phase) {
  return EnumWire(phase);
}

std::string RenderPlanTable(const v1alpha1::TaskPlan& plan) {
  std::string out = absl::StrCat(
      "plan ", plan.id().empty() ? "<no id>" : plan.id(), "  kind=",
      planner::PlanKindLabel(planner::ClassifyPlan(plan)),
      "  phase=", EnumWire(plan.phase()),
      "  targetPhase=", PhaseName(plan.target_phase()),
      "  failedPhase=", PhaseName(plan.failed_phase()), "\n");

  std::vector<std::vector<std::string>> rows = {
      {"#", "TASK", "STATUS", "RETRIES", "ID", "PARAMS"}};
  for (int i = 0; i < plan.tasks_size(); ++i) {
    const v1alpha1::PlannedTask& task = plan.tasks(i);
    rows.push_back({absl::StrCat(i), task.type(),
                    EnumWire(task.status()),
                    absl::StrCat(task.retry_count(), "/", task.max_retries()), task.id(),
                    ParamsJson(task)});
  }
  // Pad every column but the last to its widest cell.
  std::vector<size_t> widths(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (size_t c = 0; c + 1 < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    absl::StrAppend(&out, line, "\n");
  }
  if (plan.has_failed_task_detail()) {
    const v1alpha1::FailedTaskInfo& f = plan.failed_task_detail();
    absl::StrAppend(&out, "failed: task ", plan.failed_task_index(), " ", f.type(), " after ",
                    f.retry_count(), "/", f.max_retries(), " retries: ", f.error(), "\n");
  }
  return out;
}

}  // namespace sei::seiplan
