// validate-node-key (tasks.md §3.3): the validator's node_key.json Secret
// (its P2P identity) has the expected shape. Condition NodeKeyReady:
// NodeKeyValidated / NodeKeyNotReady / NodeKeyInvalid.
#ifndef SEI_LIB_TASKS_CONTROLLER_VALIDATE_NODE_KEY_H_
#define SEI_LIB_TASKS_CONTROLLER_VALIDATE_NODE_KEY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/key_secret_validation.h"

namespace sei::tasks {

// Data key node_key.json with non-empty priv_key.type and priv_key.value.
const KeySecretRules& NodeKeyRules();

// Params {secretName, namespace}.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewValidateNodeKeyTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_VALIDATE_NODE_KEY_H_
