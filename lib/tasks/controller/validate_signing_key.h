// validate-signing-key (tasks.md §3.2): the validator's priv_validator_key.json
// Secret has the shape seid expects, before a pod ever mounts it. Condition
// SigningKeyReady: SigningKeyValidated / SigningKeyNotReady / SigningKeyInvalid.
#ifndef SEI_LIB_TASKS_CONTROLLER_VALIDATE_SIGNING_KEY_H_
#define SEI_LIB_TASKS_CONTROLLER_VALIDATE_SIGNING_KEY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/key_secret_validation.h"

namespace sei::tasks {

// Data key priv_validator_key.json with non-empty address, pub_key.type,
// pub_key.value, priv_key.type and priv_key.value.
const KeySecretRules& SigningKeyRules();

// Params {secretName, namespace}.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewValidateSigningKeyTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_VALIDATE_SIGNING_KEY_H_
