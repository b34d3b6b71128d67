#include "lib/tasks/controller/apply_rendered_task.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "lib/tasks/controller/apply_if_changed.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/object_fields.h"

namespace sei::tasks {

ExecuteResult ApplyRenderedTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, type_, OwnerRule::kTransient)) return *failed;
  const k8s::Object desired = render_(*ctx.node);
  const std::string what =
      absl::StrCat(resource_->kind, " \"", StringAt(desired, "metadata/name").value_or(""), "\"");
  absl::StatusOr<ApplyOutcome> applied = ApplyIfChanged(*ctx.kube, *resource_, desired);
  if (!applied.ok()) {
    return ExecuteResult::Transient(
        absl::StrCat("applying ", what, ": ", applied.status().message()));
  }
  return ExecuteResult::Done(absl::StrCat(what, applied->written ? " applied" : " up to date"));
}

}  // namespace sei::tasks
