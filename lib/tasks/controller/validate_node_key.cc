#include "lib/tasks/controller/validate_node_key.h"

#include "lib/planner/core/task_catalog.h"

namespace sei::tasks {

const KeySecretRules& NodeKeyRules() {
  static const KeySecretRules* const kRules =
      new KeySecretRules{planner::task_type::kValidateNodeKey,
                         {"NodeKeyReady", "NodeKeyValidated", "NodeKeyNotReady", "NodeKeyInvalid"},
                         "node_key.json",
                         {"priv_key.type", "priv_key.value"},
                         "node-key"};
  return *kRules;
}

absl::StatusOr<std::unique_ptr<ControllerTask>> NewValidateNodeKeyTask(
    const google::protobuf::Value& params) {
  return NewKeySecretValidationTask(&NodeKeyRules(), params);
}

}  // namespace sei::tasks
