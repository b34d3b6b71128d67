#include "lib/planner/core/plan_kind.h"

#include <catch2/catch.hpp>

namespace sei::planner {
namespace {

v1alpha1::TaskPlan PlanOf(std::initializer_list<const char*> types) {
  v1alpha1::TaskPlan plan;
  for (const char* t : types) plan.add_tasks()->set_type(t);
  return plan;
}

TEST_CASE("ClassifyPlan follows the first distinguishing task", "[plan_kind]") {
  CHECK(ClassifyPlan(PlanOf({"ensure-data-pvc", "apply-statefulset", "mark-ready"})) ==
        PlanKind::kInit);
  CHECK(ClassifyPlan(PlanOf({"apply-statefulset", "replace-pod", "observe-image",
                             "mark-ready"})) == PlanKind::kNodeUpdate);
  CHECK(ClassifyPlan(PlanOf({"mark-ready"})) == PlanKind::kMarkReadyReapply);
  CHECK(ClassifyPlan(PlanOf({"mark-ready", "mark-ready"})) == PlanKind::kUnknown);
  CHECK(ClassifyPlan(PlanOf({})) == PlanKind::kUnknown);
  CHECK(PlanKindLabel(PlanKind::kMarkReadyReapply) == "mark-ready-reapply");
}

}  // namespace
}  // namespace sei::planner
