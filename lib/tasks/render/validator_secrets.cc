#include "lib/tasks/render/validator_secrets.h"

namespace sei::tasks::render {

ValidatorSecrets ValidatorSecretsOf(const v1alpha1::SeiNode& node) {
  ValidatorSecrets secrets;
  if (!node.spec().has_validator()) return secrets;
  const v1alpha1::ValidatorSpec& validator = node.spec().validator();
  if (validator.signing_key().has_secret()) {
    secrets.signing_key = validator.signing_key().secret().secret_name();
  }
  if (validator.node_key().has_secret()) {
    secrets.node_key = validator.node_key().secret().secret_name();
  }
  if (validator.operator_keyring().has_secret()) {
    const v1alpha1::SecretOperatorKeyringSource& keyring = validator.operator_keyring().secret();
    secrets.has_operator_keyring = true;
    secrets.operator_keyring = keyring.secret_name();
    secrets.passphrase_secret = keyring.passphrase_secret_ref().secret_name();
    secrets.passphrase_key = keyring.passphrase_secret_ref().key();
  }
  return secrets;
}

}  // namespace sei::tasks::render
