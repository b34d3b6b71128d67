#include "lib/tasks/controller/context_checks.h"

#include "absl/strings/str_cat.h"

namespace sei::tasks {

std::optional<ExecuteResult> CheckOwningNode(const TaskContext& ctx, absl::string_view type,
                                             OwnerRule rule) {
  if (ctx.kube == nullptr)
    return ExecuteResult::Transient(absl::StrCat(type, ": no Kubernetes client"));
  if (ctx.node != nullptr) return std::nullopt;
  std::string message = absl::StrCat(type, ": the owning object is not a SeiNode");
  return rule == OwnerRule::kTerminal ? ExecuteResult::Terminal(std::move(message))
                                      : ExecuteResult::Transient(std::move(message));
}

std::optional<ExecuteResult> CheckPlatform(const TaskContext& ctx, absl::string_view type) {
  if (ctx.platform != nullptr) return std::nullopt;
  return ExecuteResult::Transient(absl::StrCat(type, ": no platform configuration"));
}

std::string TaskNamespace(const TaskContext& ctx, absl::string_view param_namespace) {
  if (ctx.node != nullptr) return ctx.node->metadata().namespace_();
  return std::string(param_namespace);
}

}  // namespace sei::tasks
