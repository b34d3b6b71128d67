#include "lib/tasks/controller/validation_report.h"

#include "lib/planner/core/conditions.h"

namespace sei::tasks {

ExecuteResult ReportValidation(TaskContext& ctx, const ValidationCondition& condition,
                               const Validation& verdict) {
  planner::ConditionUpdate update;
  update.type = condition.type;
  update.message = verdict.message;
  switch (verdict.kind) {
    case Validation::Kind::kValid:
      update.status = planner::kConditionTrue;
      update.reason = condition.valid_reason;
      break;
    case Validation::Kind::kNotReady:
      update.status = planner::kConditionFalse;
      update.reason = condition.not_ready_reason;
      break;
    case Validation::Kind::kInvalid:
      update.status = planner::kConditionFalse;
      update.reason = condition.invalid_reason;
      break;
  }
  planner::SetCondition(ctx.node->mutable_status()->mutable_conditions(), update,
                        ctx.node->metadata().generation(), ctx.now);
  switch (verdict.kind) {
    case Validation::Kind::kValid:
      return ExecuteResult::Done(verdict.message);
    case Validation::Kind::kNotReady:
      return ExecuteResult::Waiting(verdict.message);
    case Validation::Kind::kInvalid:
      return ExecuteResult::Terminal(verdict.message);
  }
  return ExecuteResult::Terminal(verdict.message);
}

}  // namespace sei::tasks
