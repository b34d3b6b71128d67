#include "cmd/seiplan/admission.h"

#include <algorithm>

#include "lib/planner/plan/planning_rules.h"
#include "lib/planner/validation/seinode_admission.h"
#include "lib/planner/validation/seinodetask_admission.h"

namespace sei::seiplan {

planner::FieldViolations AdmissionViolations(const api::Manifest& manifest) {
  if (const auto* node = std::get_if<v1alpha1::SeiNode>(&manifest.object)) {
    return planner::ValidateSeiNode(*node, /*old_node=*/nullptr);
  }
  return planner::ValidateSeiNodeTask(std::get<v1alpha1::SeiNodeTask>(manifest.object),
                                      /*old_task=*/nullptr);
}

planner::FieldViolations AllViolations(const api::Manifest& manifest) {
  planner::FieldViolations all = AdmissionViolations(manifest);
  if (const auto* node = std::get_if<v1alpha1::SeiNode>(&manifest.object)) {
    for (planner::FieldViolation& v : planner::PlanningViolations(*node)) {
      if (std::find(all.begin(), all.end(), v) == all.end()) all.push_back(std::move(v));
    }
  }
  return all;
}

}  // namespace sei::seiplan
