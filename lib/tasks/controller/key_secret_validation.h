// The shared rules of validate-signing-key and validate-node-key (tasks.md
// §3.2, §3.3): a Secret in the node's namespace whose one data key holds a
// JSON object with certain non-empty string fields. Shape only — no
// cryptographic check. The two tasks differ only in the KeySecretRules.
#ifndef SEI_LIB_TASKS_CONTROLLER_KEY_SECRET_VALIDATION_H_
#define SEI_LIB_TASKS_CONTROLLER_KEY_SECRET_VALIDATION_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/validation_report.h"

namespace sei::tasks {

struct KeySecretRules {
  absl::string_view task_type;            // "validate-signing-key"
  ValidationCondition condition;          // SigningKeyReady and its reasons
  absl::string_view data_key;             // "priv_validator_key.json"
  std::vector<absl::string_view> fields;  // dotted paths: "pub_key.type"
  absl::string_view rules_name;           // "signing-key", as in the success message
};

// Checks, in order: secretName non-empty (invalid); the Secret readable and
// not being deleted (not ready); the data key present and non-empty; its
// value a JSON object; every field a non-empty string (all invalid).
class KeySecretValidationTask : public ControllerTask {
 public:
  KeySecretValidationTask(const KeySecretRules* rules, std::string secret_name)
      : rules_(rules), secret_name_(std::move(secret_name)) {}

  ExecuteResult Execute(TaskContext& ctx) override;

 private:
  Validation Validate(TaskContext& ctx) const;

  const KeySecretRules* rules_;  // static storage
  std::string secret_name_;
};

// Params {secretName, namespace}; namespace is informational (the Secret is
// read from the owning node's namespace).
absl::StatusOr<std::unique_ptr<ControllerTask>> NewKeySecretValidationTask(
    const KeySecretRules* rules, const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_KEY_SECRET_VALIDATION_H_
