// The Secrets a validator's spec names (api.md §5.4), with "" for each one
// that is not configured, so renderers and guards test one field each.
#ifndef SEI_LIB_TASKS_RENDER_VALIDATOR_SECRETS_H_
#define SEI_LIB_TASKS_RENDER_VALIDATOR_SECRETS_H_

#include <string>

#include "proto/sei/v1alpha1/seinode.pb.h"

namespace sei::tasks::render {

struct ValidatorSecrets {
  std::string signing_key;        // validator.signingKey.secret.secretName
  std::string node_key;           // validator.nodeKey.secret.secretName
  std::string operator_keyring;   // validator.operatorKeyring.secret.secretName
  std::string passphrase_secret;  // ...operatorKeyring.secret.passphraseSecretRef.secretName
  std::string passphrase_key;     // ...operatorKeyring.secret.passphraseSecretRef.key
  // True when validator.operatorKeyring.secret is present: the sidecar then
  // uses the file keyring instead of the test keyring.
  bool has_operator_keyring = false;
};

// All empty for non-validators.
ValidatorSecrets ValidatorSecretsOf(const v1alpha1::SeiNode& node);

}  // namespace sei::tasks::render

#endif  // SEI_LIB_TASKS_RENDER_VALIDATOR_SECRETS_H_
