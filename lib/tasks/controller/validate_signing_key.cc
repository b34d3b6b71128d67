#include "lib/tasks/controller/validate_signing_key.h"

#include "lib/planner/core/task_catalog.h"

namespace sei::tasks {

const KeySecretRules& SigningKeyRules() {
  static const KeySecretRules* const kRules = new KeySecretRules{
      planner::task_type::kValidateSigningKey,
      {"SigningKeyReady", "SigningKeyValidated", "SigningKeyNotReady", "SigningKeyInvalid"},
      "priv_validator_key.json",
      {"address", "pub_key.type", "pub_key.value", "priv_key.type", "priv_key.value"},
      "signing-key"};
  return *kRules;
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewValidateSigningKeyTask(
    const google::protobuf::Value& params) {
  return NewKeySecretValidationTask(&SigningKeyRules(), params);
}

}  // namespace sei::tasks
