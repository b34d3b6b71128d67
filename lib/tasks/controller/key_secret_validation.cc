#include "lib/tasks/controller/key_secret_validation.h"

#include <optional>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/object_fields.h"
#include "lib/tasks/controller/secret_reader.h"
#include "lib/tasks/controller/task_params_reader.h"

namespace sei::tasks {

ExecuteResult KeySecretValidationTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, rules_->task_type, OwnerRule::kTerminal)) {
    return *failed;
  }
  return ReportValidation(ctx, rules_->condition, Validate(ctx));
}

Validation KeySecretValidationTask::Validate(TaskContext& ctx) const {
  if (secret_name_.empty()) {
    return Validation::Invalid(absl::StrCat(rules_->task_type, ": secretName is empty"));
  }
  SecretLookup lookup = ReadSecret(*ctx.kube, ctx.node->metadata().namespace_(), secret_name_);
  if (!lookup.secret.has_value()) return lookup.not_ready;

  const std::string where =
      absl::StrCat("Secret \"", secret_name_, "\" data key \"", rules_->data_key, "\"");
  std::optional<std::string> value = SecretValue(*lookup.secret, rules_->data_key);
  if (!value.has_value() || value->empty()) {
    return Validation::Invalid(absl::StrCat(where, " is missing or empty"));
  }
  const k8s::Object key = k8s::Object::parse(*value, nullptr, /*allow_exceptions=*/false);
  if (key.is_discarded() || !key.is_object()) {
    return Validation::Invalid(absl::StrCat(where, " is not a JSON object"));
  }
  for (absl::string_view field : rules_->fields) {
    // Dotted names in messages, '/' paths for the lookup.
    std::optional<std::string> text = StringAt(key, absl::StrReplaceAll(field, {{".", "/"}}));
    if (!text.has_value() || text->empty()) {
      return Validation::Invalid(
          absl::StrCat(where, " has no non-empty string field \"", field, "\""));
    }
  }
  return Validation::Valid(absl::StrCat("Secret \"", secret_name_, "\" passes all ",
                                        rules_->rules_name, " validation rules"));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewKeySecretValidationTask(
    const KeySecretRules* rules, const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(rules->task_type, params); !s.ok()) return s;
  absl::StatusOr<std::string> secret_name = StringParam(rules->task_type, params, "secretName");
  if (!secret_name.ok()) return secret_name.status();
  return std::make_unique<KeySecretValidationTask>(rules, *std::move(secret_name));
}

}  // namespace sei::tasks
