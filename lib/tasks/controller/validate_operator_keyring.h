// validate-operator-keyring (tasks.md §3.4): the validator's file keyring
// Secret and its passphrase Secret are present and shaped as the sidecar
// expects. No decryption is attempted. Condition OperatorKeyringReady:
// OperatorKeyringValidated / OperatorKeyringNotReady / OperatorKeyringInvalid.
#ifndef SEI_LIB_TASKS_CONTROLLER_VALIDATE_OPERATOR_KEYRING_H_
#define SEI_LIB_TASKS_CONTROLLER_VALIDATE_OPERATOR_KEYRING_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "google/protobuf/struct.pb.h"
#include "lib/tasks/controller/controller_task.h"
#include "lib/tasks/controller/validation_report.h"

namespace sei::tasks {

struct OperatorKeyringParams {
  std::string secret_name;
  std::string key_name;  // may be empty: no particular key required
  std::string passphrase_secret_name;
  std::string passphrase_secret_key;
};

// Checks in order: the three names non-empty (invalid); keyring Secret
// readable (not ready); every `*.info` value non-empty, at least one `*.info`
// and one `*.address` key, `<keyName>.info` present when keyName is set
// (invalid); passphrase Secret readable (not ready); its key present and
// non-empty (invalid).
class ValidateOperatorKeyringTask : public ControllerTask {
 public:
  explicit ValidateOperatorKeyringTask(OperatorKeyringParams params) : params_(std::move(params)) {}

  ExecuteResult Execute(TaskContext& ctx) override;

 private:
  Validation Validate(TaskContext& ctx) const;

  OperatorKeyringParams params_;
};

// Params {secretName, keyName, passphraseSecretName, passphraseSecretKey,
// namespace}.
absl::StatusOr<std::unique_ptr<ControllerTask>> NewValidateOperatorKeyringTask(
    const google::protobuf::Value& params);

}  // namespace sei::tasks

#endif  // SEI_LIB_TASKS_CONTROLLER_VALIDATE_OPERATOR_KEYRING_H_
