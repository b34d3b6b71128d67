#include "lib/tasks/controller/validate_operator_keyring.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/planner/core/task_catalog.h"
#include "lib/tasks/controller/context_checks.h"
#include "lib/tasks/controller/secret_reader.h"
#include "lib/tasks/controller/task_params_reader.h"

namespace sei::tasks {
namespace {

constexpr absl::string_view kType = planner::task_type::kValidateOperatorKeyring;

constexpr ValidationCondition kCondition = {"OperatorKeyringReady", "OperatorKeyringValidated",
                                            "OperatorKeyringNotReady", "OperatorKeyringInvalid"};

}  // namespace

ExecuteResult ValidateOperatorKeyringTask::Execute(TaskContext& ctx) {
  if (auto failed = CheckOwningNode(ctx, kType, OwnerRule::kTerminal)) return *failed;
  return ReportValidation(ctx, kCondition, Validate(ctx));
}

Validation ValidateOperatorKeyringTask::Validate(TaskContext& ctx) const {
  for (const auto& [name, value] :
       {std::pair<absl::string_view, const std::string*>{"secretName", &params_.secret_name},
        {"passphraseSecretName", &params_.passphrase_secret_name},
        {"passphraseSecretKey", &params_.passphrase_secret_key}}) {
    if (value->empty()) return Validation::Invalid(absl::StrCat(kType, ": ", name, " is empty"));
  }
  const std::string& ns = ctx.node->metadata().namespace_();
  SecretLookup keyring = ReadSecret(*ctx.kube, ns, params_.secret_name);
  if (!keyring.secret.has_value()) return keyring.not_ready;

  const std::string secret = absl::StrCat("Secret \"", params_.secret_name, "\"");
  bool has_info = false;
  bool has_address = false;
  for (const std::string& key : SecretKeys(*keyring.secret)) {
    if (absl::EndsWith(key, ".info")) {
      has_info = true;
      std::optional<std::string> value = SecretValue(*keyring.secret, key);
      if (!value.has_value() || value->empty()) {
        return Validation::Invalid(absl::StrCat(secret, " keyring entry \"", key, "\" is empty"));
      }
    }
    if (absl::EndsWith(key, ".address")) has_address = true;
  }
  if (!has_info) return Validation::Invalid(absl::StrCat(secret, " has no *.info keyring entry"));
  if (!has_address) {
    return Validation::Invalid(absl::StrCat(secret, " has no *.address keyring entry"));
  }
  if (!params_.key_name.empty() &&
      !SecretValue(*keyring.secret, absl::StrCat(params_.key_name, ".info")).has_value()) {
    return Validation::Invalid(absl::StrCat(secret, " has no entry for key \"", params_.key_name,
                                            "\" (", params_.key_name, ".info)"));
  }

  SecretLookup passphrase = ReadSecret(*ctx.kube, ns, params_.passphrase_secret_name);
  if (!passphrase.secret.has_value()) return passphrase.not_ready;
  std::optional<std::string> value = SecretValue(*passphrase.secret, params_.passphrase_secret_key);
  if (!value.has_value() || value->empty()) {
    return Validation::Invalid(absl::StrCat("passphrase Secret \"", params_.passphrase_secret_name,
                                            "\" data key \"", params_.passphrase_secret_key,
                                            "\" is missing or empty"));
  }
  return Validation::Valid(absl::StrCat(secret, " and passphrase Secret \"",
                                        params_.passphrase_secret_name,
                                        "\" pass all operator-keyring validation rules"));
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewValidateOperatorKeyringTask(
    const google::protobuf::Value& params) {
  if (absl::Status s = CheckParamsObject(kType, params); !s.ok()) return s;
  OperatorKeyringParams out;
  for (const auto& [key, field] :
       {std::pair<absl::string_view, std::string*>{"secretName", &out.secret_name},
        {"keyName", &out.key_name},
        {"passphraseSecretName", &out.passphrase_secret_name},
        {"passphraseSecretKey", &out.passphrase_secret_key}}) {
    absl::StatusOr<std::string> value = StringParam(kType, params, key);
    if (!value.ok()) return value.status();
    *field = *std::move(value);
  }
  return std::make_unique<ValidateOperatorKeyringTask>(std::move(out));
}

}  // namespace sei::tasks
